"""Panels on the Wagtail dashboard (registered in wagtail_hooks.py)."""

from django.utils import timezone
from wagtail.admin.ui.components import Component
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from .models import RoutinePage


class RoutinesDueForReviewPanel(Component):
    """The routines whose next review date has come, for the editors who may change them."""

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
        routines = list(
            RoutinePage.due_for_review(timezone.localdate())
            .filter(pk__in=editable.values("pk"))
            .only("title", "next_review", "owner_function")
        )
        return cls(routines) if routines else None

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["routines"] = self.routines
        return context
