from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models.signals import m2m_changed, post_save
from django.dispatch import receiver
from wagtail.models import GroupPagePermission

from organisations.models import Party

from .accounts import confirm_email_address
from .editor_groups import editors_and_county_editors, place_in_county_editors
from .models import RoutineIndexPage
from .roles import EDITOR, coordinator_groups

# What the coordinators may do with the routines below an index (not delete: a routine
# is replaced by a new version, and its history is kept).
ROUTINE_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page"]


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def keep_login_address_verified(sender, instance, raw=False, **kwargs):
    if not raw:
        confirm_email_address(instance)


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def editor_follows_party(sender, instance, created, raw=False, update_fields=None, **kwargs):
    """A new party moves an editor to the new county's editor group (staff.editor_groups).
    A new account has no groups yet: adding them sends m2m_changed below."""
    if raw or created or (update_fields is not None and "party" not in update_fields):
        return
    place_in_county_editors(instance)


@receiver(m2m_changed, sender=get_user_model().groups.through)
def editor_follows_role(sender, instance, action, reverse, pk_set, **kwargs):
    """Roles given or taken (user.groups, or group.user_set from the group's side)."""
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        place_in_county_editors(instance)
        return
    if action == "post_clear":
        users = editors_and_county_editors()
    else:
        users = get_user_model().objects.filter(pk__in=pk_set)
    for user in users:
        place_in_county_editors(user)


@receiver(post_save, sender=Party)
def editors_follow_their_partys_county(sender, instance, raw=False, **kwargs):
    """A party moved to another county takes its editors to that county's group."""
    if raw:
        return
    for user in instance.members.filter(groups__name=EDITOR):
        place_in_county_editors(user)


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
