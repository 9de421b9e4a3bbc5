from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import ObjectList
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import party_scope
from .models import County, Party
from .views import ContactFunctionReportView

# Before the viewset registers: Wagtail's views, bulk actions and menus ask this policy.
register_permission_policy(Party, party_scope.OwnCountyPartyPolicy(Party))


class PartyViewSet(SnippetViewSet):
    """The parties and their contact functions, edited by editors (their own county's,
    party_scope.py) and administrators."""

    model = Party
    icon = "group"
    menu_label = _("Parties")
    menu_order = 200
    add_to_admin_menu = True
    list_display = ["name", "kind", "county", "slug"]
    list_filter = ["kind", "county"]
    # The search runs on Party.search_fields (the name). Naming fields here as well made
    # the SQLite search backend ask its index for a column it does not have (a 500).
    ordering = ["sort_order", "name"]
    edit_handler = ObjectList(Party.panels, base_form_class=party_scope.PartyForm)
    edit_view_class = party_scope.EditView
    delete_view_class = party_scope.DeleteView
    usage_view_class = party_scope.UsageView
    history_view_class = party_scope.HistoryView
    chooser_viewset_class = party_scope.PartyChooserViewSet

    def get_queryset(self, request):
        return party_scope.parties_for(request.user)


register_snippet(PartyViewSet)


class CountyViewSet(SnippetViewSet):
    """The counties on the installation. Kept by administrators only: a county decides
    which municipalities a professional may choose and whom the yearly report addresses.
    Editors have no permission on counties, so Wagtail shows them nothing here."""

    model = County
    icon = "site"
    menu_label = _("Counties")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["name", "steering_group", "site"]


register_snippet(CountyViewSet)


@hooks.register("register_admin_urls")
def register_contact_function_report_urls():
    # A report rather than a snippet of its own: contact functions are edited inline on
    # their party, so the report only lists them and links to the party's edit form.
    return [
        path(
            "reports/contact-functions/",
            ContactFunctionReportView.as_view(),
            name="organisations_contact_function_report",
        ),
        path(
            "reports/contact-functions/results/",
            ContactFunctionReportView.as_view(results_only=True),
            name="organisations_contact_function_report_results",
        ),
    ]


class ContactFunctionReportMenuItem(MenuItem):
    def is_shown(self, request):
        return ModelPermissionPolicy(Party).user_has_permission(request.user, "change")


@hooks.register("register_reports_menu_item")
def register_contact_function_report_menu_item():
    return ContactFunctionReportMenuItem(
        _("Contact functions by verification"),
        reverse("organisations_contact_function_report"),
        name="contact-functions",
        icon_name="tick-inverse",
        order=800,
    )
