from django import template

register = template.Library()


@register.filter
def any_errors(fields):
    """Whether any of these bound fields has an error: its section of a form opens."""
    return any(field.errors for field in fields)
