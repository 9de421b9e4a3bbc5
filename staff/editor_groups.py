"""The editor role is bound to a county. The role group "Redaktör" opens the admin but holds
no page or collection permissions (staff/migrations/0011_county_bound_editors.py); an editor
edits as a member of the editor group of their party's county ("Redaktör <slug>",
organisations/editors.py), with that county's pages and documents only.

Membership of the county groups follows the role and the party, whoever changed them (the
admin's user form, a script, the demo): signals.py calls place_in_county_editors after each
change, so an account is in its own county's group while it has the role, and never in
another county's."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models import Q

from organisations.editors import editor_group_name, ensure_county_editors
from organisations.models import County

from .roles import EDITOR


def county_editor_groups():
    return Group.objects.filter(name__in=[editor_group_name(c) for c in County.objects.all()])


def own_county_editors(user):
    """The editor group the user belongs in: their county's, if they have the role."""
    if not user.party_id or not user.groups.filter(name=EDITOR).exists():
        return None
    county = user.party.county
    group = Group.objects.filter(name=editor_group_name(county)).first()
    # A county made where no signal runs (a migration) may not have its group yet.
    return group or ensure_county_editors(county)[0]


def place_in_county_editors(user):
    wanted = own_county_editors(user)
    wanted = {wanted.pk} if wanted else set()
    current = set(user.groups.filter(pk__in=county_editor_groups()).values_list("pk", flat=True))
    # Each change sends m2m_changed again; the second pass finds nothing to do.
    if current - wanted:
        user.groups.remove(*(current - wanted))
    if wanted - current:
        user.groups.add(*(wanted - current))


def editors_and_county_editors():
    """The accounts whose county-group membership may be wrong after a group lost members."""
    return (
        get_user_model()
        .objects.filter(Q(groups__name=EDITOR) | Q(groups__in=county_editor_groups()))
        .distinct()
    )
