"""Every staff form one types in keeps its session alive with the one keep-alive.

The test walks the staff area as each demo role, from /personal/ along every link, in the
samråd demo week plus a request with consent that is still open, and checks every form
sent by POST that has a text area or a text field: it must carry `data-keep-session`, and
its page must load the keep-alive script and hold the notice the script shows when the
session has ended. A new form without the attribute fails here.
"""

from collections import Counter, deque
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

import pytest
from django.contrib.auth.models import Group
from django.urls import Resolver404, resolve

from demo.samrad_week import ensure_demo_samrad
from demo.staff import DEMO_ACCOUNTS
from organisations.models import Party
from samrad.models import Meeting, SamradRequest
from tests.helpers import SecondFactorClient, make_user
from tests.samrad_helpers import request_data

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]

SCRIPT = "/static/staff/js/keep-session.js"
# Pages of one kind (one URL pattern) visited per role: enough to meet each variant the
# set-up makes (the open request with consent is seeded first), without every old case.
PER_PATTERN = 4
TYPED_INPUTS = {"text", "search", "email", "url", "tel", ""}


class FormFinder(HTMLParser):
    """The page's forms (attributes and whether one types text in them), links and scripts."""

    def __init__(self):
        super().__init__()
        self.forms = []
        self.links = []
        self.scripts = []
        self.notice = None
        self.current = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.current = {"attrs": attrs, "typed": [], "line": self.getpos()[0]}
            self.forms.append(self.current)
        elif tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag == "script" and attrs.get("src"):
            self.scripts.append(attrs["src"])
        elif attrs.get("id") == "session-ended":
            self.notice = attrs
        if self.current is not None:
            typed = tag == "textarea" or (
                tag == "input" and attrs.get("type", "").lower() in TYPED_INPUTS
            )
            if typed:
                self.current["typed"].append(attrs.get("name"))

    def handle_endtag(self, tag):
        if tag == "form":
            self.current = None


def pattern_of(path):
    """The URL pattern a staff path belongs to; each Wagtail page counts on its own."""
    try:
        match = resolve(path)
    except Resolver404:
        return None
    if match.url_name == "wagtail_serve":
        return path
    return match.route


def crawl(client, seeds):
    """Every staff page reachable from the seeds by GET, at most PER_PATTERN per pattern."""
    queue, seen, per_pattern, pages = deque(seeds), set(), Counter(), {}
    while queue:
        path = urldefrag(queue.popleft())[0]
        parts = urlsplit(path)
        if parts.netloc or not parts.path.startswith("/personal/") or path in seen:
            continue
        seen.add(path)
        pattern = pattern_of(parts.path)
        if pattern is None or per_pattern[pattern] >= PER_PATTERN:
            continue
        per_pattern[pattern] += 1
        response = client.get(path)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        finder = FormFinder()
        finder.content = response.content.decode()
        finder.feed(finder.content)
        pages[path] = finder
        queue.extend(finder.links)
    return pages


@pytest.fixture
def demo_week():
    """The demo accounts, the samråd demo week, and a request with consent still open."""
    users = {}
    for email, role_names, party_slug in DEMO_ACCOUNTS:
        party = Party.objects.filter(slug=party_slug).first() if party_slug else None
        user = make_user(email, party=party, superuser=not role_names)
        user.groups.add(*Group.objects.filter(name__in=role_names))
        users[email] = user
    assert ensure_demo_samrad()
    author = SecondFactorClient()
    author.force_login(users["socialtjanst@example.org"])
    response = author.post("/personal/samrad/ny/samtycke/", request_data("samtycke", home="krokom"))
    assert response.status_code == 302, response.content.decode()[:2000]
    open_case = SamradRequest.objects.get(mode="consent", status="received")
    return users, open_case


def test_every_staff_form_one_types_in_keeps_the_session(demo_week):
    users, open_case = demo_week
    meeting = Meeting.objects.order_by("-starts_at").first()  # the demo week's
    seeds = [
        "/personal/",
        f"/personal/samrad/mina/{open_case.pk}/",
        f"/personal/samrad/inkorg/{open_case.pk}/",
        f"/personal/samrad/moten/{meeting.pk}/",
        "/personal/samrad/ny/avidentifierad/",
        "/personal/samrad/ny/samtycke/",
    ]
    kept, missing = Counter(), []
    for email, user in users.items():
        client = SecondFactorClient()
        client.force_login(user)
        pages = crawl(client, seeds)
        assert "/personal/" in pages, email
        for path, page in pages.items():
            typed_forms = [
                form
                for form in page.forms
                if form["attrs"].get("method", "get").lower() == "post" and form["typed"]
            ]
            if not typed_forms:
                continue
            assert SCRIPT in page.scripts, path
            assert page.notice is not None and "hidden" in page.notice, path
            assert page.notice["data-keep-session-url"] == "/accounts/keepalive/"
            assert "Du har loggats ut. Kopiera din text innan du loggar in igen" in page.content
            for form in typed_forms:
                if "data-keep-session" in form["attrs"]:
                    kept[resolve(urlsplit(path).path).url_name] += 1
                else:
                    missing.append((email, path, form["line"], form["typed"]))
    assert not missing, "forms without data-keep-session: " + repr(missing)
    # The walk reached every kind of page with a form one types in.
    assert set(kept) >= {
        "create",
        "detail",
        "mine_detail",
        "meeting",
        "meetings",
        "representative_actions",
    }, kept
