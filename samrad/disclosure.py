"""What of a case may be shared with whom, and on which ground: decided here and nowhere
else.

`ground_for(samrad_request, party)` is the ground on which a party may be told of a case at all:
the consent in force that covers it, a provision that allows sharing recorded for that
party (an invitation on a provision, samrad.models.Provision), or de-identified content
only; None when there is none. Flows ask it before an action, an invitation or a record
names a party (`require_ground`); a party that must not be told is refused outright
(`refuse_if_must_not_be_told`). A samråd's record names a ground for each party that took
part (`check_record_ground`): the consent only where `ground_for` says it covers the party,
else a provision in force or de-identified content only; and an actor other than the
parties may be present for a case only where its consent in force names the actor
(`check_other_actor`).

Every page that shows a case's agenda line, actions or texts to a party's representative,
the room or a professional asks `may_see` (so do the coordinator's agenda and the
coordinator's preview of what a party sees):

- An identified (consent) case shares its identity and its free text only with the
  parties it has a ground for (the consent in force covers them, or a provision was
  recorded for them), never with a party that must not be told.
- The room's general agenda is printed without personal data: never the identity, and
  never the free text of an identified case (free text there is not checked for names).
- A de-identified case's free text was checked for identity numbers when it was sent: it
  may reach every party told of the case, and the room.
- The referring professional reads their own request; no other professional does. On it
  they read the coordinator's questions and their own answers (InformationRequest), and
  the records' agreed plan and follow-up date, never what was shared with whom nor other
  parties' actions. Questions and answers reach no party's representative and no room.
- The coordinator reads everything (the identity where a consent is in force).

"Free text" is every text typed about a case: the request's texts, additions and notes,
the action texts and notes, the samråd records' texts, and the questions to the
professional and their answers.

A page of cases asks once per case: query it through `prefetched` so that the parties a
case's consent covers and those it must not be told of come in two queries per page."""

import enum
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from organisations.models import Party

from .models import Invitation, Mode, Provision


class Item(enum.Enum):
    IDENTITY = "identity"  # the person's name and personal identity number
    FREE_TEXT = "free_text"


class Reader(enum.Enum):
    COORDINATOR = "coordinator"
    PARTY = "party"
    ROOM = "room"
    PROFESSIONAL = "professional"


@dataclass(frozen=True)
class Viewer:
    """Who reads: COORDINATOR, or one made by a for_* function below."""

    kind: Reader
    party_id: int | None = None
    user_id: int | None = None
    # The room: every party invited to the meeting hears what is read out.
    room_party_ids: frozenset = frozenset()


COORDINATOR = Viewer(Reader.COORDINATOR)


def for_party(party):
    """A party's representative, and the coordinator's preview of what that party sees:
    the same viewer, so the preview shows exactly what the party is shown."""
    return Viewer(Reader.PARTY, party_id=party.pk)


def for_room(meeting):
    """The room's general agenda of a meeting."""
    return Viewer(
        Reader.ROOM, room_party_ids=frozenset(meeting.invited_parties.values_list("pk", flat=True))
    )


def for_professional(user):
    return Viewer(Reader.PROFESSIONAL, user_id=user.pk)


@dataclass(frozen=True)
class Answer:
    allowed: bool
    # Shown where a withheld item would have been, so the reader knows something is.
    why: str = ""

    def __bool__(self):
        return self.allowed


SHOWN = Answer(True)
NOT_SHOWN = Answer(False, _("Not shown"))
NOT_COVERED = Answer(False, _("Not shown: the party is not covered by the consent"))
NO_CONSENT = Answer(False, _("Not shown: no consent in force"))
ROOM_CONSENT = Answer(
    False, _("Not shown: the general agenda is without personal data, and this case has consent")
)


def prefetched(queryset, path=""):
    """The cases (or, with path "request__", their actions) with the parties `may_see`
    reads: the parties the consent covers, those that must not be told, and the
    invitations that name a provision."""
    only_pk = Party.objects.only("pk")
    return queryset.prefetch_related(
        Prefetch(f"{path}consent_parties", queryset=only_pk),
        Prefetch(f"{path}do_not_tell", queryset=only_pk.all()),
        Prefetch(
            f"{path}invitations",
            queryset=Invitation.objects.only("request_id", "party_id", "ground"),
        ),
    )


def party_ids(samrad_request, relation):
    # .all() reads the prefetched list when there is one.
    return {party.pk for party in getattr(samrad_request, relation).all()}


def provision_party_ids(samrad_request):
    return {
        invitation.party_id
        for invitation in samrad_request.invitations.all()
        if invitation.ground == Invitation.Ground.PROVISION
    }


def must_not_be_told(samrad_request, party_id):
    return party_id in party_ids(samrad_request, "do_not_tell")


def ground_for(samrad_request, party):
    """The ground on which `party` may be told of `samrad_request`, or None.

    De-identified content may reach any party that may be told of the case; an
    identified case needs the consent in force covering the party, or a provision
    recorded for it."""
    if must_not_be_told(samrad_request, party.pk):
        return None
    if samrad_request.mode == Mode.DEIDENTIFIED:
        return Invitation.Ground.DEIDENTIFIED
    if samrad_request.consent_in_force and party.pk in party_ids(samrad_request, "consent_parties"):
        return Invitation.Ground.CONSENT
    if party.pk in provision_party_ids(samrad_request):
        return Invitation.Ground.PROVISION
    return None


def refuse_if_must_not_be_told(samrad_request, party):
    if must_not_be_told(samrad_request, party.pk):
        raise ValidationError(
            _("%(party)s must not be told anything about this case."),
            code="do_not_tell",
            params={"party": party.short_name},
        )


def require_ground(samrad_request, party):
    """For a flow about to name `party` on `samrad_request` (an action for it): the ground, or a
    ValidationError the coordinator reads on the case page."""
    refuse_if_must_not_be_told(samrad_request, party)
    ground = ground_for(samrad_request, party)
    if ground is None:
        raise ValidationError(
            _(
                "%(party)s has no ground to be told of this case: the consent does not "
                "cover it (or is not in force). Invite it on a provision that allows "
                "sharing first."
            ),
            code="needs_ground",
            params={"party": party.short_name},
        )
    return ground


def check_record_ground(samrad_request, party, ground, provision=None, information=(), on=None):
    """For a samråd record: `party` took part and was told of `samrad_request` on `ground`. The
    consent only where the consent in force covers the party (and the kinds of
    information shared); a provision only where one in force on the day is named;
    de-identified content only, always. A party outside the consent that got
    identified information therefore has a provision recorded, or nothing is saved."""
    refuse_if_must_not_be_told(samrad_request, party)
    if ground == Invitation.Ground.CONSENT:
        if ground_for(samrad_request, party) != Invitation.Ground.CONSENT:
            raise ValidationError(
                _(
                    "%(party)s is not covered by a consent in force: choose the provision "
                    "that allows sharing with it, or record that it was told de-identified "
                    "content only."
                ),
                code="needs_ground",
                params={"party": party.short_name},
            )
        beyond = [
            kind for kind in information if kind not in samrad_request.consent_information_list
        ]
        if beyond:
            raise ValidationError(
                _("The consent does not cover: %(kinds)s."),
                code="needs_ground",
                params={"kinds": "; ".join(beyond)},
            )
    elif ground == Invitation.Ground.PROVISION:
        if provision is None or not Provision.objects.in_force(on).filter(pk=provision.pk):
            raise ValidationError(
                _("Choose a provision in force on the day of the samråd for %(party)s."),
                code="needs_ground",
                params={"party": party.short_name},
            )
    elif ground != Invitation.Ground.DEIDENTIFIED:
        raise ValidationError(_("Unknown ground."), code="ground")
    return ground


def check_other_actor(samrad_request, names_actor):
    """An actor other than the parties (seed 001 §12) may be present while `samrad_request` is
    discussed only where the case has a consent in force and that consent names the actor
    (`names_actor`: the coordinator has checked the signed form). Never for a
    de-identified case: few may fit its description."""
    if not (samrad_request.consent_in_force and names_actor):
        raise ValidationError(
            _(
                "%(reference)s: another actor may be present only where a consent in force "
                "names it."
            ),
            code="needs_consent",
            params={"reference": samrad_request.reference},
        )


def may_see(samrad_request, viewer, item=Item.FREE_TEXT):
    """Whether `viewer` may be shown `item` of `samrad_request`; when not, why (in the reader's
    language, never naming a party that must not be told)."""
    if viewer.kind is Reader.COORDINATOR:
        if item is Item.IDENTITY:
            return SHOWN if samrad_request.consent_in_force else NO_CONSENT
        return SHOWN
    if viewer.kind is Reader.PROFESSIONAL:
        return SHOWN if samrad_request.created_by_id == viewer.user_id else NOT_SHOWN
    identified = samrad_request.mode == Mode.CONSENT
    if viewer.kind is Reader.ROOM:
        if party_ids(samrad_request, "do_not_tell") & viewer.room_party_ids:
            return NOT_SHOWN
        if item is Item.IDENTITY:
            return NOT_SHOWN
        return ROOM_CONSENT if identified else SHOWN
    if viewer.kind is Reader.PARTY:
        if must_not_be_told(samrad_request, viewer.party_id):
            return NOT_SHOWN
        if not identified:
            return NOT_SHOWN if item is Item.IDENTITY else SHOWN
        if viewer.party_id in provision_party_ids(samrad_request):
            return SHOWN
        if not samrad_request.consent_in_force:
            return NO_CONSENT
        if viewer.party_id not in party_ids(samrad_request, "consent_parties"):
            return NOT_COVERED
        return SHOWN
    return NOT_SHOWN
