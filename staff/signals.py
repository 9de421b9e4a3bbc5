from django.conf import settings
from django.contrib.auth.models import Permission
from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.models import GroupPagePermission

from organisations.models import County

from .accounts import confirm_email_address
from .models import RoutineIndexPage
from .roles import coordinator_groups

# What the coordinators may do with the routines below an index (not delete: a routine
# is replaced by a new version, and its history is kept).
ROUTINE_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page"]


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def keep_login_address_verified(sender, instance, raw=False, **kwargs):
    if not raw:
        confirm_email_address(instance)


@receiver(post_save, sender=RoutineIndexPage)
def coordinators_keep_the_routines(sender, instance, created, raw=False, **kwargs):
    """The agreement makes the coordinator responsible for the routines, so every routine
    index, however it was created, is theirs to edit (staff/migrations/0009 does the same
    for the indexes that existed before)."""
    if raw or not created:
        return
    permissions = Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=ROUTINE_PAGE_PERMISSIONS
    )
    for group in coordinator_groups():
        for permission in permissions:
            GroupPagePermission.objects.get_or_create(
                group=group, page=instance, permission=permission
            )


@receiver(post_save, sender=County, dispatch_uid="staff-county-staff-area")
def county_gets_its_staff_area(sender, instance, raw=False, **kwargs):
    """Each county its own staff area, made when it is saved (added in the admin, or given
    its site later): its staff home at /personal/ on its site and its private collection."""
    from .setup import ensure_staff_home

    if not raw:
        ensure_staff_home(instance)
