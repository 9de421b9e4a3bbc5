from django.core.management.base import BaseCommand

from samrad.reminders import send_action_reminders, send_routine_reminders


class Command(BaseCommand):
    help = (
        "Daily: mail each party's functional mailbox its overdue actions and those due this "
        "week, and each routine owner's mailbox the routines due for review. Running it "
        "again the same day sends nothing new."
    )

    def handle(self, *args, **options):
        actions = send_action_reminders()
        routines = send_routine_reminders()
        self.stdout.write(
            f"{actions} action reminder(s) and {routines} routine reminder(s) queued."
        )
