"""LIX (läsbarhetsindex), the Swedish readability index, of a text or of HTML as shown.

LIX = words / sentences + 100 × long words / words, where a long word has more than six
letters (Björnsson 1968). Under 30 is very easy text, the level that easy-to-read Swedish
(lättläst) aims at; 30-40 easy; 40-50 ordinary prose; over 50 hard.

On a web page a heading, a list item or a table cell is a unit of its own even without a
full stop, so every block element ends a sentence here as well as ".", "!", "?" and ":".
Numbers (phone numbers, dates) are not words. A pure module: no Django, no database.
"""

import re
from dataclasses import dataclass
from html.parser import HTMLParser

LONG_WORD = 6  # letters; a word with more is long
EASY_READ_TARGET = 30  # lättläst: LIX below this

# Elements whose start and end break the text into units (each ends a sentence).
BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "br", "button", "caption", "dd", "details",
    "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
    "h4", "h5", "h6", "header", "hr", "label", "legend", "li", "main", "nav", "ol", "option",
    "p", "pre", "section", "select", "summary", "table", "td", "th", "tr", "ul",
}  # fmt: skip
# Elements whose content is never shown as text.
HIDDEN_TAGS = {"script", "style", "template", "noscript", "head", "title"}

BREAK = "\n\n"
WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
SENTENCE_END = re.compile(r"[.!?:]+(?=\s|$)")


class _VisibleText(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in HIDDEN_TAGS:
            self.hidden += 1
        elif tag in BLOCK_TAGS:
            self.parts.append(BREAK)

    def handle_startendtag(self, tag, attrs):
        if tag in BLOCK_TAGS:
            self.parts.append(BREAK)

    def handle_endtag(self, tag):
        if tag in HIDDEN_TAGS:
            self.hidden = max(0, self.hidden - 1)
        elif tag in BLOCK_TAGS:
            self.parts.append(BREAK)

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def visible_text(html):
    """The text a reader sees in `html`, with a blank line between block elements."""
    parser = _VisibleText()
    parser.feed(html)
    parser.close()
    units = ("".join(parser.parts)).split(BREAK)
    return BREAK.join(" ".join(unit.split()) for unit in units if unit.strip())


@dataclass(frozen=True)
class Readability:
    words: int
    sentences: int
    long_words: int

    @property
    def lix(self):
        if not self.words:
            return 0.0
        return self.words / max(self.sentences, 1) + 100 * self.long_words / self.words

    @property
    def is_easy_to_read(self):
        return self.words > 0 and self.lix < EASY_READ_TARGET


def readability(text):
    """Counts of a plain text whose blank lines separate units (see visible_text)."""
    words = sentences = long_words = 0
    for unit in re.split(r"\n\s*\n", text):
        for sentence in SENTENCE_END.split(unit):
            found = WORD.findall(sentence)
            if found:
                sentences += 1
                words += len(found)
                long_words += sum(1 for word in found if len(word) > LONG_WORD)
    return Readability(words=words, sentences=sentences, long_words=long_words)


def lix(text):
    """LIX of a plain text."""
    return readability(text).lix


def html_readability(html):
    """Counts of the visible text of an HTML fragment or document."""
    return readability(visible_text(html))
