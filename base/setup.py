"""Creating the pages a site needs: used by `manage.py setup_site` and the demo loader."""

from wagtail.models import Page, Site

from .models import HomePage


def publish(page):
    page.save_revision().publish()
    return page


def ensure_child(parent, model, slug, **fields):
    """The live child of `parent` with this slug, created and published if missing."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    return publish(page)


def ensure_home_page(fields):
    """Replace Wagtail's welcome page with the portal's home page, once."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is not None and isinstance(site.root_page.specific, HomePage):
        return site, site.root_page.specific
    root = Page.get_first_root_node()
    home = ensure_child(root, HomePage, "hem", **fields)
    if site is None:
        site = Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True
        )
    else:
        site.root_page = home
        site.site_name = "Operation Norrsken"
        site.save()
    # Only once the site has left it: deleting a site's root page deletes the site, and
    # its county (organisations/migrations/0004_jamtland.py) would lose it.
    for welcome in root.get_children().exact_type(Page):
        if not welcome.get_children().exists():
            welcome.delete()
    return site, home
