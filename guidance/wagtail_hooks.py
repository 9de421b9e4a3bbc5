from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Party
from .rich_text import LocalizedPageLinkHandler
from .views import ContactFunctionReportView


class PartyViewSet(SnippetViewSet):
    """The parties and their contact functions, edited by editors and administrators."""

    model = Party
    icon = "group"
    menu_label = _("Parties")
    menu_order = 200
    add_to_admin_menu = True
    list_display = ["name", "kind", "slug"]
    list_filter = ["kind"]
    # The search runs on Party.search_fields (the name). Naming fields here as well made
    # the SQLite search backend ask its index for a column it does not have (a 500).
    ordering = ["sort_order", "name"]


register_snippet(PartyViewSet)


@hooks.register("register_admin_urls")
def register_contact_function_report_urls():
    # A report rather than a snippet of its own: contact functions are edited inline on
    # their party, so the report only lists them and links to the party's edit form.
    return [
        path(
            "reports/contact-functions/",
            ContactFunctionReportView.as_view(),
            name="guidance_contact_function_report",
        ),
        path(
            "reports/contact-functions/results/",
            ContactFunctionReportView.as_view(results_only=True),
            name="guidance_contact_function_report_results",
        ),
    ]


class ContactFunctionReportMenuItem(MenuItem):
    def is_shown(self, request):
        return ModelPermissionPolicy(Party).user_has_permission(request.user, "change")


@hooks.register("register_reports_menu_item")
def register_contact_function_report_menu_item():
    return ContactFunctionReportMenuItem(
        _("Contact functions by verification"),
        reverse("guidance_contact_function_report"),
        name="contact-functions",
        icon_name="tick-inverse",
        order=800,
    )


@hooks.register("register_rich_text_features", order=1)
def register_localized_page_links(features):
    # After Wagtail's own registration (order 0), so that this handler replaces it.
    features.register_link_type(LocalizedPageLinkHandler)


# The site search's answer to a place name (registers the "search_pointers" hook).
from . import search  # noqa: E402, F401
