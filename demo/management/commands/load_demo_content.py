from django.conf import settings
from django.core.management.base import BaseCommand

from demo.norrbotten import ACCOUNTS as NORRBOTTEN_ACCOUNTS
from demo.norrbotten import load_norrbotten
from demo.public import load_public_content
from demo.samrad_week import ensure_demo_samrad
from demo.staff import create_demo_accounts, load_staff_content


class Command(BaseCommand):
    help = "Create the demo content (public and staff pages, parties, settings). Safe to run again."

    def handle(self, *args, **options):
        load_public_content()
        load_staff_content()
        if settings.DEBUG:
            for email in create_demo_accounts():
                self.stdout.write(f"Created demo account {email}")
            # A second county on the same installation, served on another host name.
            load_norrbotten()
            for email in create_demo_accounts(NORRBOTTEN_ACCOUNTS):
                self.stdout.write(f"Created demo account {email}")
            if ensure_demo_samrad():
                self.stdout.write("Created a demo samråd week and last year's figures")
        self.stdout.write(self.style.SUCCESS("Demo content is in place."))
