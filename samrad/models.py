import hashlib
import hmac
import secrets
import uuid
from datetime import date, time, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Site

from organisations.models import County, Party
from portal.email_addresses import validate_mail_address

from .calendar import MEETING_LENGTH
from .fields import EncryptedTextField, PastDateField
from .personnummer import reject_identity_numbers
from .scope import ALL, CountyScopedManager, CountyScopedQuerySet, current_county_id
from .validators import reject_control_characters

REPEAT_WINDOW = timedelta(days=365)
# What a request with no home municipality shows: the person lives outside the county.
OUTSIDE_COUNTY = _("Outside the county")
# Unambiguous characters for the short reference a professional can read out on the phone.
REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def new_reference():
    return "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))


# What a person types into a text of the samråd: no control characters, and no
# personnummer or samordningsnummer in any spelling. The number has one place, the
# identity field of a request with consent (encrypted, never shown to the parties'
# representatives, never printed).
TEXT_VALIDATORS = [reject_control_characters, reject_identity_numbers]


def person_key(identity_number):
    """A keyed hash of the canonical identity number: finds repeats without storing it in clear."""
    secret = settings.PERSON_KEY_SECRET.encode()
    return hmac.new(secret, identity_number.encode(), hashlib.sha256).hexdigest()


class Mode(models.TextChoices):
    CONSENT = "consent", _("With consent")
    DEIDENTIFIED = "deidentified", _("De-identified")


class ConsentForm(models.TextChoices):
    """How the person gave the consent: the agreement asks for the signed form "as far as
    possible"; otherwise the professional documents consent given orally."""

    SIGNED = "signed", _("Signed consent form")
    ORAL = "oral", _("Oral consent, documented by the professional")


class Kind(models.TextChoices):
    PLANNING = "planning", _("Planning")
    CONSULTING = "consulting", _("Consulting")
    ACUTE = "acute", _("Acute")
    FOLLOW_UP = "follow_up", _("Follow-up")


class Purpose(models.TextChoices):
    NEEDS = "needs", _("Clarify needs and who is responsible")
    RISK = "risk", _("Assess the risk of further violence")
    QUESTION = "question", _("Consultation on a question")


class ViolenceForm(models.TextChoices):
    PHYSICAL = "physical", _("Physical")
    PSYCHOLOGICAL = "psychological", _("Psychological")
    SEXUAL = "sexual", _("Sexual")
    MATERIAL = "material", _("Material")
    ECONOMIC = "economic", _("Economic")
    LATENT = "latent", _("Latent")
    NEGLECT = "neglect", _("Neglect")
    HONOUR = "honour", _("Honour-related violence and oppression")
    TRAFFICKING = "trafficking", _("Prostitution or trafficking")


class Urgency(models.TextChoices):
    WEEKLY = "weekly", _("Next weekly samråd")
    ACUTE = "acute", _("Acute")


class Status(models.TextChoices):
    RECEIVED = "received", _("Received")
    # The coordinator asked the referring professional a question (InformationRequest)
    # and the case waits for the answer.
    AWAITING = "awaiting", _("Awaiting more information")
    PLANNED = "planned", _("Planned")
    DISCUSSED = "discussed", _("Discussed")
    FOLLOW_UP = "follow_up", _("Follow-up")
    CLOSED = "closed", _("Closed")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ContactSafe(models.TextChoices):
    """Whether the person may be contacted directly. Stored encrypted, shown by its label."""

    YES = "yes", _("Yes")
    THROUGH_PROFESSIONAL = "professional", _("Only through the referring professional")
    NO = "no", _("No")
    # Requests sent before the three answers above could say "don't know".
    UNKNOWN = "unknown", _("Don't know")


class YesNoUnknown(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    UNKNOWN = "unknown", _("Don't know")


class Gender(models.TextChoices):
    WOMAN = "woman", _("Woman")
    MAN = "man", _("Man")
    OTHER = "other", _("Other or non-binary")
    UNKNOWN = "unknown", _("Not known")


class AgeBand(models.TextChoices):
    """Adults only: samråd is for people 18 or older (the form refuses "under 18")."""

    A18 = "18-24", _("18–24")
    A25 = "25-34", _("25–34")
    A35 = "35-44", _("35–44")
    A45 = "45-54", _("45–54")
    A55 = "55-64", _("55–64")
    A65 = "65-74", _("65–74")
    A75 = "75+", _("75 or older")
    UNKNOWN = "unknown", _("Not known")


class ChildAgeBand(models.TextChoices):
    INFANT = "0-2", _("0–2 years")
    PRESCHOOL = "3-5", _("3–5 years")
    SCHOOL = "6-12", _("6–12 years")
    TEEN = "13-17", _("13–17 years")


class RiskInstrument(models.TextChoices):
    NONE = "none", _("None used")
    FREDA = "freda", _("FREDA farlighetsbedömning")
    SARA = "sara_sv", _("SARA:SV")
    PATRIARK = "patriark", _("PATRIARK")
    CHECK10 = "check10", _("Check 10")
    OTHER = "other", _("Other")


class RiskLevel(models.TextChoices):
    """The level as the instrument (or the professional) states it. Never computed here."""

    LOW = "low", _("Low")
    MODERATE = "moderate", _("Moderate")
    HIGH = "high", _("High")
    ACUTE = "acute", _("Acute danger")


# The acute rule, once: a case is acute by its urgency, its kind or a risk level of acute
# danger, as recorded by the professional (nothing is scored here). The queryset methods
# and SamradRequest.is_acute both read this.
ACUTE_WHEN = (
    ("urgency", Urgency.ACUTE),
    ("kind", Kind.ACUTE),
    ("risk_level", RiskLevel.ACUTE),
)
IS_ACUTE = models.Q(*ACUTE_WHEN, _connector=models.Q.OR)


def _first_if(condition):
    return models.Case(
        models.When(condition, then=0), default=1, output_field=models.IntegerField()
    )


def county_field(**options):
    """The county whose case data a row is (samrad.scope): set when the row is made."""
    return models.ForeignKey(
        County,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
        verbose_name=_("county"),
        **options,
    )


class SamradRequestQuerySet(CountyScopedQuerySet):
    def acute(self):
        return self.filter(IS_ACUTE)

    def inbox_order(self, today=None):
        """What needs the coordinator now first: requests received and not yet planned,
        and follow-ups whose date has come. Within those and within the rest, acute cases
        first, then those assessed as high risk; newest first. An old acute case already
        discussed does not push a new request off the first page."""
        today = today or timezone.localdate()
        needs_now = models.Q(status=Status.RECEIVED) | models.Q(
            status=Status.FOLLOW_UP, follow_up_on__lte=today
        )
        return self.order_by(
            _first_if(needs_now),
            _first_if(IS_ACUTE),
            _first_if(models.Q(risk_level=RiskLevel.HIGH)),
            "-created_at",
            "pk",
        )

    def agenda_order(self):
        """In the order of the cases' own times; without a time, acute cases first, then
        high risk, then children in the household, then in the order they came."""
        return self.order_by(
            models.F("agenda_start").asc(nulls_last=True),
            _first_if(IS_ACUTE),
            _first_if(models.Q(risk_level=RiskLevel.HIGH)),
            _first_if(models.Q(children_count__gt=0)),
            "created_at",
            "pk",
        )


class Meeting(models.Model):
    """A samråd meeting: the weekly one or an acute one."""

    class MeetingKind(models.TextChoices):
        WEEKLY = "weekly", _("Weekly samråd")
        ACUTE = "acute", _("Acute samråd")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("kind"), max_length=10, choices=MeetingKind.choices)
    starts_at = models.DateTimeField(_("date and time"))
    place = models.CharField(_("place or video link"), max_length=300)
    invited_parties = models.ManyToManyField(
        Party, blank=True, related_name="+", verbose_name=_("parties invited")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # The calendar file's SEQUENCE: raised each time the meeting moves or is cancelled, so
    # calendars replace the entry they have (the UID is the meeting's id and never changes).
    sequence = models.PositiveIntegerField(default=0, editable=False)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True, editable=False)
    # The county of the coordinator who called it; none (read by no one) if they have none.
    county = county_field(null=True)

    objects = CountyScopedManager()
    COUNTY_PATH = "county"

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("samråd meeting")
        verbose_name_plural = _("samråd meetings")

    def __str__(self):
        return f"{self.get_kind_display()} {timezone.localtime(self.starts_at):%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        if self.county_id is None:
            self.county_id = self.created_by.county_id
        super().save(*args, **kwargs)

    @staticmethod
    def fill_county(meetings):
        for meeting in meetings:
            if meeting.county_id is None:
                meeting.county_id = meeting.created_by.county_id

    @property
    def ends_at(self):
        """The meeting's slot ends a fixed time after it starts (the calendar's length)."""
        return self.starts_at + MEETING_LENGTH

    def agenda(self, for_party=None):
        """Acute cases first, then those assessed as high risk, then cases with children,
        then in the order they came. The agenda shown for a party leaves out every case
        that party must not be told of. Ordered by the database, so that a page of it
        costs the same whatever the number of cases."""
        samrad_requests = self.requests.all()
        if for_party is not None:
            samrad_requests = samrad_requests.exclude(do_not_tell=for_party)
        return samrad_requests.agenda_order()


class SamradRequest(models.Model):
    """A request to bring a case to samråd. Every content field is secret."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    reference = models.CharField(
        _("reference"), max_length=8, unique=True, default=new_reference, editable=False
    )
    # The county of the referring party, whose coordinators handle the request.
    county = county_field()
    created_at = models.DateTimeField(_("received"), default=timezone.now, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="samrad_requests",
        verbose_name=_("professional"),
    )

    # Statistics columns: kept in clear, and kept after the contents are purged.
    mode = models.CharField(_("mode"), max_length=15, choices=Mode.choices)
    referring_party = models.ForeignKey(
        Party, on_delete=models.PROTECT, related_name="+", verbose_name=_("referring party")
    )
    home_municipality = models.ForeignKey(
        Party,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("home municipality"),
        # The form offers "outside the county" for this empty value (OUTSIDE_COUNTY).
        help_text=_("Empty when the person lives outside the county."),
    )
    kind = models.CharField(_("samråd kind"), max_length=12, choices=Kind.choices)
    purposes = models.JSONField(_("Purpose"), default=list)
    violence_forms = models.JSONField(_("forms of violence"), default=list)
    children_count = models.PositiveSmallIntegerField(
        _("children in the household"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(30)],
        help_text=_("Leave empty if you do not know."),
    )
    children_age_bands = models.JSONField(_("The children's ages"), default=list, blank=True)
    concern_reported = models.CharField(
        _("report of concern made"), max_length=10, choices=YesNoUnknown.choices, blank=True
    )
    gender = models.CharField(
        _("gender"),
        max_length=10,
        choices=Gender.choices,
        blank=True,
        help_text=_("For the statistics only."),
    )
    age_band = models.CharField(
        _("age"),
        max_length=10,
        choices=AgeBand.choices,
        blank=True,
        help_text=_("Samråd is for adults, 18 or older."),
    )
    interpreter_needed = models.BooleanField(_("Interpreter"), default=False)
    risk_instrument = models.CharField(
        _("Instrument"),
        max_length=10,
        choices=RiskInstrument.choices,
        blank=True,
        help_text=_("The latest structured risk assessment, if one was made."),
    )
    risk_assessed_on = PastDateField(_("Assessed on"), null=True, blank=True, years_back=2)
    risk_assessed_by = models.ForeignKey(
        Party,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Assessed by (party)"),
    )
    risk_level = models.CharField(
        _("risk level"),
        max_length=10,
        choices=RiskLevel.choices,
        blank=True,
        help_text=_(
            "As the instrument states it, or your own judgement if no instrument was used. "
            "The portal computes no score."
        ),
    )
    urgency = models.CharField(_("urgency"), max_length=10, choices=Urgency.choices)
    parties_wanted = models.ManyToManyField(
        Party, blank=True, related_name="+", verbose_name=_("parties wanted")
    )
    is_repeat = models.BooleanField(_("repeat request"), default=False)
    # The earlier requests about the same person that made this one a repeat, linked when
    # it was sent: the link outlives the keyed hash, which is cleared after 12 months.
    earlier_requests = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="later_requests",
        verbose_name=_("earlier requests about the same person"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.RECEIVED
    )
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="requests",
        verbose_name=_("samråd meeting"),
    )
    # The case's own time on its meeting, in minutes from the meeting's start: moving the
    # meeting moves the case with it. Set when the case is planned (slots.py).
    agenda_start = models.PositiveSmallIntegerField(
        _("minutes into the meeting"), null=True, blank=True, editable=False
    )
    agenda_minutes = models.PositiveSmallIntegerField(
        _("minutes for the case"), null=True, blank=True, editable=False
    )
    # The SEQUENCE of the professional's calendar entry for the case, with the meeting's:
    # raised each time the case's time changes or it is taken off the meeting.
    agenda_sequence = models.PositiveIntegerField(default=0, editable=False)
    # The status the case had before it was put on a meeting: taken off the meeting (or
    # the meeting cancelled), it goes back to it.
    planned_from = models.CharField(
        max_length=10, choices=Status.choices, blank=True, editable=False
    )
    # The status the case had when the coordinator asked the professional a question:
    # answered, it goes back to it.
    waiting_from = models.CharField(
        max_length=10, choices=Status.choices, blank=True, editable=False
    )
    discussed_at = models.DateTimeField(null=True, blank=True)
    follow_up_on = models.DateField(_("follow up on"), null=True, blank=True, db_index=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    purged_at = models.DateTimeField(null=True, blank=True)

    # The professional's own contact details (not the person's). The phone is encrypted and
    # purged with the contents: it is free text (40 characters) and has been seen to hold
    # the person's number instead of the professional's.
    contact_phone = EncryptedTextField(_("your phone"), max_length=40, validators=TEXT_VALIDATORS)
    contact_email = models.EmailField(_("your e-mail"), validators=[validate_mail_address])

    # Contents: encrypted at rest, purged after the retention time.
    situation = EncryptedTextField(
        _("the situation"),
        max_length=4000,
        rows=8,
        validators=TEXT_VALIDATORS,
        help_text=_(
            "Describe what has happened and the risks, without details that identify anyone."
        ),
    )
    question = EncryptedTextField(
        _("the question for the samråd"), max_length=2000, rows=4, validators=TEXT_VALIDATORS
    )
    person_name = EncryptedTextField(_("Name"), max_length=200, validators=TEXT_VALIDATORS)
    # The one place for the number: the form normalises it (ConsentRequestForm).
    person_id_number = EncryptedTextField(
        _("personal identity number"),
        max_length=20,
        validators=[reject_control_characters],
        help_text=_("YYYYMMDD-NNNN. A coordination number (samordningsnummer) is accepted."),
    )
    person_key = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    consent_form = models.CharField(
        _("Form of consent"),
        max_length=10,
        choices=ConsentForm.choices,
        blank=True,
        help_text=_("Empty for a request without consent."),
    )
    consent_signed_on = EncryptedTextField(_("consent form signed on"), blank=True)
    consent_scope = EncryptedTextField(
        _("Other limits the person set"),
        blank=True,
        max_length=1000,
        rows=2,
        validators=TEXT_VALIDATORS,
        help_text=_("Leave empty if the form has no other limits."),
    )
    consent_given_on = PastDateField(_("Date the consent was given"), null=True, blank=True)
    consent_form_kept = models.BooleanField(_("signed form kept"), default=False)
    # Oral consent: whom the person gave it to (the professional, by name and function)
    # and until when the person said it holds.
    consent_received_by = EncryptedTextField(
        _("Consent given to"),
        blank=True,
        max_length=200,
        validators=TEXT_VALIDATORS,
        help_text=_("The professional the person gave the consent to: name and function."),
    )
    consent_until = models.DateField(
        _("Consent given until"),
        null=True,
        blank=True,
        help_text=_("The date the person said the consent holds until; at most 12 months."),
    )
    # What the signed form covers, with the printable form's options.
    consent_parties = models.ManyToManyField(
        Party,
        blank=True,
        related_name="+",
        verbose_name=_("parties the consent covers"),
        help_text=_("Information is shared only between the parties the person ticked."),
    )
    consent_information = EncryptedTextField(
        _("Information the consent covers"), blank=True, help_text=_("One per line.")
    )
    consent_withdrawn_on = PastDateField(
        _("consent withdrawn on"), null=True, blank=True, years_back=1
    )
    # Parties that must receive nothing about this case (e.g. where the violent person works).
    do_not_tell = models.ManyToManyField(
        Party,
        blank=True,
        related_name="+",
        verbose_name=_("Must not be told anything"),
        help_text=_(
            "For example where the person who uses violence works. Such a party is never "
            "invited, given an action or shown the case."
        ),
    )
    contact_safe = EncryptedTextField(
        _("Safe to contact"),
        blank=True,
        choices=ContactSafe.choices,
        help_text=_("A call at the wrong time can put the person in danger."),
    )
    contact_instructions = EncryptedTextField(
        _("How and when the person may be contacted"),
        blank=True,
        max_length=500,
        rows=2,
        validators=TEXT_VALIDATORS,
        help_text=_("For example: only weekdays 9–11, only by text message, never at home."),
    )
    message_may_be_left = EncryptedTextField(
        _("a message may be left"), blank=True, choices=YesNoUnknown.choices
    )
    interpreter_language = EncryptedTextField(
        _("Language"),
        blank=True,
        max_length=100,
        validators=TEXT_VALIDATORS,
        help_text=_("The language, and the dialect if it matters."),
    )
    risk_judgement = EncryptedTextField(
        _("The professional's judgement"),
        blank=True,
        max_length=1000,
        rows=3,
        validators=TEXT_VALIDATORS,
    )
    protected_identity = EncryptedTextField(
        _("protected personal data"),
        blank=True,
        choices=YesNoUnknown.choices,
        help_text=_("Sekretessmarkering, skyddad folkbokföring or fingerade personuppgifter."),
    )
    decline_reason = EncryptedTextField(_("reason for declining"), blank=True)
    withdraw_reason = EncryptedTextField(_("reason for withdrawing"), blank=True)
    additions = EncryptedTextField(
        _("information added after sending"),
        blank=True,
        help_text=_("Appended by the professional, each part dated; never edited."),
    )
    coordinator_notes = EncryptedTextField(_("coordinator's notes"), blank=True)

    objects = CountyScopedManager.from_queryset(SamradRequestQuerySet)()
    COUNTY_PATH = "county"

    CONTENT_FIELDS = [
        "contact_phone",
        "situation",
        "question",
        "person_name",
        "person_id_number",
        "consent_signed_on",
        "consent_received_by",
        "consent_scope",
        "consent_information",
        "contact_safe",
        "contact_instructions",
        "message_may_be_left",
        "interpreter_language",
        "risk_judgement",
        "protected_identity",
        "decline_reason",
        "withdraw_reason",
        "additions",
        "coordinator_notes",
    ]

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("samråd request")
        verbose_name_plural = _("samråd requests")
        # "add" lets a professional send requests and read their own; "coordinate" reads
        # every request, plans meetings and reads the statistics (samrad/migrations/0002).
        # "represent_party" reads the agendas of the meetings the user's party is invited
        # to, pseudonymised, and the actions given to that party (samrad/migrations/0011).
        permissions = [
            ("coordinate_samrad", _("Can coordinate samråd: read every request")),
            ("represent_party", _("Can represent a party at samråd")),
        ]

    def __str__(self):
        return self.reference

    def save(self, *args, **kwargs):
        if self.county_id is None:
            self.county_id = self.referring_party.county_id
        super().save(*args, **kwargs)

    @staticmethod
    def fill_county(samrad_requests):
        missing = [each for each in samrad_requests if each.county_id is None]
        counties = dict(
            Party.objects.filter(pk__in={each.referring_party_id for each in missing}).values_list(
                "pk", "county_id"
            )
        )
        for samrad_request in missing:
            samrad_request.county_id = counties.get(samrad_request.referring_party_id)

    @property
    def is_acute(self):
        return any(getattr(self, name) == value for name, value in ACUTE_WHEN)

    @property
    def agenda_starts_at(self):
        """When the case comes up on its meeting, or None if it has no time of its own."""
        if self.meeting_id is None or self.agenda_start is None:
            return None
        return self.meeting.starts_at + timedelta(minutes=self.agenda_start)

    @property
    def agenda_ends_at(self):
        starts = self.agenda_starts_at
        return starts + timedelta(minutes=self.agenda_minutes or 0) if starts else None

    @property
    def lives_outside_county(self):
        return self.home_municipality_id is None

    @property
    def home_name(self):
        """The home municipality's name, or "outside the county"."""
        return OUTSIDE_COUNTY if self.lives_outside_county else self.home_municipality.name

    @property
    def home_short_name(self):
        return OUTSIDE_COUNTY if self.lives_outside_county else self.home_municipality.short_name

    @property
    def consent_information_list(self):
        return [line for line in self.consent_information.splitlines() if line]

    @property
    def is_oral_consent(self):
        return self.consent_form == ConsentForm.ORAL

    @property
    def consent_start(self):
        """The day the consent was given: the signed form's date, or the day the person
        gave it orally (as the professional documented it)."""
        if self.is_oral_consent:
            return self.consent_given_on
        return date.fromisoformat(self.consent_signed_on) if self.consent_signed_on else None

    @property
    def consent_valid_until(self):
        """The last day the consent holds: the date the person gave, if any, and never more
        than 12 months from when it was given (the samråd work ends before that)."""
        start = self.consent_start
        if start is None:
            return None
        latest = start + REPEAT_WINDOW
        return min(self.consent_until, latest) if self.consent_until else latest

    @property
    def consent_in_force(self):
        """Consent that still lets information be shared, signed or documented orally
        alike: given, not past its end, not withdrawn."""
        return (
            self.mode == Mode.CONSENT
            and self.consent_withdrawn_on is None
            and self.consent_valid_until is not None
            and timezone.localdate() <= self.consent_valid_until
        )

    @property
    def children_age_labels(self):
        return [ChildAgeBand(value).label for value in self.children_age_bands]

    def set_identity_number(self, canonical):
        self.person_id_number = canonical
        self.person_key = person_key(canonical)

    def same_person_before(self):
        """The requests about the same person (by the keyed hash) in the 12 months before
        this one."""
        if not self.person_key:
            return SamradRequest.objects.none()
        made = self.created_at or timezone.now()
        return SamradRequest.objects.filter(
            person_key=self.person_key, created_at__gte=made - REPEAT_WINDOW, created_at__lte=made
        ).exclude(pk=self.pk)

    def find_repeat(self):
        return self.same_person_before().exists()

    def purge(self):
        """Remove the contents; the statistics columns stay, and so does the keyed hash
        until 12 months after the request was made (clear_expired_person_keys), so that a
        repeat is still found after an early purge."""
        for name in self.CONTENT_FIELDS:
            setattr(self, name, "")
        self.consent_parties.clear()
        self.actions.update(description="", note="")
        self.records.update(information_shared="", decision="")
        self.information_requests.update(question="", answer="")
        self.purged_at = timezone.now()
        self.save()


def clear_expired_person_keys(now=None):
    """Clear the keyed hash of every request made more than 12 months ago, purged or not:
    it serves only to find repeats within 12 months. Returns the requests cleared."""
    cutoff = (now or timezone.now()) - REPEAT_WINDOW
    expired = SamradRequest.objects.filter(created_at__lt=cutoff).exclude(person_key="")
    cleared = list(expired.values_list("pk", flat=True))
    expired.update(person_key="")
    return cleared


class Action(models.Model):
    """What a party takes on after a samråd, followed up until done."""

    request = models.ForeignKey(SamradRequest, on_delete=models.CASCADE, related_name="actions")
    party = models.ForeignKey(
        Party, on_delete=models.PROTECT, related_name="+", verbose_name=_("party")
    )
    description = EncryptedTextField(_("action"), blank=True)
    due_on = models.DateField(_("follow up by"), null=True, blank=True)
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("marked done by"),
    )
    note = EncryptedTextField(
        _("note"), blank=True, help_text=_("The party's note on what was done.")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CountyScopedManager()
    COUNTY_PATH = "request__county"

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")

    def __str__(self):
        return f"{self.request} – {self.party}"

    @property
    def is_overdue(self):
        """Open, and its follow-up date has passed: every page that lists actions says so."""
        return (
            self.done_at is None and self.due_on is not None and self.due_on < timezone.localdate()
        )


class Invitation(models.Model):
    """A party invited to take part in a case, and on what ground information is shared
    with it. A consent case's party outside the signed form needs a provision."""

    class Ground(models.TextChoices):
        CONSENT = "consent", _("Consent")
        DEIDENTIFIED = "deidentified", _("De-identified")
        PROVISION = "provision", _("A provision in law")

    request = models.ForeignKey(SamradRequest, on_delete=models.CASCADE, related_name="invitations")
    party = models.ForeignKey(
        Party, on_delete=models.PROTECT, related_name="+", verbose_name=_("party")
    )
    ground = models.CharField(_("ground"), max_length=15, choices=Ground.choices)
    provision = models.CharField(_("provision"), max_length=300, blank=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CountyScopedManager()
    COUNTY_PATH = "request__county"

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(fields=["request", "party"], name="one_invitation_per_party")
        ]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self):
        return f"{self.request} – {self.party}"


class SamradRecord(models.Model):
    """The coordinator's documentation of one samråd where the case was discussed: who
    took part, what was shared, by whom, and on which ground for each party (its
    `grounds`), the agreed plan, the agreed risk level and when it is followed up. Each
    record keeps its own plan and follow-up date: a later record never changes them."""

    request = models.ForeignKey(SamradRequest, on_delete=models.CASCADE, related_name="records")
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="records",
        verbose_name=_("samråd meeting"),
    )
    held_on = PastDateField(_("date of the samråd"), years_back=1)
    parties_present = models.ManyToManyField(
        Party, related_name="+", verbose_name=_("parties taking part")
    )
    shared_by = models.ForeignKey(
        Party,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("information shared by"),
    )
    information_shared = EncryptedTextField(
        _("information shared"), blank=True, help_text=_("One kind per line.")
    )
    decision = EncryptedTextField(_("agreed plan"), blank=True)
    agreed_risk_level = models.CharField(
        _("agreed risk level"), max_length=10, choices=RiskLevel.choices, blank=True
    )
    follow_up_on = models.DateField(_("follow up on"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CountyScopedManager()
    COUNTY_PATH = "request__county"

    class Meta:
        ordering = ["held_on", "created_at"]
        verbose_name = _("record of a samråd")
        verbose_name_plural = _("records of samråd")

    def __str__(self):
        return f"{self.request} {self.held_on}"

    @property
    def information_list(self):
        return [line for line in self.information_shared.splitlines() if line]

    @staticmethod
    def check_date(samrad_request, meeting, held_on):
        """A samråd is recorded on the day of the meeting it was discussed at; one held
        outside a meeting (an acute samråd) not before the request arrived and not in
        the future."""
        if meeting is not None:
            day = timezone.localdate(meeting.starts_at)
            if held_on != day:
                raise ValidationError(
                    _("The date must be the day of the meeting: %(day)s."),
                    code="meeting_day",
                    params={"day": day.isoformat()},
                )
            return
        received = timezone.localdate(samrad_request.created_at)
        if held_on < received:
            raise ValidationError(
                _("The samråd cannot be before the request arrived (%(day)s)."),
                code="before_request",
                params={"day": received.isoformat()},
            )
        if held_on > timezone.localdate():
            raise ValidationError(_("The samråd cannot be in the future."), code="future")


class RecordGround(models.Model):
    """The ground on which one party taking part in a samråd was told of the case: the
    consent (where it covers the party), a provision that allows sharing, or de-identified
    content only. samrad.disclosure.check_record_ground decides which a party may have."""

    record = models.ForeignKey(SamradRecord, on_delete=models.CASCADE, related_name="grounds")
    party = models.ForeignKey(
        Party, on_delete=models.PROTECT, related_name="+", verbose_name=_("party")
    )
    ground = models.CharField(_("ground"), max_length=15, choices=Invitation.Ground.choices)
    provision = models.ForeignKey(
        "Provision",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("provision"),
    )
    # A record made before provisions were data named its provision as text: kept as it
    # was recorded (migration 0028), never offered again.
    provision_as_recorded = models.CharField(max_length=300, blank=True, editable=False)

    objects = CountyScopedManager()
    COUNTY_PATH = "record__request__county"

    class Meta:
        ordering = ["record", "party__sort_order", "party__name"]
        constraints = [
            models.UniqueConstraint(fields=["record", "party"], name="one_ground_per_party")
        ]
        verbose_name = _("ground for sharing")
        verbose_name_plural = _("grounds for sharing")

    def __str__(self):
        return f"{self.party}: {self.shown_ground}"

    @property
    def shown_ground(self):
        provision = str(self.provision) if self.provision else self.provision_as_recorded
        label = self.get_ground_display()
        return f"{label}: {provision}" if provision else label


class Attendance(models.Model):
    """Who took part in a meeting: a party and the function it took part as, never a
    named person. The functions are those the agreement names (seed 001 §10)."""

    class Function(models.TextChoices):
        POLICE_INVESTIGATOR = (
            "police_investigator",
            _("Investigator, crimes in close relationships or serious crimes"),
        )
        POLICE_PERSON_SAFETY = (
            "police_person_safety",
            _("Victim and personal safety (BOPS)"),
        )
        SOCIAL_SERVICES = "social_services", _("The social services responsible for the case")
        VIOLENCE_TEAM = "violence_team", _("Team for violence in close relationships")
        REGION = "region", _("The Region's representative")
        CENTRE = "centre", _("Centrum mot våld")

    # Which party may take part as which function: the police's two functions are the
    # police's, the social services are a municipality's.
    FUNCTIONS_BY_KIND = {
        Party.Kind.POLICE: {Function.POLICE_INVESTIGATOR, Function.POLICE_PERSON_SAFETY},
        Party.Kind.MUNICIPALITY: {Function.SOCIAL_SERVICES, Function.VIOLENCE_TEAM},
        Party.Kind.REGION: {Function.REGION},
        Party.Kind.CENTRE: {Function.CENTRE},
    }

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    party = models.ForeignKey(
        Party, on_delete=models.PROTECT, related_name="+", verbose_name=_("party")
    )
    function = models.CharField(_("function"), max_length=30, choices=Function.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CountyScopedManager()
    COUNTY_PATH = "meeting__county"

    class Meta:
        ordering = ["party__sort_order", "party__name", "function"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "party", "function"], name="one_attendance_per_function"
            )
        ]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")

    def __str__(self):
        return f"{self.party.short_name}: {self.get_function_display()}"


class OtherActor(models.Model):
    """An actor other than the parties present at a meeting (seed 001 §12): the
    organisation and the role only, never a name. Present only while the cases it is
    present for are discussed, and only for cases whose consent in force names it
    (samrad.disclosure.check_other_actor)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="other_actors")
    organisation = models.CharField(_("organisation"), max_length=200, validators=TEXT_VALIDATORS)
    role = models.CharField(
        _("role"),
        max_length=200,
        validators=TEXT_VALIDATORS,
        help_text=_("The function, never the person's name."),
    )
    cases = models.ManyToManyField(
        SamradRequest, blank=True, related_name="+", verbose_name=_("present for the cases")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CountyScopedManager()
    COUNTY_PATH = "meeting__county"

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("other actor present")
        verbose_name_plural = _("other actors present")

    def __str__(self):
        return f"{self.organisation}, {self.role}"


class InformationRequest(models.Model):
    """A question the coordinator asks the referring professional about a case
    (komplettering), and the professional's answer. Both are personal data: encrypted,
    purged with the contents, read only by the coordinators and the referring
    professional (disclosure.py), never mailed."""

    request = models.ForeignKey(
        SamradRequest, on_delete=models.CASCADE, related_name="information_requests"
    )
    question = EncryptedTextField(
        _("question to the professional"), max_length=2000, rows=4, validators=TEXT_VALIDATORS
    )
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    asked_at = models.DateTimeField(_("asked"), default=timezone.now)
    answer = EncryptedTextField(
        _("answer"), blank=True, max_length=4000, rows=4, validators=TEXT_VALIDATORS
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    objects = CountyScopedManager()
    COUNTY_PATH = "request__county"

    class Meta:
        ordering = ["asked_at", "pk"]
        verbose_name = _("question to the professional")
        verbose_name_plural = _("questions to the professional")

    def __str__(self):
        return f"{self.request} {self.asked_at:%Y-%m-%d}"

    @property
    def is_answered(self):
        return self.answered_at is not None


class AuditEntry(models.Model):
    """Who did what to which request, and when. Never the content."""

    class Event(models.TextChoices):
        CREATED = "created", _("Created")
        VIEWED = "viewed", _("Viewed")
        CHANGED = "changed", _("Changed")
        WITHDRAWN = "withdrawn", _("Withdrawn by the professional")
        INVITED = "invited", _("Party invited")
        CONSENT = "consent", _("Consent withdrawn")
        RECORDED = "recorded", _("Samråd recorded")
        ADDED = "added", _("Information added")
        REDACTED = "redacted", _("Identifying text removed")
        PRINTED = "printed", _("Printed")
        PLANNED = "planned", _("Put on a meeting")
        UNPLANNED = "unplanned", _("Taken off a meeting")
        MEETING = "meeting", _("Meeting changed")
        ACTION = "action", _("Action recorded")
        ASKED = "asked", _("More information asked for")
        ANSWERED = "answered", _("Question answered")
        EXPORTED = "exported", _("Exported")
        SEARCHED = "searched", _("Searched by identity number")
        PURGED = "purged", _("Purged")
        REENCRYPTED = "reencrypted", _("Re-encrypted")

    at = models.DateTimeField(default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    event = models.CharField(max_length=12, choices=Event.choices)
    request = models.ForeignKey(
        SamradRequest, on_delete=models.SET_NULL, null=True, blank=True, related_name="audit"
    )
    reference = models.CharField(max_length=8, blank=True)
    detail = models.CharField(max_length=200, blank=True)
    # The request's county, or the user's for what concerns no one request (an export): an
    # entry of no county (a user without a party) is read only across counties.
    county = county_field(null=True)

    objects = CountyScopedManager()
    COUNTY_PATH = "county"

    class Meta:
        ordering = ["-at"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.event} {self.reference}"

    @staticmethod
    def county_of(user, request):
        """The county in scope (a request of a county reads only its rows, so the row
        recorded is the county's), else the request's, else the user's."""
        county_id = current_county_id()
        if county_id not in (ALL, None):
            return county_id
        if request is not None:
            return request.county_id
        return user.county_id if user and user.is_authenticated else None

    @classmethod
    def record(cls, user, event, request=None, detail=""):
        return cls.objects.create(
            user=user if user and user.is_authenticated else None,
            event=event,
            request=request,
            reference=request.reference if request else "",
            detail=detail[:200],
            county_id=cls.county_of(user, request),
        )

    @classmethod
    def record_many(cls, user, event, samrad_requests, detail=""):
        """One entry per request, written in one query: a page that shows fifty cases
        records fifty reads at the cost of one."""
        return cls.objects.bulk_create(
            cls(
                user=user if user and user.is_authenticated else None,
                event=event,
                request=samrad_request,
                reference=samrad_request.reference,
                detail=detail[:200],
                county_id=cls.county_of(user, samrad_request),
            )
            for samrad_request in samrad_requests
        )


@register_setting(icon="mail")
class SamradSettings(BaseSiteSetting):
    coordinator_mailbox = models.EmailField(
        _("coordinator's functional mailbox"),
        blank=True,
        validators=[validate_mail_address],
        help_text=_("Also notified of every new request (no personal data is sent)."),
    )
    weekly_weekday = models.PositiveSmallIntegerField(
        _("weekday of the weekly samråd"),
        default=2,
        choices=[
            (0, _("Monday")),
            (1, _("Tuesday")),
            (2, _("Wednesday")),
            (3, _("Thursday")),
            (4, _("Friday")),
        ],
    )
    weekly_time = models.TimeField(_("time of the weekly samråd"), default=time(9, 0))
    weekly_place = models.CharField(
        _("place of the weekly samråd"), max_length=300, default="Polishuset, Östersund"
    )

    class Meta:
        verbose_name = _("samråd settings")

    @classmethod
    def for_county(cls, county_id):
        """The settings of the county's public site; the defaults, and no mailbox, for a
        county without one (never another county's)."""
        site = Site.objects.filter(county=county_id).first() if county_id else None
        return cls.for_site(site) if site else cls()


class ProvisionQuerySet(models.QuerySet):
    def in_force(self, day=None):
        day = day or timezone.localdate()
        return self.filter(
            models.Q(valid_from__isnull=True) | models.Q(valid_from__lte=day),
            models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=day),
        )


class Provision(models.Model):
    """A provision in law that allows sharing information with a party outside the
    consent. Data, kept by administrators, because laws are renumbered; only provisions
    that allow sharing belong here, never those that create secrecy (OSL 8:1, 25:1, 26:1)."""

    reference = models.CharField(
        _("reference"), max_length=100, unique=True, help_text=_("For example OSL 10 kap. 18 c §.")
    )
    title = models.CharField(_("title"), max_length=200)
    allows = models.TextField(
        _("what it allows"),
        help_text=_("Which information may be shared, by whom and under which conditions."),
    )
    recipients = models.CharField(
        _("to whom"), max_length=300, help_text=_("The parties that may be told.")
    )
    source = models.URLField(_("source"), help_text=_("Where the provision is explained."))
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(
        _("valid to"),
        null=True,
        blank=True,
        help_text=_("Leave empty while the provision is in force."),
    )

    objects = ProvisionQuerySet.as_manager()

    class Meta:
        ordering = ["reference"]
        verbose_name = _("provision that allows sharing")
        verbose_name_plural = _("provisions that allow sharing")

    def __str__(self):
        return f"{self.reference} – {self.title}"

    def clean(self):
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError(
                {"valid_to": _("The provision cannot end before it starts.")}, code="order"
            )
