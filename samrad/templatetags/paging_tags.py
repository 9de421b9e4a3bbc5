from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def page_url(context, number, param="sida"):
    """The current address's query with another page number: filters and the other
    lists' pages are kept."""
    query = context["request"].GET.copy()
    query[param] = number
    return "?" + query.urlencode()
