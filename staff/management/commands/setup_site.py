from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.translation import gettext as _

from base.setup import ensure_home_page
from staff.setup import ensure_private_collection, ensure_staff_home


class Command(BaseCommand):
    help = (
        "Make a new site ready without demo content: the home page, the staff area's home "
        "page with its view restriction and the private document collection. Safe to repeat."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        ensure_home_page({"title": "Operation Norrsken", "intro": "", "body": []})
        ensure_private_collection()
        staff_home = ensure_staff_home({"title": _("Staff area"), "intro": "", "body": []})
        self.stdout.write(self.style.SUCCESS(f"The site is ready; staff area at {staff_home.url}"))
