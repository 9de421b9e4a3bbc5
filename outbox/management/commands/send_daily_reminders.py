from django.core.management.base import BaseCommand, CommandError

from outbox.reminders import send_daily_reminders


class Command(BaseCommand):
    help = (
        "Daily: queue the reminders of every app that registered a producer with the "
        '"register_daily_reminders" hook (a party\'s actions due, routines due for review). '
        "Running it again the same day sends nothing new."
    )

    def handle(self, *args, **options):
        results = send_daily_reminders()
        failed = []
        for producer, queued in results:
            name = f"{producer.__module__}.{producer.__name__}"
            if queued is None:
                failed.append(name)
            else:
                self.stdout.write(f"{name}: {queued} reminder(s) queued.")
        if failed:
            # A non-zero exit, so that cron reports it; the others ran.
            raise CommandError(f"Failed: {', '.join(failed)} (see the log).")
