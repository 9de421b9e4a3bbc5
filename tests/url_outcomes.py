"""The outcomes tests/test_url_guard.py expects, kept in url_outcomes.txt: read and written.

One block per URL pattern with the methods its view accepts; under it each address
requested, and for each method (methods with the same outcomes share a line) the outcome
for each visitor: `GET HEAD: 200 [editor administrator] | 302 /accounts/login/ [anonymous]`.
"""

from pathlib import Path

TABLE = Path(__file__).parent / "url_outcomes.txt"
PREAMBLE = """\
# What each visitor gets from each address tests/test_url_guard.py requests, by method.
# An outcome is the status and, for a redirect, where it leads (without the query).
# CSRF-POST is a POST without a CSRF token from a client that enforces the check; POST is
# one the check lets through, so the view's own door answers. The test fails when an
# outcome, an address, a pattern or a view's methods differ from this file. After a
# deliberate change rewrite it with
#   URL_GUARD_RECORD=1 pytest tests/test_url_guard.py
# and read the diff: it is the change in who may reach what.
"""


def parse(text):
    """({pattern: accepted methods}, {(pattern, address, method): {visitor: outcome}})."""
    accepts, outcomes = {}, {}
    key = address = None
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if not line.startswith(" "):
            key, _, methods = line.partition("  accepts ")
            accepts[key] = methods
        elif not line.startswith("    "):
            address = line.strip()
        else:
            methods, _, groups = line.strip().partition(": ")
            answers = {}
            for group in groups.split(" | "):
                outcome, _, visitors = group.rpartition(" [")
                answers.update(dict.fromkeys(visitors.removesuffix("]").split(), outcome))
            for method in methods.split():
                outcomes[key, address, method] = dict(answers)
    return accepts, outcomes


def dump(accepts, outcomes, visitors, methods):
    """The file's text; visitors and methods in the given order."""
    lines = [PREAMBLE]
    rows = {}
    for (key, address, method), answers in outcomes.items():
        rows.setdefault(key, {}).setdefault(address, {})[method] = answers
    for key in sorted(rows):
        lines.append(f"{key}  accepts {accepts[key]}")
        for address in sorted(rows[key]):
            lines.append(f"  {address}")
            by_answers = {}
            for method in sorted(rows[key][address], key=methods.index):
                answers = rows[key][address][method]
                frozen = tuple(answers.get(visitor) for visitor in visitors)
                by_answers.setdefault(frozen, []).append(method)
            for frozen, same in by_answers.items():
                groups = {}
                for visitor, outcome in zip(visitors, frozen, strict=True):
                    if outcome is not None:
                        groups.setdefault(outcome, []).append(visitor)
                text = " | ".join(f"{outcome} [{' '.join(who)}]" for outcome, who in groups.items())
                lines.append(f"    {' '.join(same)}: {text}")
    return "\n".join(lines) + "\n"


def read():
    return parse(TABLE.read_text()) if TABLE.exists() else ({}, {})


def write(accepts, outcomes, visitors, methods):
    TABLE.write_text(dump(accepts, outcomes, visitors, methods))
