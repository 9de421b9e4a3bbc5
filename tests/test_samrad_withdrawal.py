"""Withdrawal of consent, as each user sees it: the coordinator records it on the case page
and at once the case's identity and free text leave every party's pages and the prints,
the parties' open actions in the case are flagged, each party the case concerns reads
the case's reference (and nothing else) on its representative page, and its mailbox is
told only that something waits in the portal. A case with open actions is closed only
after the coordinator confirms it."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from samrad.models import Action, Meeting, SamradRequest

from .case_page import post_section
from .samrad_helpers import coordinator, professional
from .test_samrad_disclosure import (
    leaked,
    make_samrad_request,
    party,
    read_all,
    representative,
    samrad_urls,
    signed_in,
)

pytestmark = pytest.mark.django_db

NAME, NUMBER = "Vera Återtagsdotter", "19690521-3381"
SIGNS = ("Återtagsdotter", "19690521", "196905213381")
FLAG = "Samtycket har återkallats"
# The parties and how the case concerns them.
COVERED = ("polisen", "region")  # the consent covers them; make_samrad_request gives them actions
ACTION_ONLY = "krokom"  # an action, not covered
FORBIDDEN = "stromsund"  # must not be told
UNCONCERNED = "are"  # invited to the meeting, nothing to do with the case


@pytest.fixture
def world():
    coord = coordinator()
    author = professional("aterkallar@example.org", party="region")
    meeting = Meeting.objects.create(
        kind="weekly",
        starts_at=timezone.now() + timedelta(days=1),
        place="Polishuset, Östersund",
        created_by=coord,
    )
    meeting.invited_parties.set(
        [party(slug) for slug in (*COVERED, ACTION_ONLY, FORBIDDEN, UNCONCERNED)]
    )
    samrad_request = make_samrad_request(
        author,
        meeting,
        f"{NAME} {NUMBER}",
        mode="consent",
        consent_form="signed",
        person_name=NAME,
        person_id_number=NUMBER.replace("-", ""),
        consent_signed_on=(timezone.localdate() - timedelta(days=10)).isoformat(),
    )
    samrad_request.consent_parties.set([party(slug) for slug in COVERED])
    samrad_request.do_not_tell.set([party(FORBIDDEN)])
    readers = {
        slug: signed_in(representative(f"rep-{slug}@example.org", slug))
        for slug in (*COVERED, ACTION_ONLY, FORBIDDEN, UNCONCERNED)
    }
    urls = samrad_urls(
        {"meeting": meeting, "identified": samrad_request, "deidentified": samrad_request}
    )
    return {
        "coordinator": signed_in(coord),
        "samrad_request": samrad_request,
        "readers": readers,
        "urls": urls,
    }


def withdraw(world, callbacks):
    mail.outbox.clear()
    with callbacks(execute=True):
        response = post_section(
            world["coordinator"],
            world["samrad_request"],
            "consent",
            {"consent_withdrawn_on": timezone.localdate().isoformat()},
        )
    assert response.status_code == 302, response.content.decode()[:2000]


def notice(content):
    """The withdrawal notice of a representative page, or ""."""
    found = re.search(
        r'<section[^>]*aria-labelledby="withdrawn-heading".*?</section>', content, re.S
    )
    return found.group(0) if found else ""


def test_withdrawal_takes_the_case_off_every_party_page_at_once(
    world, django_capture_on_commit_callbacks
):
    police = world["readers"]["polisen"]
    before = "\n".join(read_all(police, world["urls"]).values())
    assert NAME in before and {"question", "description"} <= leaked(before, SIGNS)

    withdraw(world, django_capture_on_commit_callbacks)

    for slug, client in world["readers"].items():
        content = "\n".join(read_all(client, world["urls"]).values())
        assert not leaked(content, SIGNS), slug
    office = world["coordinator"]
    meeting = world["samrad_request"].meeting
    # The room's print: nothing of the case (a party that must not be told is there).
    room = office.get(reverse("samrad:agenda_print_room", kwargs={"pk": meeting.pk}))
    assert not leaked(room.content.decode(), SIGNS)
    # The coordinator's own prints keep the free text but no longer the identity (the
    # identity field alone holds the number without its dash).
    for url in (
        reverse("samrad:agenda_print", kwargs={"pk": meeting.pk}),
        reverse("samrad:record_print", kwargs={"pk": world["samrad_request"].pk}),
    ):
        printed = office.get(url).content.decode()
        assert world["samrad_request"].reference in printed, url
        assert SIGNS[2] not in printed, url


def test_open_actions_are_flagged_for_the_party_that_holds_them(
    world, django_capture_on_commit_callbacks
):
    actions_url = reverse("samrad:representative_actions")
    police = world["readers"]["polisen"]
    assert FLAG not in police.get(actions_url).content.decode()

    withdraw(world, django_capture_on_commit_callbacks)

    for slug in (*COVERED, ACTION_ONLY):
        content = world["readers"][slug].get(actions_url).content.decode()
        items = re.findall(r'<li id="action-(\d+)" class="action-item">(.*?)</li>', content, re.S)
        assert items, slug
        for action_id, text in items:
            action = Action.objects.get(pk=action_id)
            # Open actions carry the flag; those done do not.
            assert (FLAG in text) == (action.done_at is None), (slug, action_id)
            assert not any(sign in text for sign in SIGNS), slug
    # The coordinator's case page flags them too.
    case_page = world["coordinator"].get(f"/personal/samrad/inkorg/{world['samrad_request'].pk}/")
    open_count = Action.objects.filter(
        request=world["samrad_request"], done_at__isnull=True
    ).count()
    assert case_page.content.decode().count(FLAG) == open_count


def test_each_concerned_party_is_told_in_the_portal_by_reference_only(
    world, django_capture_on_commit_callbacks
):
    overview = reverse("samrad:representative")
    reference = world["samrad_request"].reference
    assert not notice(world["readers"]["polisen"].get(overview).content.decode())

    withdraw(world, django_capture_on_commit_callbacks)

    for slug in (*COVERED, ACTION_ONLY):
        shown = notice(world["readers"][slug].get(overview).content.decode())
        assert FLAG in shown and reference in shown, slug
        assert not any(sign in shown for sign in SIGNS), slug
        # The case's reference and nothing typed about it.
        assert "[" not in shown, slug
    for slug in (FORBIDDEN, UNCONCERNED):
        content = world["readers"][slug].get(overview).content.decode()
        assert not notice(content) and reference not in content, slug

    told = {party(slug).samrad_mailbox for slug in (*COVERED, ACTION_ONLY)}
    to_parties = [message for message in mail.outbox if set(message.to) & told]
    assert {address for message in to_parties for address in message.to} == told
    not_told = {party(slug).samrad_mailbox for slug in (FORBIDDEN, UNCONCERNED)}
    assert not any(set(message.to) & not_told for message in mail.outbox)
    for message in to_parties:
        text = message.subject + message.body
        assert "väntar" in text
        assert reference not in text and not any(sign in text for sign in SIGNS)


@pytest.fixture
def closable(world):
    samrad_request = world["samrad_request"]
    SamradRequest.objects.filter(pk=samrad_request.pk).update(status="discussed", meeting=None)
    return world


def test_closing_a_case_with_open_actions_asks_for_confirmation_first(closable):
    office, samrad_request = closable["coordinator"], closable["samrad_request"]
    open_actions = Action.objects.filter(request=samrad_request, done_at__isnull=True)
    parties = sorted({action.party.short_name for action in open_actions})
    response = post_section(office, samrad_request, "status", {"status": "closed"})
    assert response.status_code == 200
    content = response.content.decode()
    assert f"{open_actions.count()} åtgärder är fortfarande öppna ({', '.join(parties)})" in content
    assert 'name="status-close_with_open_actions"' in content
    samrad_request.refresh_from_db()
    assert samrad_request.status == "discussed"

    response = post_section(
        office, samrad_request, "status", {"status": "closed", "close_with_open_actions": "on"}
    )
    assert response.status_code == 302
    samrad_request.refresh_from_db()
    assert samrad_request.status == "closed"


def test_a_case_without_open_actions_closes_at_once(closable):
    office, samrad_request = closable["coordinator"], closable["samrad_request"]
    Action.objects.filter(request=samrad_request).update(done_at=timezone.now())
    page = office.get(f"/personal/samrad/inkorg/{samrad_request.pk}/").content.decode()
    assert "close_with_open_actions" not in page
    response = post_section(office, samrad_request, "status", {"status": "closed"})
    assert response.status_code == 302
    samrad_request.refresh_from_db()
    assert samrad_request.status == "closed"


def test_the_coordinators_case_page_no_longer_shows_the_identity(
    world, django_capture_on_commit_callbacks
):
    """The case page asks the same rule as the prints and the export: once the consent is
    withdrawn, the name and the identity number give way to why they are not shown."""
    office = world["coordinator"]
    url = reverse("samrad:detail", kwargs={"pk": world["samrad_request"].pk})
    before = office.get(url).content.decode()
    assert identity_rows(before) == [NAME, SIGNS[2]]

    withdraw(world, django_capture_on_commit_callbacks)

    after = office.get(url).content.decode()
    assert world["samrad_request"].reference in after
    # The free text the professional typed stays the coordinator's (the fixture puts the
    # name in every free-text field); the identity fields hold it no longer.
    assert SIGNS[2] not in after
    assert not any(NAME in row for row in identity_rows(after))
    assert all("samtycke" in row.lower() for row in identity_rows(after))


def identity_rows(content):
    """The values of the case page's name and identity-number rows."""
    labels = [
        str(SamradRequest._meta.get_field(name).verbose_name).capitalize()
        for name in ("person_name", "person_id_number")
    ]
    return [
        re.search(rf"<dt>{re.escape(label)}</dt><dd>(.*?)</dd>", content, re.S).group(1).strip()
        for label in labels
    ]
