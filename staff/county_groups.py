"""The editor and coordinator roles are bound to a county. The role groups "Redaktör" and
"Samordnare" hold no page permissions (staff/migrations/0011_county_bound_editors.py,
0013_county_bound_coordinators.py); an editor edits as a member of the editor group of their
party's county ("Redaktör <slug>", organisations/editors.py), with that county's pages and
documents only, and a coordinator keeps the routines as a member of the coordinator group
of their party's county ("Samordnare <slug>", ensure_county_coordinators), with that
county's routine indexes only.

Membership of the county groups follows the role and the party, whoever changed them (the
admin's user form, a script, the demo): signals.py calls place_in_county_groups after each
change, so an account is in its own county's group of each role it has, and never in
another county's."""

from typing import NamedTuple

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models import Q
from wagtail.models import GroupPagePermission

from organisations.editors import editor_group_name, ensure_county_editors, model_permissions
from organisations.models import County

from .counties import in_county
from .models import RoutineIndexPage
from .roles import COORDINATOR, EDITOR

# What the coordinators may do with the routines below an index (not delete: a routine
# is replaced by a new version, and its history is kept).
ROUTINE_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page"]


def coordinator_group_name(county):
    # By the slug, which stays when the county's name is corrected.
    return f"{COORDINATOR} {county.slug}"


def ensure_county_coordinators(county):
    """The county's coordinator group, with the routine indexes on the county's site (the
    agreement makes the coordinators responsible for the routines). Made when a county is
    saved, after its staff area, and again when a routine index is added (signals.py);
    running it again changes nothing."""
    group, _created = Group.objects.get_or_create(name=coordinator_group_name(county))
    permissions = model_permissions("wagtailcore", ROUTINE_PAGE_PERMISSIONS)
    for index in in_county(RoutineIndexPage.objects.all(), county):
        for permission in permissions:
            GroupPagePermission.objects.get_or_create(
                group=group, page=index, permission=permission
            )
    return group


class CountyRole(NamedTuple):
    role: str  # the role group's name
    group_name: object  # county -> the name of the role's group for the county
    ensure: object  # county -> that group, made with its permissions


COUNTY_ROLES = (
    CountyRole(EDITOR, editor_group_name, lambda county: ensure_county_editors(county)[0]),
    CountyRole(COORDINATOR, coordinator_group_name, ensure_county_coordinators),
)


def county_groups():
    """Every county's group of each county-bound role."""
    counties = list(County.objects.all())
    return Group.objects.filter(
        name__in=[role.group_name(county) for role in COUNTY_ROLES for county in counties]
    )


def own_county_groups(user):
    """The county groups the user belongs in: their county's, of each role they have."""
    if not user.party_id:
        return set()
    held = set(
        user.groups.filter(name__in=[role.role for role in COUNTY_ROLES]).values_list(
            "name", flat=True
        )
    )
    county = user.party.county
    wanted = set()
    for role in COUNTY_ROLES:
        if role.role in held:
            group = Group.objects.filter(name=role.group_name(county)).first()
            # A county made where no signal runs (a migration) may not have its group yet.
            wanted.add((group or role.ensure(county)).pk)
    return wanted


def place_in_county_groups(user):
    wanted = own_county_groups(user)
    current = set(user.groups.filter(pk__in=county_groups()).values_list("pk", flat=True))
    # Each change sends m2m_changed again; the second pass finds nothing to do.
    if current - wanted:
        user.groups.remove(*(current - wanted))
    if wanted - current:
        user.groups.add(*(wanted - current))


def role_holders_and_county_members():
    """The accounts whose county-group membership may be wrong after a group lost members."""
    roles = [role.role for role in COUNTY_ROLES]
    return (
        get_user_model()
        .objects.filter(Q(groups__name__in=roles) | Q(groups__in=county_groups()))
        .distinct()
    )
