from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import PrivacyNotice, RetentionDecision


class RetentionDecisionViewSet(SnippetViewSet):
    """Kept by administrators only: no role is granted its permissions."""

    model = RetentionDecision
    icon = "date"
    menu_label = _("Retention decisions")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["authority", "reference", "retention_days", "valid_from"]


register_snippet(RetentionDecisionViewSet)


class PrivacyNoticeViewSet(SnippetViewSet):
    """The parties' GDPR Art. 13/14 notices, kept by administrators only."""

    model = PrivacyNotice
    icon = "info-circle"
    menu_label = _("Privacy notices")
    menu_order = 211
    add_to_admin_menu = True
    list_display = ["party", "audience", "controller"]
    list_filter = ["audience"]


register_snippet(PrivacyNoticeViewSet)
