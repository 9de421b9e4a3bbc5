"""What a search for the words people use should also look for.

PostgreSQL's Swedish dictionary ("SEARCH_CONFIG": "swedish") folds many word forms, but
not the definite forms that end in -et or -t ("våldet", "samtycket"); and people write
"misshandel" where the pages say "våld". So each word also looks for its forms without a
definite ending, and for the synonyms editors list in the site settings.
"""

import difflib
import re

from wagtail.search.query import And, Or, PlainText

# Definite and plural endings, longest first; the stem left must keep three letters.
ENDINGS = ("erna", "arna", "orna", "heten", "en", "et", "na", "n", "t")
MIN_STEM = 3
SYNONYM_LINE = re.compile(r"^\s*(?P<words>[^=]+?)\s*=\s*(?P<target>.+?)\s*$")


def word_forms(word):
    """The word and what it may be without a definite or plural ending."""
    forms = [word]
    for ending in ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
            forms.append(word[: -len(ending)])
    return list(dict.fromkeys(forms))


def parse_synonyms(text):
    """Lines of "misshandel, slår, hot = våld": each word on the left also finds the right."""
    synonyms = {}
    for line in (text or "").splitlines():
        match = SYNONYM_LINE.match(line)
        if not match:
            continue
        target = match["target"].lower()
        for word in match["words"].split(","):
            if word.strip():
                synonyms.setdefault(word.strip().lower(), []).append(target)
    return synonyms


def build_query(terms, synonyms):
    """Every word (in one of its forms) must match; a synonym of the whole search or of one
    word is an alternative."""
    words = terms.lower().split()
    alternatives = [PlainText(target) for target in synonyms.get(" ".join(words), [])]
    groups = []
    for word in words:
        options = [PlainText(form) for form in word_forms(word)]
        options += [PlainText(target) for target in synonyms.get(word, [])]
        groups.append(options[0] if len(options) == 1 else Or(options))
    main = groups[0] if len(groups) == 1 else And(groups)
    return Or([main, *alternatives]) if alternatives else main


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
