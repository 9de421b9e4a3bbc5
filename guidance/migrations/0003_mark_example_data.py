"""Existing contact functions get a source or are marked as example data.

Only the national numbers that their operators publish keep their number on the public
pages, each with the address it was published on. Every other number (the demo's
070-174 06 xx series, which no source document gives) becomes example data: the page
marks it and shows no number until an editor records a real one with its source.
Functions for professionals (consultation for professionals) become staff-only.
"""

from django.db import migrations

# Numbers whose operator publishes them nationally, and where.
PUBLISHED = {
    "112": "https://www.112.se/",
    "114 14": "https://polisen.se/",
    "1177": "https://www.1177.se/",
    "020-50 50 50": "https://kvinnofridslinjen.se/",
    "116 006": "https://www.brottsofferjouren.se/",
}
EXAMPLE_NOTE = "Exempeluppgift i demoinnehållet – kontrollera och ersätt."
PROFESSIONAL_WORDS = ("yrkesverksamma", "professionals")


def forwards(apps, schema_editor):
    ContactFunction = apps.get_model("guidance", "ContactFunction")
    for function in ContactFunction.objects.all():
        changed = []
        if function.phone.strip() in PUBLISHED and not function.source:
            function.source = "published"
            function.source_url = PUBLISHED[function.phone.strip()]
            changed += ["source", "source_url"]
        elif (function.phone or function.email) and not function.source:
            function.is_example = True
            changed.append("is_example")
        if function.note == EXAMPLE_NOTE:
            # The flag replaces the note; the page shows its own example mark.
            function.is_example = True
            function.note = ""
            changed += ["is_example", "note"]
        if any(word in function.name.lower() for word in PROFESSIONAL_WORDS):
            function.audience = "professionals"
            changed.append("audience")
        if changed:
            function.save(update_fields=sorted(set(changed)))


class Migration(migrations.Migration):
    dependencies = [("guidance", "0002_contact_function_source")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
