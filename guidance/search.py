"""The site search's answer to a place name: the help in the place's municipality
(base.models.SearchSettings.places, read by base/views.py through this hook)."""

from django.utils.translation import gettext as _
from wagtail import hooks

from base.search import Pointer, parse_pointers, pointed_targets
from base.sites import in_request_site
from portal.cache import active_locale, public

from .models import FinderPage


@hooks.register("search_pointers")
def help_in_the_places_named(request, words, search_settings):
    """[Pointer] to the finder's page for the municipality of each place in the search."""
    targets = pointed_targets(words, parse_pointers(search_settings.places), whole=False)
    if not targets:
        return []
    # The finder of this site: a place in another county's site is not this site's to answer.
    finder = in_request_site(public(FinderPage.objects.live()), request)
    finder = finder.filter(locale=active_locale()).first()
    if finder is None:
        return []
    municipalities = {m.slug: m for m in finder.municipalities(request)}
    base = finder.get_url(request)
    pointers = []
    for place, slug in targets:
        municipality = municipalities.get(slug)
        if municipality is None:
            continue
        name = municipality.text
        if place.lower() in name["name"].lower():
            intro = _("Who can help you in %(municipality)s, and how to reach them.")
        else:
            intro = _(
                "%(place)s is in %(municipality)s. Who can help you there, and how to reach them."
            )
        pointers.append(
            Pointer(
                base + finder.reverse_subpage("municipality", args=[slug]),
                _("Help in %(name)s") % {"name": name["short_name"]},
                intro % {"place": place, "municipality": name["name"]},
            )
        )
    return pointers
