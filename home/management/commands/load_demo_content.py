from django.core.management.base import BaseCommand

from home.demo import load_public_content


class Command(BaseCommand):
    help = "Create the demo content (public pages, parties, settings). Safe to run again."

    def handle(self, *args, **options):
        load_public_content()
        self.stdout.write(self.style.SUCCESS("Demo content is in place."))
