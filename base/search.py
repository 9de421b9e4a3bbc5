"""What a search for the words people use should also look for.

PostgreSQL's Swedish dictionary ("SEARCH_CONFIG": "swedish") folds many word forms, but
not the definite forms that end in -et or -t ("våldet", "samtycket"); and people write
"misshandel" where the pages say "våld". So each word also looks for its forms without a
definite ending, and for the synonyms editors list in the site settings.
"""

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType

from wagtail.search.query import And, Or, PlainText

# Definite and plural endings, longest first; the stem left must keep three letters.
ENDINGS = ("erna", "arna", "orna", "heten", "en", "et", "na", "n", "t")
MIN_STEM = 3
SYNONYM_LINE = re.compile(r"^\s*(?P<words>[^=]+?)\s*=\s*(?P<target>.+?)\s*$")
# Only words reach the search backend: quotes and operators break SQLite's full-text
# syntax. A word needs a letter or a digit: PostgreSQL's backend reads "-" or "–-" as
# nothing, and a query with an empty part is a TypeError there (a 500).
NOT_A_WORD = re.compile(r"[^\w\s-]+")
LETTER_OR_DIGIT = re.compile(r"[^\W_]")


@dataclass(frozen=True)
class Pointer:
    """A result the editors' lists point to (base/views.py), shown before the others."""

    url: str
    title: str
    intro: str = ""
    page_id: int | None = None


def search_words(text):
    """The words of what was typed, without operators, quotes and words of dashes alone."""
    return [word for word in NOT_A_WORD.sub(" ", text).split() if LETTER_OR_DIGIT.search(word)]


# Each search asks for the forms of every word in each result's title: computed once per
# word. The cached values are tuples, which no caller can change for the next one.
@lru_cache(maxsize=4096)
def word_forms(word):
    """The word and what it may be without a definite or plural ending (never a stem of
    dashes alone: "---et" is not searched as "---")."""
    forms = [word]
    for ending in ENDINGS:
        stem = word[: -len(ending)]
        if word.endswith(ending) and len(stem) >= MIN_STEM and LETTER_OR_DIGIT.search(stem):
            forms.append(stem)
    return tuple(dict.fromkeys(forms))


# The site settings' lists are read on every search and change rarely: parsed once per text.
@lru_cache(maxsize=32)
def parse_synonyms(text):
    """Lines of "misshandel, slår, hot = våld": each word on the left also finds the right.
    {word: (target, ...)}."""
    synonyms = {}
    for line in (text or "").splitlines():
        match = SYNONYM_LINE.match(line)
        if not match:
            continue
        target = match["target"].lower()
        for word in match["words"].split(","):
            if word.strip():
                synonyms.setdefault(word.strip().lower(), []).append(target)
    return MappingProxyType({word: tuple(targets) for word, targets in synonyms.items()})


@lru_cache(maxsize=32)
def parse_pointers(text):
    """Lines of "Sveg, Funäsdalen = harjedalen": ((words, name as written, target), ...),
    where words are the name's lower-case words, in the order of the lines."""
    pointers = []
    for line in (text or "").splitlines():
        match = SYNONYM_LINE.match(line)
        if not match:
            continue
        for name in match["words"].split(","):
            words = tuple(word.lower() for word in search_words(name))
            if words:
                pointers.append((words, name.strip(), match["target"]))
    return tuple(pointers)


def pointed_targets(words, pointers, whole=True):
    """[(name, target)] of the pointers that the search `words` name, each target once:
    the search as a whole (`whole`), or anywhere in it. A searched word in one of its forms
    counts ("kvinnojouren" names "kvinnojour")."""
    forms = [set(word_forms(word.lower())) for word in words]
    found = {}
    for key, name, target in pointers:
        starts = [0] if whole else range(len(words) - len(key) + 1)
        if whole and len(key) != len(words):
            continue
        for start in starts:
            if all(part in forms[start + i] for i, part in enumerate(key)):
                found.setdefault(target, name)
                break
    return [(name, target) for target, name in found.items()]


def title_first(hits, words):
    """The hits whose title holds a searched word first (in one of its forms), the backend's
    order kept otherwise: SQLite's ranking weighs a word in the text as much as one in the
    title, and a page called what was searched for is the best answer."""
    searched = [set(word_forms(word.lower())) for word in words]

    def in_title(hit):
        title = {form for word in search_words(hit.title) for form in word_forms(word.lower())}
        return -sum(1 for forms in searched if forms & title)

    return sorted(hits, key=in_title)


def build_query(terms, synonyms):
    """Every word (in one of its forms) must match; a synonym of the whole search or of one
    word is an alternative. None when nothing in `terms` is a word."""
    words = [word.lower() for word in search_words(terms)]
    if not words:
        return None
    alternatives = synonym_queries(synonyms, " ".join(words))
    groups = []
    for word in words:
        options = form_queries(word_forms(word))
        options += synonym_queries(synonyms, word)
        groups.append(options[0] if len(options) == 1 else Or(options))
    main = groups[0] if len(groups) == 1 else And(groups)
    return Or([main, *alternatives]) if alternatives else main


def form_queries(forms):
    """The forms of one word as few queries as the backends allow: one for those without a
    dash, so the backend matches and ranks the word once, not once per form (on PostgreSQL
    each form was a rank of its own to build and compute). A form with a dash is a query of
    its own: the backend splits it at the dash into words that must all be there."""
    plain = [form for form in forms if "-" not in form]
    queries = [PlainText(" ".join(plain), operator="or")] if plain else []
    return queries + [PlainText(form) for form in forms if "-" in form]


def synonym_queries(synonyms, key):
    """The synonyms an editor listed for `key`, as words only, like what a visitor types."""
    targets = (" ".join(search_words(target)) for target in synonyms.get(key, []))
    return [PlainText(target) for target in targets if target]


def suggestion(terms, vocabulary):
    """The search with each unknown word replaced by the closest known one, or ""."""
    known = {word.lower() for word in vocabulary}
    suggested = []
    for word in terms.lower().split():
        if word in known:
            suggested.append(word)
            continue
        close = difflib.get_close_matches(word, known, n=1, cutoff=0.8)
        suggested.append(close[0] if close else word)
    result = " ".join(suggested)
    return "" if result == terms.lower() else result
