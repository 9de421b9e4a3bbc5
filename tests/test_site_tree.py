"""The pages of the request's site (base/sites.py): its root's tree and its translations'
trees, read once per content generation."""

from wagtail.models import Locale, Page, Site

from base.sites import in_request_site, site_tree_paths
from portal.cache import one_generation


def paths_for(rf, site):
    with one_generation():
        return site_tree_paths(rf.get("/", HTTP_HOST=site.hostname))


def test_a_new_translation_of_the_root_is_in_the_site_from_the_next_request(rf, db):
    site = Site.objects.get(is_default_site=True)
    before = paths_for(rf, site)
    assert before == (site.root_page.path,)

    locale, _ = Locale.objects.get_or_create(language_code="en")
    translation = site.root_page.copy_for_translation(locale)

    assert translation.path not in before
    assert set(paths_for(rf, site)) == {site.root_page.path, translation.path}


def test_another_sites_pages_are_not_in_the_site(rf, db):
    site = Site.objects.get(is_default_site=True)
    other_root = Page.get_first_root_node().add_child(instance=Page(title="Annan", slug="annan"))
    Site.objects.create(hostname="annan.example", root_page=other_root)
    child = other_root.add_child(instance=Page(title="Barn", slug="barn"))
    with one_generation():
        request = rf.get("/", HTTP_HOST=site.hostname)
        mine = set(in_request_site(Page.objects.all(), request).values_list("pk", flat=True))
        request = rf.get("/", HTTP_HOST="annan.example")
        theirs = set(in_request_site(Page.objects.all(), request).values_list("pk", flat=True))
    assert child.pk not in mine and site.root_page_id in mine
    assert theirs == {other_root.pk, child.pk}
