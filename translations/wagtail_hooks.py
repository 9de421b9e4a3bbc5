from django.urls import include, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import ListingButton

from . import views
from .status import status_of_page

admin_urls = [
    path("", views.TranslationIndexView.as_view(), name="index"),
    path("<int:translation_id>/", views.TranslationStatusView.as_view(), name="status"),
]


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("translations/", include((admin_urls, "translations"), namespace="translations"))]


class TranslatorsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(views.SUBMIT_TRANSLATION)


@hooks.register("register_reports_menu_item")
def register_status_menu_item():
    return TranslatorsMenuItem(
        gettext_lazy("Translation status"),
        reverse("translations:index"),
        icon_name="globe",
        order=700,
    )


def status_button(page, user, view_name=None, next_url=None):
    """On a translated page, in the page listing and the editor's header: where it stands."""
    status = status_of_page(page)
    if status is None or not views.may_edit(user, page):
        return
    label = _("Translation: %(state)s, checked by a translator: %(checked)s") % {
        "state": status.label,
        "checked": _("yes") if status.checked else _("no"),
    }
    yield ListingButton(
        label,
        reverse("translations:status", args=[status.translation.pk]),
        icon_name="globe",
        priority=70,
    )


hooks.register("register_page_listing_more_buttons", status_button)
hooks.register("register_page_header_buttons", status_button)
