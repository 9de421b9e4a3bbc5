from django.core.management.base import BaseCommand
from django.db import transaction

from base.setup import ensure_home_page
from organisations.models import County
from staff.setup import ensure_private_collection, ensure_staff_home


class Command(BaseCommand):
    help = (
        "Make a new site ready without demo content: the home page, each county's staff "
        "area (its home page with its view restriction and its private document "
        "collection) and the shared private collection. Safe to repeat."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        ensure_home_page({"title": "Operation Norrsken", "intro": "", "body": []})
        ensure_private_collection()
        for county in County.objects.select_related("site"):
            staff_home = ensure_staff_home(county)
            where = staff_home.full_url if staff_home else "none: the county has no site yet"
            self.stdout.write(f"{county}: staff area at {where}")
        self.stdout.write(self.style.SUCCESS("The site is ready."))
