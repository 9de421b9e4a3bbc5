from django.core.management.base import BaseCommand

from outbox.tasks import send_pending


class Command(BaseCommand):
    help = "Send the e-mail still waiting in the outbox (the worker also retries by itself)."

    def handle(self, *args, **options):
        remaining = send_pending()
        self.stdout.write(f"{remaining} e-mail(s) still waiting.")
