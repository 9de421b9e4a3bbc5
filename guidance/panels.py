"""Editor panels for public pages."""

from django.utils.html import format_html
from wagtail.admin.panels import Panel

from base.lix import html_readability


def page_readability(page):
    """LIX counts of what a page shows as its own text: the title, the introduction and
    the body, as rendered (so what the reader reads, links and lists included)."""
    body = page.body.render_as_block() if page.body else ""
    html = format_html("<h1>{}</h1><p>{}</p>", page.title or "", page.intro or "") + body
    return html_readability(html)


class ReadabilityPanel(Panel):
    """Read-only: the LIX of the page as saved (the revision the editor opened), with the
    target when there is one (below 30 for easy-to-read Swedish)."""

    def __init__(self, target=None, **kwargs):
        super().__init__(**kwargs)
        self.target = target

    def clone_kwargs(self):
        kwargs = super().clone_kwargs()
        kwargs["target"] = self.target
        return kwargs

    @property
    def clean_name(self):
        return super().clean_name or "readability"

    class BoundPanel(Panel.BoundPanel):
        template_name = "guidance/panels/readability_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            saved = self.instance is not None and self.instance.pk is not None
            readability = page_readability(self.instance) if saved else None
            context.update(
                readability=readability,
                target=self.panel.target,
                on_target=(
                    readability is not None
                    and self.panel.target is not None
                    and readability.words > 0
                    and readability.lix < self.panel.target
                ),
            )
            return context
