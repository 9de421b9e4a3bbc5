"""Admin views of the organisations (registered in wagtail_hooks.py)."""

import datetime

from django.db.models import F
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, DateColumn, StatusFlagColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy

from .models import ContactFunction, Party
from .party_scope import parties_for


def party_edit_url(function):
    """Functions are edited inline on their party: each row links to the party's form."""
    return reverse("wagtailsnippets_organisations_party:edit", args=[function.party_id])


class ContactFunctionReportView(ReportView):
    """Every contact function, the longest unverified first, example data flagged.

    A number on the public pages is only as good as its last check: editors work
    down this list, check each number against its source and record the date. The
    public pages leave out a function without a source (and example data): the
    report shows which are missing there.
    """

    page_title = _("Contact functions by verification")
    header_icon = "tick-inverse"
    index_url_name = "organisations_contact_function_report"
    index_results_url_name = "organisations_contact_function_report_results"
    permission_policy = ModelPermissionPolicy(Party)
    permission_required = "change"
    model = ContactFunction
    columns = [
        TitleColumn("name", label=_("Function"), get_url=party_edit_url),
        Column("party", label=_("Party")),
        Column("phone", label=_("Phone")),
        Column("get_audience_display", label=_("Audience")),
        Column("source_label", label=_("Source")),
        DateColumn("verified_on", label=_("Verified on")),
        StatusFlagColumn("is_example", label=_("Example data"), true_label=_("Example data")),
        StatusFlagColumn(
            "is_published",
            label=_("Public pages"),
            true_label=_("Shown"),
            false_label=_("Not shown"),
        ),
    ]
    list_export = [
        "party",
        "name",
        "phone",
        "audience",
        "source",
        "source_url",
        "verified_on",
        "is_example",
    ]

    def get_filename(self):
        return f"contact-functions-{datetime.date.today():%Y-%m-%d}"

    def get_queryset(self):
        # An editor checks the numbers of their own county's parties (party_scope.py).
        functions = ContactFunction.objects.filter(party__in=parties_for(self.request.user))
        functions = functions.select_related("party").order_by(
            F("verified_on").asc(nulls_first=True), "party__sort_order", "sort_order"
        )
        return functions
