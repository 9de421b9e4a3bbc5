from django.conf import settings
from django.db.models.signals import post_save
from django.dispatch import receiver

from .accounts import confirm_email_address


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def keep_login_address_verified(sender, instance, raw=False, **kwargs):
    if not raw:
        confirm_email_address(instance)
