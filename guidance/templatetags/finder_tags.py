from django import template

from guidance.models import FinderPage

register = template.Library()


@register.inclusion_tag("tags/municipality_finder.html", takes_context=True)
def municipality_finder(context, page):
    """The municipality finder's form on another page (the home page): the live finder page
    in that page's language, or nothing when there is none."""
    finder = FinderPage.objects.live().filter(locale_id=page.locale_id).first()
    return {
        "request": context["request"],
        "finder": finder,
        "municipalities": finder.municipalities() if finder else [],
    }
