from django import template

from .. import fieldsets

register = template.Library()


@register.simple_tag
def case_sections(samrad_request, *names, printing=False):
    """The named sections of the request (samrad/fieldsets.py) with the rows to show."""
    return fieldsets.shown_sections(samrad_request, names, printing=printing)
