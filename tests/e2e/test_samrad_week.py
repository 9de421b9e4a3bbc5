"""A samråd week as its five users run it, in Chromium, on the demo's week (demo/samrad_week.py:
a weekly meeting with the police, Krokom and the Region invited, and last year's 400 requests).

1. A professional (the Region) files an identified request whose consent covers the police
   and the Region only, and a de-identified one.
2. The coordinator finds both in the inbox, plans them into the weekly meeting and invites
   parties to the identified case: the police on the consent; Krokom, outside the consent,
   is refused with the reason, and the meeting page says what Krokom will not see.
3. The police's representative reads the case on the party's agenda; Krokom's
   representative, whose party the consent does not cover, gets no name, identity number or
   free text of it: every free-text field holds a unique marker, and no marker is in the
   HTML of any page Krokom is shown.
4. The coordinator holds the meeting and records it: an agreed plan, an action for the
   police with a due date, a follow-up date.
5. The police's representative marks the action done.
6. The person withdraws the consent: the police's pages no longer hold the identified data.
7. The coordinator exports the case's record as a PDF: a PDF with every section.
8. An editor edits a routine in the Wagtail admin; an administrator opens the provisions,
   retention decisions and privacy notices.

Every staff page visited is measured at 360 × 740 and at 1280 × 800: no page wider than the
screen, axe finds nothing (WCAG 2.1 A/AA), the case page's buttons lie within the screen.
Screenshots go to test-artifacts/screenshots/week-*.png, the pages visited with their widths
and axe counts to test-artifacts/samrad-week.json."""

import io
import json
import re
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone, translation
from django.utils.translation import gettext

from organisations.models import Party
from samrad.models import Action, Meeting, SamradRequest, Status
from staff import roles
from tests.helpers import make_user

from .conftest import SCREENSHOT_DIR, visit
from .test_public_journeys import AXE_TAGS, RUN_AXE, describe_violations
from .test_staff_journeys import log_in
from .test_staff_narrow import MEASURE, SUBMIT_BUTTONS

try:
    from playwright.sync_api import expect
except ImportError:  # conftest.py skips every test here, with the reason
    expect = None

PHONE = {"width": 360, "height": 740}
LAPTOP = {"width": 1280, "height": 800}
REPORT_FILE = SCREENSHOT_DIR.parent / "samrad-week.json"

# The identified case's person and every free text typed about it: unique strings that
# must never reach a party the consent does not cover (nor the police once it is withdrawn).
NAME = "Qvintessa Markörsdotter"
ID_NUMBER = "19770314-1007"
ID_FORMS = ("19770314-1007", "197703141007", "770314-1007", "7703141007")
MARKERS = {
    "scope": "Inte till skolan ZQMARK01SCOPE.",
    "instructions": "Ring efter 16 ZQMARK02CONTACT.",
    "language": "Tigrinja ZQMARK03LANG",
    "judgement": "Hotet har ökat ZQMARK04RISK.",
    "situation": "Partnern har hotat henne ZQMARK05SITUATION.",
    "question": "Hur samordnar vi skyddet ZQMARK06QUESTION?",
    "action": "Utred kontaktförbud ZQMARK07ACTION.",
    "plan": "Polisen och Regionen gör en plan ZQMARK08PLAN.",
    "note": "Kontaktförbud sökt ZQMARK09NOTE.",
}
SECRETS = (NAME, *ID_FORMS, *MARKERS.values())
PHONE_NUMBER = "070-174 06 50"  # the fiction series, as demo/samrad_week.py


def secrets_in(html, secrets=SECRETS):
    return [secret for secret in secrets if secret in html]


def swedish(message, **params):
    with translation.override("sv"):
        text = gettext(message)
    return text % params if params else text


# Resolves once every finite animation and transition on the page has ended, or after
# two seconds (the admin runs long ones that are no fade).
SETTLED = """() => Promise.race([
  Promise.all(document.getAnimations()
    .filter((animation) => animation.effect.getComputedTiming().iterations !== Infinity)
    .map((animation) => animation.finished.catch(() => null))),
  new Promise((resolve) => setTimeout(resolve, 2000)),
])"""


# Violations in Wagtail's own admin widgets, which the portal does not override (their
# scripts are Wagtail's internals): axe rule, and the class of the element it names.
WAGTAIL_OWN = {
    # The rich-text editor's text box has no accessible name (wagtail/wagtail#14205, open).
    ("aria-input-field-name", "public-DraftEditor-content"),
    # The page editor's collapsed minimap list scrolls without focusable content at 360 px.
    ("scrollable-region-focusable", "w-minimap__list"),
}


def known_wagtail_issues(violations):
    """The violations less Wagtail's own known ones (WAGTAIL_OWN); every other violation
    in the admin counts."""
    kept = []
    for violation in violations:
        nodes = [
            node
            for node in violation["nodes"]
            if not any(
                rule == violation["id"] and name in node["html"] for rule, name in WAGTAIL_OWN
            )
        ]
        if nodes:
            kept.append({**violation, "nodes": nodes})
    return kept


class Week:
    """The pages visited, measured at both widths, with what went wrong."""

    def __init__(self, axe_source):
        self.axe_source = axe_source
        self.problems = []
        self.visited = []
        self.answers = []

    def check(self, page, name, *, buttons=False, axe=True):
        """Measure the page as it is now at 360 and at 1280 px, run axe at both, take a
        screenshot at both; the viewport is put back as it was."""
        was, started = page.viewport_size, time.monotonic()
        entry = {"page": name, "path": page.url.split("//", 1)[-1].split("/", 1)[-1]}
        for size in (PHONE, LAPTOP):
            width = size["width"]
            page.set_viewport_size(size)
            measured = page.evaluate(MEASURE)
            entry[f"{width}"] = [measured["scrollWidth"], measured["height"]]
            if measured["scrollWidth"] > measured["innerWidth"]:
                self.problems.append(
                    f"{name} at {width} px is {measured['scrollWidth']} px wide: {measured['wide']}"
                )
            if buttons and width == PHONE["width"]:
                outside = page.evaluate(SUBMIT_BUTTONS)
                if outside:
                    self.problems.append(f"{name} at 360 px: buttons off the screen: {outside}")
            if axe:
                # A message fading in is measured as it ends, not half-way.
                page.evaluate(SETTLED)
                if not page.evaluate("typeof axe !== 'undefined'"):
                    page.evaluate(self.axe_source)
                violations = known_wagtail_issues(page.evaluate(RUN_AXE, AXE_TAGS))
                entry[f"axe {width}"] = len(violations)
                if violations:
                    self.problems.append(describe_violations(f"{name} at {width} px", violations))
            SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=SCREENSHOT_DIR / f"week-{name}-{width}.png", full_page=True)
        page.set_viewport_size(was)
        entry["seconds"] = round(time.monotonic() - started, 1)
        self.visited.append(entry)

    def no_secrets(self, page, where, secrets=SECRETS):
        """A leak is a problem to report with the others, not a stop: the rest of the week
        still runs and is measured."""
        leaked = secrets_in(page.content(), secrets)
        if leaked:
            self.problems.append(f"LEAK: {where} shows {leaked}")

    def save(self):
        REPORT_FILE.parent.mkdir(parents=True, exist_ok=True)
        report = {"pages": self.visited, "problems": self.problems, "answers": self.answers}
        REPORT_FILE.write_text(json.dumps(report, indent=1, ensure_ascii=False))


@pytest.fixture
def week(portal):
    """The staff demo and the demo's samråd week, its meeting moved to an hour ago (so that
    it can be recorded as held), and the five users."""
    from demo.samrad_week import ensure_demo_samrad
    from demo.staff import load_staff_content

    load_staff_content()
    party = {party.slug: party for party in Party.objects.all()}
    # The demo week's author (its three de-identified cases).
    make_user("socialtjanst@example.org", role=roles.PROFESSIONAL, party=party["krokom"])
    users = {
        "professional": make_user(
            "region@example.org", role=roles.PROFESSIONAL, party=party["region"]
        ),
        "coordinator": make_user(
            "samordnare@example.org", role=roles.COORDINATOR, party=party["ostersund"]
        ),
        "police": make_user(
            "polis-samrad@example.org", role=roles.PROFESSIONAL, party=party["polisen"]
        ),
        "krokom": make_user(
            "krokom-samrad@example.org", role=roles.REPRESENTATIVE, party=party["krokom"]
        ),
        "editor": make_user("redaktor@example.org", role=roles.EDITOR),
        "admin": make_user("admin@example.org", superuser=True),
    }
    users["police"].groups.add(Group.objects.get(name=roles.REPRESENTATIVE))
    assert ensure_demo_samrad()
    # The week's meeting: the only one to come (last year's are past).
    meeting = Meeting.objects.get(starts_at__gt=timezone.now())
    meeting.starts_at = (timezone.now() - timedelta(hours=1)).replace(second=0, microsecond=0)
    meeting.save(update_fields=["starts_at"])
    return portal, users, party, meeting


def open_sections(page):
    """Unfold every folded section of the request form, as a user on a phone does."""
    folded = page.locator("details.form-section:not([open]) > summary")
    while folded.count():
        folded.first.click()


def file_identified_request(page, portal, party):
    visit(page, portal, "/personal/samrad/ny/samtycke/")
    open_sections(page)
    signed = (timezone.localdate() - timedelta(days=2)).isoformat()
    page.get_by_label("Ditt telefonnummer").fill(PHONE_NUMBER)
    page.get_by_label("Personens hemkommun").select_option(value="krokom")
    page.locator("#id_kind_0").check()  # planning
    page.locator("#id_urgency_0").check()  # the next weekly samråd
    page.locator("#id_purposes_1").check()  # assess the risk
    page.locator("#id_violence_forms_1").check()  # psychological
    page.locator(f"input[name=parties_wanted][value='{party['polisen'].pk}']").check()
    page.get_by_label("Personens namn").fill(NAME)
    page.locator("#id_person_id_number").fill(ID_NUMBER)
    page.get_by_label("Personens kön").select_option(label="Kvinna")
    page.get_by_label("Personens ålder").select_option(label="35–44")
    page.get_by_label("Samtyckesblanketten undertecknad den").fill(signed)
    given = page.get_by_label("Datum då samtycket gavs")
    if given.count():
        given.fill(signed)
    for slug in ("polisen", "region"):
        page.locator(f"input[name=consent_parties][value='{party[slug].pk}']").check()
    page.locator("#id_consent_information_0").check()  # the violence and threats
    page.locator("#id_consent_information_4").check()  # the police report and protection
    page.get_by_label("Andra begränsningar som personen har gjort").fill(MARKERS["scope"])
    page.locator("#id_consent_form_kept").check()
    page.locator("#id_contact_safe_1").check()  # only through the professional
    page.get_by_label("Hur och när personen får kontaktas").fill(MARKERS["instructions"])
    page.locator("#id_message_may_be_left_1").check()
    page.get_by_label("Tolk behövs").check()
    page.locator("#id_interpreter_language").fill(MARKERS["language"])
    page.get_by_label("Din bedömning av risken, med dina egna ord").fill(MARKERS["judgement"])
    page.get_by_label("Barn i hushållet").fill("0")
    page.locator("#id_situation").fill(MARKERS["situation"])
    page.locator("#id_question").fill(MARKERS["question"])
    page.get_by_role("button", name="Skicka till samordnaren").click()
    expect(page.get_by_text("Din förfrågan har skickats till samordnaren.")).to_be_visible()
    samrad_request = SamradRequest.objects.get(mode="consent", created_by__party=party["region"])
    assert samrad_request.person_name == NAME
    return samrad_request


def file_deidentified_request(page, portal):
    visit(page, portal, "/personal/samrad/ny/avidentifierad/")
    open_sections(page)
    page.get_by_label("Ditt telefonnummer").fill(PHONE_NUMBER)
    page.get_by_label("Personens hemkommun").select_option(value="krokom")
    page.locator("#id_kind_1").check()  # consulting
    page.locator("#id_urgency_0").check()
    page.locator("#id_purposes_2").check()
    page.get_by_label("Personens kön").select_option(label="Man")
    page.get_by_label("Personens ålder").select_option(label="45–54")
    page.locator("#id_contact_safe_0").check()
    page.get_by_label("Barn i hushållet").fill("0")
    page.locator("#id_situation").fill("Kontrollerande beteende i hemmet.")
    page.locator("#id_question").fill("Vilken part erbjuder stöd?")
    page.get_by_role("button", name="Skicka till samordnaren").click()
    expect(page.get_by_text("Din förfrågan har skickats till samordnaren.")).to_be_visible()


def plan_on(page, meeting):
    page.get_by_label("Samrådsmöte").select_option(value=str(meeting.pk))
    page.get_by_role("button", name="Planera in på mötet").click()
    expect(page.get_by_text(swedish("The case is put on the meeting."))).to_be_visible()


def open_party_meeting(page, meeting):
    page.get_by_role(
        "link", name=timezone.localtime(meeting.starts_at).strftime("%Y-%m-%d")
    ).first.click()
    expect(page).to_have_url(re.compile(rf"/representant/moten/{meeting.pk}/"))


def user_page(new_context, portal, user, next_path, errors, answers):
    page = new_context(viewport=PHONE).new_page()
    page.on("pageerror", lambda error: errors.append(f"{user.email}: {error}"))

    def refused(response):
        if response.status >= 400:
            body = response.text()[:300] if response.status < 500 else ""
            answers.append(
                f"{user.email} {response.request.method} {portal.path(response.url)}: "
                f"{response.status} {body}"
            )

    page.on("response", refused)
    log_in(page, portal, user, next_path)
    return page


def test_a_samrad_week_as_its_five_users_run_it(new_context, week, axe_source):
    portal, users, party, meeting = week
    run = Week(axe_source)
    errors, answers = [], []

    # 1. The professional files an identified and a de-identified request, on a phone.
    professional = user_page(
        new_context, portal, users["professional"], "/personal/", errors, answers
    )
    visit(professional, portal, "/personal/samrad/ny/")
    run.check(professional, "professional-start")
    visit(professional, portal, "/personal/samrad/ny/samtycke/")
    run.check(professional, "professional-consent-form")
    identified = file_identified_request(professional, portal, party)
    run.check(professional, "professional-sent")
    file_deidentified_request(professional, portal)
    deidentified = SamradRequest.objects.get(created_by=users["professional"], mode="deidentified")
    assert deidentified.mode == "deidentified"

    # 2. The coordinator finds them in the inbox, plans them, invites the parties.
    coordinator = user_page(
        new_context, portal, users["coordinator"], "/personal/samrad/inkorg/", errors, answers
    )
    run.check(coordinator, "coordinator-inbox")
    # The inbox opens on what needs the coordinator now: both new requests are on its
    # first page among the demo's 400 old ones.
    for samrad_request in (identified, deidentified):
        expect(coordinator.get_by_role("link", name=samrad_request.reference)).to_have_count(1)
    inbox = "/personal/samrad/inkorg/"
    coordinator.get_by_role("link", name=deidentified.reference).click()
    plan_on(coordinator, meeting)
    visit(coordinator, portal, inbox)
    coordinator.get_by_role("link", name=identified.reference).click()
    expect(coordinator.get_by_text(MARKERS["situation"])).to_be_visible()
    run.check(coordinator, "coordinator-case", buttons=True)
    plan_on(coordinator, meeting)
    coordinator.locator("#id_invite-invite_party").select_option(value=str(party["polisen"].pk))
    coordinator.get_by_role("button", name="Bjud in", exact=True).click()
    expect(
        coordinator.get_by_text(swedish("The party is invited to take part in the case."))
    ).to_be_visible()
    coordinator.locator("#id_invite-invite_party").select_option(value=str(party["krokom"].pk))
    coordinator.get_by_role("button", name="Bjud in", exact=True).click()
    refused = swedish(
        "%(party)s is not covered by a consent in force. Choose the provision "
        "that allows the information to be shared, or do not invite it.",
        party=party["krokom"].short_name,
    )
    expect(coordinator.get_by_text(refused)).to_be_visible()
    run.check(coordinator, "coordinator-case-invite-refused", buttons=True)
    assert list(identified.invitations.values_list("party__slug", flat=True)) == ["polisen"]

    visit(coordinator, portal, f"/personal/samrad/moten/{meeting.pk}/")
    withheld = coordinator.locator("#withheld + p + ul")
    expect(withheld).to_contain_text(party["krokom"].short_name)
    expect(withheld).to_contain_text(identified.reference)
    expect(withheld).to_contain_text(swedish("Not shown: the party is not covered by the consent"))
    run.check(coordinator, "coordinator-meeting")
    # The coordinator's preview of Krokom's agenda is what Krokom is shown.
    visit(coordinator, portal, f"/personal/samrad/moten/{meeting.pk}/?part=krokom")
    run.no_secrets(coordinator, "the coordinator's preview of Krokom's agenda")
    run.check(coordinator, "coordinator-meeting-as-krokom")

    # 3. The police's representative sees the case; Krokom's sees none of its data.
    police = user_page(
        new_context, portal, users["police"], "/personal/samrad/representant/", errors, answers
    )
    run.check(police, "police-overview")
    open_party_meeting(police, meeting)
    agenda = police.locator("table.agenda-table")
    expect(agenda).to_contain_text(identified.reference)
    expect(agenda).to_contain_text(NAME)
    expect(agenda).to_contain_text(MARKERS["question"])
    run.check(police, "police-agenda")

    krokom = user_page(
        new_context, portal, users["krokom"], "/personal/samrad/representant/", errors, answers
    )
    run.no_secrets(krokom, "Krokom's overview")
    run.check(krokom, "krokom-overview")
    open_party_meeting(krokom, meeting)
    expect(krokom.locator("table.agenda-table")).to_contain_text(deidentified.reference)
    run.no_secrets(krokom, "Krokom's agenda")
    run.check(krokom, "krokom-agenda")

    # 4. The meeting is held and recorded: the agreed plan, an action for the police, a
    # follow-up date.
    visit(coordinator, portal, f"/personal/samrad/inkorg/{identified.pk}/")
    held_on = timezone.localtime(meeting.starts_at).date()
    follow_up = timezone.localdate() + timedelta(days=14)
    due = timezone.localdate() + timedelta(days=7)
    coordinator.locator("#id_record-record_meeting").select_option(value=str(meeting.pk))
    coordinator.locator("#id_record-record_held_on").fill(held_on.isoformat())
    for slug in ("polisen", "region"):
        coordinator.locator(f"input[name=record-record_parties][value='{party[slug].pk}']").check()
    coordinator.locator("#id_record-record_information_0").check()
    for slug in ("polisen", "region"):  # each party's ground: the consent covers both
        coordinator.locator(f"#id_record-record_ground_{slug}").select_option(value="consent")
    coordinator.locator("#id_record-record_decision").fill(MARKERS["plan"])
    coordinator.locator("#id_record-record_follow_up_on").fill(follow_up.isoformat())
    coordinator.get_by_role("button", name="Spara dokumentationen").click()
    expect(coordinator.get_by_text(swedish("The samråd is documented."))).to_be_visible()
    coordinator.locator("#id_action-party").select_option(value=str(party["polisen"].pk))
    coordinator.locator("#id_action-description").fill(MARKERS["action"])
    coordinator.locator("#id_action-due_on").fill(due.isoformat())
    coordinator.get_by_role("button", name="Lägg till åtgärd").click()
    expect(coordinator.get_by_text(swedish("The action is added."))).to_be_visible()
    run.check(coordinator, "coordinator-case-recorded", buttons=True)
    identified.refresh_from_db()
    assert identified.status == Status.FOLLOW_UP and identified.follow_up_on == follow_up
    action = Action.objects.get(request=identified)
    assert (action.party, action.due_on) == (party["polisen"], due)

    # Krokom's pages still hold nothing of it.
    visit(krokom, portal, "/personal/samrad/representant/atgarder/")
    run.no_secrets(krokom, "Krokom's actions")
    run.check(krokom, "krokom-actions")
    visit(krokom, portal, f"/personal/samrad/representant/moten/{meeting.pk}/")
    run.no_secrets(krokom, "Krokom's agenda after the record")

    # 5. The police's representative marks the action done.
    visit(police, portal, "/personal/samrad/representant/atgarder/")
    item = police.locator(f"#action-{action.pk}")
    expect(item).to_contain_text(MARKERS["action"])
    expect(item).to_contain_text(due.isoformat())
    run.check(police, "police-actions")
    item.locator("textarea").fill(MARKERS["note"])
    item.get_by_role("button", name="Markera som klar").click()
    expect(police.get_by_text(swedish("The action is marked done."))).to_be_visible()
    expect(police.locator(f"#action-{action.pk}")).to_contain_text(MARKERS["note"])
    run.check(police, "police-action-done")
    action.refresh_from_db()
    assert action.done_at is not None and action.done_by == users["police"]

    # 6. The consent is withdrawn: the police's pages no longer hold the identified data.
    visit(coordinator, portal, f"/personal/samrad/inkorg/{identified.pk}/")
    coordinator.locator("#id_consent-consent_withdrawn_on").fill(timezone.localdate().isoformat())
    coordinator.get_by_role("button", name="Registrera att samtycket har återkallats").click()
    expect(coordinator.get_by_text(swedish("The consent withdrawal is recorded."))).to_be_visible()
    run.check(coordinator, "coordinator-case-withdrawn", buttons=True)
    for path, name in (
        (f"/personal/samrad/representant/moten/{meeting.pk}/", "police-agenda-withdrawn"),
        ("/personal/samrad/representant/atgarder/", "police-actions-withdrawn"),
        ("/personal/samrad/representant/", "police-overview-withdrawn"),
    ):
        visit(police, portal, path)
        run.no_secrets(police, f"{path} to the police after the withdrawal")
        run.check(police, name)

    # 7. The case's record exported as a PDF, with every section.
    visit(coordinator, portal, f"/personal/samrad/inkorg/{identified.pk}/")
    with coordinator.expect_download() as download:
        coordinator.get_by_role(
            "link", name=swedish("Export the case's record (PDF) for the records system")
        ).click()
    assert download.value.suggested_filename == f"samrad-{identified.reference}.pdf"
    content = Path(download.value.path()).read_bytes()
    assert content.startswith(b"%PDF-")
    from pypdf import PdfReader

    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    flat = re.sub(r"\s+", " ", text)
    for section in (
        "The request",
        "Samråd records",
        "What was shared with whom, on which ground",
        "Actions agreed",
        "Audit trail: who read and changed the case",
    ):
        assert swedish(section) in flat, f"the export has no section {swedish(section)!r}"
    for marker in ("plan", "action", "note", "situation"):
        assert MARKERS[marker] in flat, f"the export lacks the {marker}"
    assert identified.reference in flat
    # The identity once the consent is withdrawn: not even on the coordinator's paper.
    assert not secrets_in(flat, (NAME, *ID_FORMS))

    # 8. An editor edits a routine in the admin; an administrator opens the provisions and
    # the retention decisions.
    from staff.models import RoutinePage

    routine = RoutinePage.objects.live().order_by("pk").first()
    editor = user_page(new_context, portal, users["editor"], "/admin/", errors, answers)
    run.check(editor, "editor-admin-home")
    visit(editor, portal, f"/admin/pages/{routine.pk}/edit/")
    run.check(editor, "editor-routine-edit")
    owner = "Samordnaren för samråd, Östersunds kommun"
    editor.locator("#id_owner_function").fill(owner)
    # Publish is in the footer's "more actions" menu: pressed as that menu item does.
    editor.locator("button[name=action-publish]").evaluate(
        "(button) => button.form.requestSubmit(button)"
    )
    expect(editor.locator(".messages")).to_contain_text(routine.title)
    routine.refresh_from_db()
    assert routine.owner_function == owner
    run.check(editor, "editor-routine-published")

    admin = user_page(new_context, portal, users["admin"], "/admin/", errors, answers)
    for path, name in (
        ("/admin/snippets/samrad/provision/", "admin-provisions"),
        ("/admin/snippets/recordkeeping/retentiondecision/", "admin-retention"),
        ("/admin/snippets/recordkeeping/privacynotice/", "admin-privacy-notices"),
    ):
        visit(admin, portal, path)
        run.check(admin, name)
    run.answers = answers
    run.save()
    assert not [answer for answer in answers if ": 5" in answer], answers
    assert not errors, f"JavaScript errors: {errors}"
    assert not run.problems, "\n".join(run.problems)
