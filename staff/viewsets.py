from wagtail.users.views import users

from .accounts import send_account_created_email
from .forms import StaffUserCreationForm, StaffUserEditForm


class CreateView(users.CreateView):
    def save_instance(self):
        user = super().save_instance()
        send_account_created_email(user)
        return user


class UserViewSet(users.UserViewSet):
    add_view_class = CreateView

    def get_form_class(self, for_update=False):
        return StaffUserEditForm if for_update else StaffUserCreationForm
