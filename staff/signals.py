from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models.signals import m2m_changed, post_save
from django.dispatch import receiver

from organisations.models import County, Party

from .accounts import confirm_email_address
from .counties import county_of_page
from .county_groups import (
    COUNTY_ROLES,
    ensure_county_coordinators,
    place_in_county_groups,
    role_holders_and_county_members,
)
from .models import RoutineIndexPage


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def keep_login_address_verified(sender, instance, raw=False, **kwargs):
    if not raw:
        confirm_email_address(instance)


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def county_groups_follow_party(sender, instance, created, raw=False, update_fields=None, **kwargs):
    """A new party moves an editor or coordinator to the new county's group of their role
    (staff.county_groups).
    A new account has no groups yet: adding them sends m2m_changed below."""
    if raw or created or (update_fields is not None and "party" not in update_fields):
        return
    place_in_county_groups(instance)


@receiver(m2m_changed, sender=get_user_model().groups.through)
def county_groups_follow_roles(sender, instance, action, reverse, pk_set, **kwargs):
    """Roles given or taken (user.groups, or group.user_set from the group's side)."""
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        place_in_county_groups(instance)
        return
    if action == "post_clear":
        users = role_holders_and_county_members()
    else:
        users = get_user_model().objects.filter(pk__in=pk_set)
    for user in users:
        place_in_county_groups(user)


@receiver(post_save, sender=Party)
def county_groups_follow_the_partys_county(sender, instance, raw=False, **kwargs):
    """A party moved to another county takes its editors and coordinators to that county's
    groups."""
    if raw:
        return
    roles = [role.role for role in COUNTY_ROLES]
    for user in instance.members.filter(groups__name__in=roles).distinct():
        place_in_county_groups(user)


@receiver(post_save, sender=RoutineIndexPage)
def coordinators_keep_the_routines(sender, instance, created, raw=False, **kwargs):
    """The agreement makes the coordinators responsible for the routines, so every routine
    index, however it was created, is for its county's coordinators to edit
    (staff.county_groups; staff/migrations/0013 did the same for the indexes that existed
    before)."""
    if raw or not created:
        return
    county = county_of_page(instance)
    if county is not None:
        ensure_county_coordinators(county)


@receiver(post_save, sender=County, dispatch_uid="staff-county-staff-area")
def county_gets_its_staff_area(sender, instance, raw=False, **kwargs):
    """Each county its own staff area, made when it is saved (added in the admin, or given
    its site later): its staff home at /personal/ on its site and its private collection."""
    from .setup import ensure_staff_home

    if not raw:
        ensure_staff_home(instance)
        # After the staff area: the group gets the routine indexes the county already has.
        ensure_county_coordinators(instance)
