from django.core.management.base import BaseCommand
from django.db import transaction

from samrad.fields import EncryptedTextField
from samrad.models import Action, AuditEntry, InformationRequest, SamradRecord, SamradRequest
from samrad.scope import across_counties


def encrypted_fields(model):
    return [field.name for field in model._meta.fields if isinstance(field, EncryptedTextField)]


class Command(BaseCommand):
    help = (
        "Re-encrypt every encrypted column with the newest key in FIELD_ENCRYPTION_KEYS. "
        "Put the new key first, run this, then remove the old key."
    )

    def handle(self, *args, **options):
        # Every county's rows, on purpose.
        with across_counties():
            total = self.reencrypt()
        self.stdout.write(f"Re-encrypted {total} row(s) with the newest key.")

    def reencrypt(self):
        total = 0
        for model in (SamradRequest, Action, SamradRecord, InformationRequest):
            names = encrypted_fields(model)
            for pk in model.objects.values_list("pk", flat=True).iterator():
                with transaction.atomic():
                    # Reading decrypts with whichever key fits; saving encrypts with the newest.
                    instance = model.objects.select_for_update().get(pk=pk)
                    instance.save(update_fields=names)
                    if model is SamradRequest:
                        AuditEntry.record(None, AuditEntry.Event.REENCRYPTED, instance)
                total += 1
        return total
