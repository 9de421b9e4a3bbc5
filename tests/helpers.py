"""Small helpers shared by the test modules."""

from html.parser import HTMLParser

from wagtail.models import Page


class TagCounter(HTMLParser):
    """Collects tags and attributes of an HTML document."""

    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def find(self, tag, **attrs):
        return [
            found
            for name, found in self.tags
            if name == tag and all(found.get(key) == value for key, value in attrs.items())
        ]


def parse(response):
    parser = TagCounter()
    parser.feed(response.content.decode())
    return parser


def public_pages():
    """Every live public page of the site, in both languages."""
    return list(Page.objects.live().public().filter(depth__gt=1).specific())
