from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from staff.roles import may_read_staff_area

from .access import is_coordinator, is_representative, may_read_audit_log, may_send_requests
from .models import Provision
from .reminders import send_action_reminders, send_question_reminders


class ProvisionViewSet(SnippetViewSet):
    """The provisions that allow sharing. No role is granted them: only administrators
    keep this list, since what it offers decides what may be shared."""

    model = Provision
    icon = "doc-full"
    menu_label = gettext_lazy("Provisions")
    list_display = ["reference", "title", "recipients", "valid_from", "valid_to"]
    search_fields = None
    ordering = ["reference"]


register_snippet(ProvisionViewSet)


@hooks.register("register_staff_menu_items")
def samrad_menu_items(user):
    """The samråd links this user's roles allow, for the staff menu (staff.templatetags)."""
    links = []
    if may_send_requests(user):
        links += [(_("Request a samråd"), "samrad:start"), (_("My requests"), "samrad:mine")]
    if is_coordinator(user):
        links += [
            (_("My week"), "samrad:week"),
            (_("Inbox"), "samrad:inbox"),
            (_("Meetings"), "samrad:meetings"),
            (_("Statistics"), "samrad:statistics"),
        ]
    if is_representative(user):
        links += [
            (_("My party's samråd"), "samrad:representative"),
            (_("My party's actions"), "samrad:representative_actions"),
        ]
    if may_read_audit_log(user):
        links.append((_("Audit log"), "samrad:audit_log"))
    if may_read_staff_area(user):
        links.append((_("Privacy notices"), "privacy_notices"))
    return [(label, reverse(name)) for label, name in links]


# The outbox's daily reminders (manage.py send_daily_reminders): each party's open actions
hooks.register("register_daily_reminders", send_action_reminders)
# ... and the questions to professionals left unanswered.
hooks.register("register_daily_reminders", send_question_reminders)
