"""Demo content: the easy-to-read Swedish pages (lättläst), from demo/content/easy_read.toml.

Run by the public loader (demo/public.py) with its Loader, so that the texts can link to
the ordinary pages and to each other with <a page="key">, and each page records the
ordinary page it simplifies. Idempotent as the rest of the loader: what exists is left alone.
"""

import tomllib
from pathlib import Path

from guidance.models import EasyReadFinderPage, EasyReadPage

CONTENT_FILE = Path(__file__).resolve().parent / "content" / "easy_read.toml"


def read_easy_read_content():
    with open(CONTENT_FILE, "rb") as file:
        return tomllib.load(file)


def load_easy_read_content(loader, home):
    """Create the easy-to-read start page below `home` (the Swedish home page) and the
    pages below it. `loader` is demo.public.Loader, with the ordinary pages registered."""
    content = read_easy_read_content()
    items = [content["start"], content["finder"], *content["pages"]]
    loader.links.keys |= {item["key"] for item in items}

    def child(parent, model, item):
        return loader.child(
            parent,
            model,
            item["slug"],
            item["key"],
            item,
            original=loader.links.pages[item["original"]],
        )

    start = child(home, EasyReadPage, content["start"])
    child(start, EasyReadFinderPage, content["finder"])
    for item in content["pages"]:
        child(start, EasyReadPage, item)
    return start
