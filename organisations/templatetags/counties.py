from django import template

register = template.Library()


@register.simple_tag
def county_of(user):
    """The county of the user's party, or None: a coordinator's yearly report is addressed
    to their own county's leadership group."""
    party = getattr(user, "party", None)
    return party.county if party is not None else None
