from django.contrib import messages
from django.db import router
from django.db.models.deletion import Collector, ProtectedError
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail.users.views import users
from wagtail.users.views.bulk_actions.delete import DeleteBulkAction

from .accounts import send_account_created_email
from .forms import StaffUserCreationForm, StaffUserEditForm

KEPT_WITH_RECORDS = _(
    "The account stays with the samråd requests and meetings it created, so it cannot be "
    "deleted. Make it inactive instead (the “Active” box on the account)."
)


def kept_with_records(user):
    """Rows that must outlive the account refer to it (on_delete=PROTECT: the samråd
    requests and meetings it created)."""
    try:
        Collector(using=router.db_for_write(type(user))).collect([user])
    except ProtectedError:
        return True
    return False


class CreateView(users.CreateView):
    def save_instance(self):
        user = super().save_instance()
        send_account_created_email(user)
        return user


class DeleteView(users.DeleteView):
    """Wagtail's user deletion knows nothing of the samråd records that keep an account:
    the database refused and the administrator got a 500."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ProtectedError:
            messages.error(self.request, KEPT_WITH_RECORDS)
            return redirect("wagtailusers_users:edit", self.object.pk)


class DeleteUsersBulkAction(DeleteBulkAction):
    """The bulk deletion leaves out the accounts kept with their records (listed as not
    deletable on its confirmation page) instead of failing on them."""

    def check_perm(self, obj):
        return super().check_perm(obj) and not kept_with_records(obj)


class UserViewSet(users.UserViewSet):
    add_view_class = CreateView
    delete_view_class = DeleteView

    def get_form_class(self, for_update=False):
        return StaffUserEditForm if for_update else StaffUserCreationForm
