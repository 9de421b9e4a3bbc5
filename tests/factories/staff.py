"""Staff accounts with a role, a party and a second factor."""

from staff import roles

from ..helpers import JAMTLAND_PARTY, make_user
from .organisations import party as make_party


def user(email="yrke@example.org", role=None, party=JAMTLAND_PARTY, **options):
    """An account (tests/helpers.make_user: Östersund's unless another party is given);
    `party` is a Party or a slug."""
    if isinstance(party, str):
        party = make_party(party)
    return make_user(email, role=role, party=party, **options)


def professional(email="yrke@example.org", party="krokom", **options):
    return user(email, role=roles.PROFESSIONAL, party=party, **options)


def coordinator(email="samordnare@example.org", party="ostersund", **options):
    return user(email, role=roles.COORDINATOR, party=party, **options)


def representative(email="rep@example.org", party="polisen", **options):
    """The party's samråd representative."""
    return user(email, role=roles.REPRESENTATIVE, party=party, **options)
