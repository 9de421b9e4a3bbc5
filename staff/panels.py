"""Panels on the Wagtail dashboard (registered in wagtail_hooks.py)."""

from django.utils import timezone
from wagtail.admin.ui.components import Component
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from organisations.models import County

from .counties import in_county
from .models import RoutinePage


class RoutinesDueForReviewPanel(Component):
    """The routines whose next review date has come, for the editors and coordinators who
    may change them: their own county's (an administrator's: every county's)."""

    name = "routines_due_for_review"
    template_name = "staff/panels/routines_due_for_review.html"
    order = 90  # above Wagtail's own panels: an overdue routine is work to do

    def __init__(self, routines):
        self.routines = routines

    @classmethod
    def for_user(cls, user):
        editable = PagePermissionPolicy(Page).instances_user_has_any_permission_for(
            user, ["change", "publish"]
        )
        routines = RoutinePage.due_for_review(timezone.localdate()).filter(
            pk__in=editable.values("pk")
        )
        if not user.is_superuser:
            # Not only by permission: a group granted another county's pages by hand still
            # does not put that county's routines on the dashboard.
            routines = in_county(routines, County.objects.filter(pk=user.county_id).first())
        routines = list(routines.only("title", "next_review", "owner_function"))
        return cls(routines) if routines else None

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["routines"] = self.routines
        return context
