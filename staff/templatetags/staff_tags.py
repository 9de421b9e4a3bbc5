from django import template
from wagtail import hooks

from base.templatetags.navigation_tags import link, menu_items
from staff.counties import staff_home_for
from staff.roles import may_read_staff_area

register = template.Library()


@register.inclusion_tag("tags/staff_menu.html", takes_context=True)
def staff_menu(context, current=None):
    request = context["request"]
    home = None
    items = []
    if may_read_staff_area(request.user):
        # The user's own county's, whichever county's site the page is on.
        home = staff_home_for(request)
    if home is not None:
        items = menu_items([link(p, request) for p in home.get_children().live()], current)
    return {"home": home, "items": items, "user": request.user, "samrad": samrad_links(request)}


def samrad_links(request):
    """The links other apps add to the staff menu (hook "register_staff_menu_items": a
    function of the user returning (label, URL) pairs), marked current by path."""
    resolved = [
        pair for hook in hooks.get_hooks("register_staff_menu_items") for pair in hook(request.user)
    ]
    # The longest address the path starts with is the current one (one may hold another).
    current = max(
        (url for _label, url in resolved if request.path.startswith(url)), key=len, default=None
    )
    return [(label, url, url == current) for label, url in resolved]
