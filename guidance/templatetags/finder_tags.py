from django import template

from base.templatetags.navigation_tags import localized_root, menu_pages
from guidance.models import FinderPage
from portal.cache import public

register = template.Library()


def finder_link(request):
    """(title, url) of the live finder page in the active language, else None. Looked for
    among the main menu's pages, which the menu has read for this request already; asked
    for on its own only when the finder is not in the menu."""
    finder = next((page for page in menu_pages(request) if page.specific_class is FinderPage), None)
    if finder is None:
        root = localized_root(request)
        if root is None:
            return None
        # This site's finder: another county's site has its own.
        finder = (
            public(FinderPage.objects.live().descendant_of(root)).filter(locale_id=root.locale_id)
        ).first()
    return (finder.title, finder.get_url(request)) if finder else None


@register.inclusion_tag("includes/help_now.html", takes_context=True)
def help_now(context, finder="link", page=None):
    """Under the header of a public page: the featured help line and the way to the help
    in one's municipality. `finder`: "link" (to the finder page), "form" (the finder's
    form, on the home page `page`: the live finder in its language) or "" (none: on the
    finder itself)."""
    request = context["request"]
    shown = {"request": request}
    if finder == "form" and page is not None:
        form_page = (
            FinderPage.objects.live().descendant_of(page).filter(locale_id=page.locale_id).first()
        )
        if form_page is not None:
            shown.update(finder_form=form_page, municipalities=form_page.municipalities(request))
    elif finder == "link":
        link = finder_link(request)
        if link is not None:
            shown.update(finder_title=link[0], finder_url=link[1])
    return shown
