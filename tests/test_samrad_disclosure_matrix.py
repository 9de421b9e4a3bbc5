"""Every surface against every relation a party can have to a case (samrad.disclosure).

One identified case, with a unique name and number in every free-text field of the
request, its samråd record and one action per party, on a weekly samråd to which five
parties are invited, one for each relation:

    covered     the consent in force covers the party          may read it all
    provision   invited to the case on a provision             may read it all
    forbidden   the case must not be told to the party         not even its reference
    none        no ground                                      the reference, no text
    withdrawn   covered by a consent since withdrawn           the reference, no text

Each party's representative reads every samråd URL (a URL added later is read too, or
the test asks for its ids); the room's print, the mails and the statistics export are
read as well. The test fails on any sign of the case where the rule does not allow it,
and on a missing sign where it does (so a surface that hides everything is caught too).
"""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from samrad import disclosure, flows
from samrad.forms import ActionForm
from samrad.models import (
    Action,
    Invitation,
    Meeting,
    RecordGround,
    SamradRecord,
    SamradRequest,
)

from .factories.organisations import party
from .samrad_helpers import coordinator, professional
from .test_samrad_disclosure import (
    leaked,
    marked,
    read_all,
    representative,
    samrad_urls,
    signed_in,
)

pytestmark = pytest.mark.django_db

RELATIONS = {
    "covered": "polisen",
    "provision": "ragunda",
    "forbidden": "stromsund",
    "none": "krokom",
    "withdrawn": "region",
}
NAME, NUMBER = "Sigrid Matrisdotter", "19520817-4421"
SIGNS = ("Matrisdotter", "19520817", "195208174421")
WITHDRAWN_NAME, WITHDRAWN_NUMBER = "Olle Återkallesson", "19610203-1238"
WITHDRAWN_SIGNS = ("Återkallesson", "19610203", "196102031238")


def identified_samrad_request(author, meeting, name, number, covered):
    samrad_request = SamradRequest.objects.create(
        **marked(
            SamradRequest,
            f"{name} {number}",
            created_by=author,
            referring_party=author.party,
            home_municipality=party("krokom"),
            kind="planning",
            urgency="weekly",
            status="planned",
            meeting=meeting,
            mode="consent",
            person_name=name,
            person_id_number=number.replace("-", ""),
            consent_signed_on=(timezone.localdate() - timedelta(days=10)).isoformat(),
        )
    )
    samrad_request.consent_parties.set([party(slug) for slug in covered])
    record = SamradRecord.objects.create(
        **marked(
            SamradRecord,
            f"{name} {number}",
            request=samrad_request,
            meeting=meeting,
            held_on=timezone.localdate(),
        )
    )
    for slug in covered:
        RecordGround.objects.create(record=record, party=party(slug), ground="consent")
    for slug in RELATIONS.values():
        Action.objects.create(
            **marked(Action, f"{name} {number}", request=samrad_request, party=party(slug))
        )
    return samrad_request


@pytest.fixture
def world():
    coord = coordinator()
    author = professional("matris@example.org", party="region")
    meeting = Meeting.objects.create(
        kind="weekly",
        starts_at=timezone.now() + timedelta(days=1),
        place="Polishuset, Östersund",
        created_by=coord,
    )
    meeting.invited_parties.set([party(slug) for slug in RELATIONS.values()])
    samrad_request = identified_samrad_request(author, meeting, NAME, NUMBER, ["polisen"])
    samrad_request.do_not_tell.set([party("stromsund")])
    Invitation.objects.create(
        request=samrad_request,
        party=party("ragunda"),
        ground=Invitation.Ground.PROVISION,
        provision="OSL 10 kap. 18 c § – Risk för allvarligt våld mot en närstående",
        invited_by=coord,
    )
    # The region's consent to this second case was withdrawn.
    withdrawn = identified_samrad_request(
        author, meeting, WITHDRAWN_NAME, WITHDRAWN_NUMBER, ["polisen", "region"]
    )
    withdrawn.consent_withdrawn_on = timezone.localdate()
    withdrawn.save()
    readers = {
        relation: signed_in(representative(f"rep-{slug}@example.org", slug))
        for relation, slug in RELATIONS.items()
    }
    return {
        "coordinator": coord,
        "author": author,
        "meeting": meeting,
        "case": samrad_request,
        "withdrawn": withdrawn,
        "readers": readers,
    }


def everything(world, client):
    urls = samrad_urls({**world, "identified": world["case"], "deidentified": world["withdrawn"]})
    return "\n".join(read_all(client, urls).values())


@pytest.mark.parametrize("relation", RELATIONS)
def test_each_relation_reads_exactly_what_the_rule_allows(world, relation):
    content = everything(world, world["readers"][relation])
    samrad_request, withdrawn = world["case"], world["withdrawn"]
    if relation in ("covered", "provision"):
        # The whole case: identity, question, the record's and its own action's texts.
        assert {"question", "description"} <= leaked(content, SIGNS), relation
        assert NAME in content
    else:
        assert not leaked(content, SIGNS), relation
    if relation == "forbidden":
        assert samrad_request.reference not in content
    else:
        assert samrad_request.reference in content
    # Nobody reads the case whose consent was withdrawn, the police included.
    assert not leaked(content, WITHDRAWN_SIGNS), relation
    if relation in ("covered", "withdrawn"):
        assert withdrawn.reference in content
        assert "Visas inte: inget gällande samtycke" in content


def test_the_room_mails_and_the_export_carry_no_identity(world, django_capture_on_commit_callbacks):
    coord = world["coordinator"]
    meeting = world["meeting"]
    with django_capture_on_commit_callbacks(execute=True):
        flows.invite_to_meeting(coord, meeting, party("are"))
        flows.add_information(world["author"], world["case"], f"Mer om {NAME} {NUMBER}")
        flows.withdraw_consent(coord, world["case"], timezone.localdate())
    assert mail.outbox, "the flows above mail the parties and the coordinator"
    for message in mail.outbox:
        text = message.subject + message.body + "".join(str(a) for a in message.attachments)
        assert not leaked(text, SIGNS + WITHDRAWN_SIGNS), message.subject
    client = signed_in(coord)
    room_print = reverse("samrad:agenda_print_room", kwargs={"pk": meeting.pk})
    year = timezone.localdate().year
    exports = read_all(
        client,
        [
            room_print,
            f"{reverse('samrad:statistics')}?format=csv",
            f"{reverse('samrad:yearly_report')}?year={year}&format=csv",
        ],
    )
    for url, content in exports.items():
        assert not leaked(content, SIGNS + WITHDRAWN_SIGNS), url


@pytest.mark.parametrize("relation", ["none", "withdrawn", "forbidden"])
def test_no_action_for_a_party_without_a_ground(world, relation):
    samrad_request = world["withdrawn"] if relation == "withdrawn" else world["case"]
    slug = RELATIONS[relation]
    form = ActionForm(
        {"party": party(slug).pk, "description": "Ring upp", "due_on": ""},
        samrad_request=samrad_request,
    )
    if not form.is_valid():
        # The form itself may already leave the party out (must not be told).
        assert relation == "forbidden"
        return
    before = Action.objects.filter(request=samrad_request, party__slug=slug).count()
    with pytest.raises(ValidationError):
        flows.add_action(world["coordinator"], samrad_request, form)
    assert Action.objects.filter(request=samrad_request, party__slug=slug).count() == before


@pytest.mark.parametrize("relation", ["covered", "provision"])
def test_an_action_for_a_party_with_a_ground_is_saved(world, relation):
    slug = RELATIONS[relation]
    form = ActionForm(
        {"party": party(slug).pk, "description": "Ring upp", "due_on": ""},
        samrad_request=world["case"],
    )
    assert form.is_valid(), form.errors
    before = Action.objects.filter(request=world["case"], party__slug=slug).count()
    flows.add_action(world["coordinator"], world["case"], form)
    assert Action.objects.filter(request=world["case"], party__slug=slug).count() == before + 1


def test_the_coordinator_is_told_who_will_not_see_what(world):
    content = (
        signed_in(world["coordinator"])
        .get(reverse("samrad:meeting", kwargs={"pk": world["meeting"].pk}))
        .content.decode()
    )
    section = content.split('id="withheld"')[1].split("</ul></li></ul>")[0] + "</ul></li>"
    rows = dict(re.findall(r"<li>([^<:]+): <ul>(.*?)</ul></li>", section, re.S))
    samrad_request, withdrawn = world["case"].reference, world["withdrawn"].reference
    assert samrad_request in rows["Krokoms kommun"] and samrad_request in rows["Strömsunds kommun"]
    assert withdrawn in rows["Polisen"] and withdrawn in rows["Region Jämtland Härjedalen"]
    # The parties with a ground for the case are not listed for it.
    for name in ("Polisen", "Ragunda kommun"):
        assert samrad_request not in rows.get(name, "")
    # References only: no name, no number.
    assert not leaked(section, SIGNS + WITHDRAWN_SIGNS)


def test_the_rule_is_the_one_the_flows_use(world):
    samrad_request = world["case"]
    assert disclosure.ground_for(samrad_request, party("polisen")) == Invitation.Ground.CONSENT
    assert disclosure.ground_for(samrad_request, party("ragunda")) == Invitation.Ground.PROVISION
    assert disclosure.ground_for(samrad_request, party("krokom")) is None
    assert disclosure.ground_for(samrad_request, party("stromsund")) is None
    assert disclosure.ground_for(world["withdrawn"], party("region")) is None


def test_the_minutes_print_names_the_cases_by_reference_only(world):
    """The coordinator's printed minutes (a new surface): the representatives are refused
    it with every other samråd URL above; the coordinator's paper names each case by its
    reference, and of the case's texts shows only the kinds of information shared."""
    url = reverse("samrad:minutes_print", kwargs={"pk": world["meeting"].pk})
    content = signed_in(world["coordinator"]).get(url).content.decode()
    assert world["case"].reference in content
    assert leaked(content, SIGNS + WITHDRAWN_SIGNS) <= {"information_shared"}
    for reader in world["readers"].values():
        assert not leaked(reader.get(url).content.decode(), SIGNS + WITHDRAWN_SIGNS)
