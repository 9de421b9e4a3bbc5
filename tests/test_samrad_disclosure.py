"""Free text never crosses the consent.

An identified (consent) case and a de-identified one, with a marker in every free-text
field of the request, its samråd record and its actions, planned on a meeting where a
party outside the consent is invited. Every samråd page each reader can reach is read,
and the marker must appear only where samrad.disclosure allows it."""

import re
from datetime import timedelta

import pytest
from django.db import models
from django.urls import URLPattern, reverse
from django.utils import timezone

from samrad import disclosure
from samrad.models import Action, Meeting, RecordGround, SamradRecord, SamradRequest
from samrad.urls import urlpatterns
from staff import roles

from .factories.organisations import party
from .helpers import SecondFactorClient, make_user
from .samrad_helpers import coordinator, professional

pytestmark = pytest.mark.django_db

# The identified case's marker: a name and a personnummer-like number. A page leaks it
# if it holds any of these.
NAME, NUMBER = "Annika Markersson", "19470403-2715"
IDENTIFIED_SIGNS = ("Markersson", "19470403", "194704032715")
# The de-identified case's marker: a name only (its texts were checked for numbers).
DEIDENTIFIED_NAME = "Ragnar Kvarnbladh"
# Text stored as text but read as something else: filled with what it holds.
NOT_FREE_TEXT = {"consent_signed_on"}  # an ISO date, read as a date


def free_text_fields(model):
    """Every field a person types text into: text or char fields that can be edited and
    have no fixed choices. A field added later is covered without touching this test."""
    return [
        field
        for field in model._meta.get_fields()
        if isinstance(field, (models.CharField, models.TextField))
        and field.editable
        and not field.choices
        and field.name not in NOT_FREE_TEXT
    ]


def marked(model, marker, **values):
    """Values for every free-text field of the model: the marker, and the field's name so
    that a leak says where it came from (cut to the field's length, marker first)."""
    for field in free_text_fields(model):
        text = f"{marker} [{field.name}]"
        values.setdefault(field.name, text[: field.max_length] if field.max_length else text)
    return values


def representative(email, slug):
    return make_user(email, role=roles.REPRESENTATIVE, party=party(slug))


def signed_in(user):
    client = SecondFactorClient()
    client.force_login(user)
    return client


def make_samrad_request(author, meeting, marker, **fields):
    samrad_request = SamradRequest.objects.create(
        **marked(
            SamradRequest,
            marker,
            created_by=author,
            referring_party=author.party,
            home_municipality=party("krokom"),
            kind="planning",
            urgency="weekly",
            status="planned",
            meeting=meeting,
            **fields,
        )
    )
    record = SamradRecord.objects.create(
        **marked(
            SamradRecord,
            marker,
            request=samrad_request,
            meeting=meeting,
            held_on=timezone.localdate(),
        )
    )
    record.parties_present.set([party("polisen"), party("region"), party("krokom")])
    for slug in ("polisen", "region", "krokom"):
        RecordGround.objects.create(
            record=record,
            party=party(slug),
            ground="consent" if samrad_request.mode == "consent" else "deidentified",
        )
    for slug in ("polisen", "region", "krokom"):
        for done in (None, timezone.now()):
            Action.objects.create(
                **marked(Action, marker, request=samrad_request, party=party(slug), done_at=done)
            )
    return samrad_request


@pytest.fixture
def world():
    """A weekly samråd with the police, the Region and Krokom invited. On it: a consent
    case whose consent covers the police and the Region (not Krokom), and a de-identified
    case, both sent by a professional of the Region."""
    coord = coordinator()
    author = professional("remiss@example.org", party="region")
    meeting = Meeting.objects.create(
        kind="weekly",
        starts_at=timezone.now() + timedelta(days=1),
        place="Polishuset, Östersund",
        created_by=coord,
    )
    meeting.invited_parties.set([party("polisen"), party("region"), party("krokom")])
    identified = make_samrad_request(
        author,
        meeting,
        f"{NAME} {NUMBER}",
        mode="consent",
        person_name=NAME,
        person_id_number=NUMBER.replace("-", ""),
        consent_signed_on=(timezone.localdate() - timedelta(days=10)).isoformat(),
    )
    identified.consent_parties.set([party("polisen"), party("region")])
    deidentified = make_samrad_request(author, meeting, DEIDENTIFIED_NAME, mode="deidentified")
    return {
        "coordinator": coord,
        "author": author,
        "meeting": meeting,
        "identified": identified,
        "deidentified": deidentified,
        "readers": {
            "covered party": signed_in(representative("rep-polis@example.org", "polisen")),
            "party outside the consent": signed_in(
                representative("rep-krokom@example.org", "krokom")
            ),
            "referring professional": signed_in(author),
            "another professional": signed_in(professional("annan@example.org")),
        },
    }


def samrad_urls(world):
    """Every samråd page, with each meeting and case this test made for its ids."""
    ids = [world["meeting"].pk, world["identified"].pk, world["deidentified"].pk]
    urls = ["/personal/"]
    for pattern in urlpatterns:
        assert isinstance(pattern, URLPattern)
        names = set(pattern.pattern.converters)
        if not names:
            urls.append(reverse(f"samrad:{pattern.name}"))
        elif names == {"pk"}:
            urls += [reverse(f"samrad:{pattern.name}", kwargs={"pk": pk}) for pk in ids]
        elif names == {"pk", "action_pk"}:  # each action of each case, under its case
            urls += [
                reverse(f"samrad:{pattern.name}", kwargs={"pk": a.request_id, "action_pk": a.pk})
                for a in Action.objects.filter(request__in=ids[1:])
            ]
        elif names == {"mode"}:
            urls += [
                reverse(f"samrad:{pattern.name}", kwargs={"mode": mode})
                for mode in ("samtycke", "avidentifierad")
            ]
        else:
            raise AssertionError(f"Give {pattern.pattern} its ids in this test: {names}")
    return urls


def leaked(content, signs):
    """The fields whose text shows on the page, or the signs if they show without a tag."""
    if not any(sign in content for sign in signs):
        return set()
    lines = [line for line in content.splitlines() if any(sign in line for sign in signs)]
    return set(re.findall(r"\[(\w+)\]", "\n".join(lines))) or {"(untagged)"}


def read_all(client, urls):
    return {url: client.get(url).content.decode() for url in urls}


def test_free_text_reaches_only_those_the_consent_covers(world):
    urls = samrad_urls(world)
    pages = {name: read_all(client, urls) for name, client in world["readers"].items()}
    meeting = world["meeting"]
    room_print = reverse("samrad:agenda_print_room", kwargs={"pk": meeting.pk})
    room = signed_in(world["coordinator"])
    pages["the room"] = read_all(room, [room_print, room_print + "?page=1"])

    leaks = {
        (reader, url): fields
        for reader in ("party outside the consent", "another professional", "the room")
        for url, content in pages[reader].items()
        if (fields := leaked(content, IDENTIFIED_SIGNS))
    }
    leaks |= {
        ("another professional", url): fields
        for url, content in pages["another professional"].items()
        if (fields := leaked(content, [DEIDENTIFIED_NAME]))
    }
    assert not leaks, leaks

    # Where it may be shown, it is: the marker is really on the pages read above.
    rep_meeting = reverse("samrad:representative_meeting", kwargs={"pk": meeting.pk})
    actions = reverse("samrad:representative_actions")
    covered = pages["covered party"]
    assert {"question"} <= leaked(covered[rep_meeting], IDENTIFIED_SIGNS)
    assert NAME in covered[rep_meeting] and NUMBER.replace("-", "") in covered[rep_meeting]
    assert {"description", "note"} <= leaked(covered[actions], IDENTIFIED_SIGNS)
    own = reverse("samrad:mine_detail", kwargs={"pk": world["identified"].pk})
    assert {"additions", "description"} <= leaked(
        pages["referring professional"][own], IDENTIFIED_SIGNS
    )
    # The de-identified case's free text is shown as before, to every party and the room.
    outside = pages["party outside the consent"]
    for content in (covered[rep_meeting], outside[rep_meeting], pages["the room"][room_print]):
        assert "question" in leaked(content, [DEIDENTIFIED_NAME])
    assert {"description", "note"} <= leaked(outside[actions], [DEIDENTIFIED_NAME])

    # The party outside the consent sees the case, and is told that something is withheld.
    assert world["identified"].reference in outside[rep_meeting]
    assert "Visas inte: parten omfattas inte av samtycket" in outside[rep_meeting]
    assert "Visas inte: parten omfattas inte av samtycket" in outside[actions]
    assert "Visas inte: den allmänna dagordningen" in pages["the room"][room_print]


def agenda_table(content):
    match = re.search(r'<table class="agenda-table">.*?</table>', content, re.S)
    assert match, "no agenda table"
    return match.group()


@pytest.mark.parametrize(
    ("slug", "reader"), [("krokom", "party outside the consent"), ("polisen", "covered party")]
)
def test_the_coordinators_preview_shows_exactly_what_the_party_sees(world, slug, reader):
    meeting = world["meeting"]
    preview = signed_in(world["coordinator"]).get(
        reverse("samrad:meeting", kwargs={"pk": meeting.pk}) + f"?part={slug}"
    )
    seen = world["readers"][reader].get(
        reverse("samrad:representative_meeting", kwargs={"pk": meeting.pk})
    )
    assert agenda_table(preview.content.decode()) == agenda_table(seen.content.decode())


def test_a_consent_no_longer_in_force_shares_no_free_text(world):
    identified = world["identified"]
    identified.consent_withdrawn_on = timezone.localdate()
    identified.save()
    content = (
        world["readers"]["covered party"]
        .get(reverse("samrad:representative_meeting", kwargs={"pk": world["meeting"].pk}))
        .content.decode()
    )
    assert not leaked(content, IDENTIFIED_SIGNS)
    assert "Visas inte: inget gällande samtycke" in content


def test_the_answer_never_says_that_a_party_must_not_be_told(world):
    identified = world["identified"]
    identified.do_not_tell.set([party("polisen")])
    answer = disclosure.may_see(identified, disclosure.for_party(party("polisen")))
    assert not answer and str(answer.why) == "Visas inte"
    for item in disclosure.Item:
        assert not disclosure.may_see(identified, disclosure.for_room(world["meeting"]), item)
