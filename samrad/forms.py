from datetime import date, timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from organisations.models import Party

from . import consent, fieldsets
from .fields import DateFormField, PastDateFormField
from .models import (
    OUTSIDE_COUNTY,
    REPEAT_WINDOW,
    Action,
    AgeBand,
    Attendance,
    ChildAgeBand,
    ConsentForm,
    ContactSafe,
    Gender,
    Invitation,
    Kind,
    Meeting,
    Mode,
    Provision,
    Purpose,
    RiskInstrument,
    RiskLevel,
    SamradRecord,
    SamradRequest,
    Status,
    Urgency,
    ViolenceForm,
    YesNoUnknown,
)
from .personnummer import age_on, normalize, reject_identity_numbers
from .scope import county_parties
from .statistics import Period
from .validators import date_within, reject_control_characters

# The home field's value for "outside the county": stored as no home municipality.
OUTSIDE_COUNTY_CHOICE = "utanfor-lanet"
UNDER_18 = "under-18"
CHILDREN_ROUTE = _(
    "Samråd in Operation Norrsken is for adults (18 or older). For a child or young person, "
    "make a report of concern (orosanmälan) to the social services in the child's home "
    "municipality, and follow your party's routine for children; if anyone is in danger "
    "now, call 112."
)


def text_field(
    label, max_length, *, required=True, rows=None, help_text="", may_hold_identity_number=False
):
    """A text field of the samråd. None holds a personnummer or samordningsnummer, in any
    spelling, in either mode, at sending or later: the number has one place, the identity
    field of a request with consent (encrypted, never shown to the parties'
    representatives, never printed). Later texts (notes, records, actions, reasons) reach
    people who see only the reference, and a number in a text of a consent case is as
    often someone no consent covers (the violent person, a child)."""
    widget = forms.Textarea(attrs={"rows": rows, "maxlength": max_length}) if rows else None
    validators = [reject_control_characters]
    if not may_hold_identity_number:
        validators.append(reject_identity_numbers)
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        widget=widget,
        help_text=help_text,
        validators=validators,
    )


# The form asks the professional; the case page states what was answered. Where the two
# are worded differently, the model field holds the case page's label (fieldsets.rows) and
# the form's question is here.
ASKED_AS = {
    "parties_wanted": _("Parties you want present"),
    "gender": _("The person's gender"),
    "age_band": _("The person's age"),
    "do_not_tell": _("Parties that must not be told anything about this case"),
    "contact_safe": _("Is it safe to contact the person?"),
    "message_may_be_left": _("May a message be left (voicemail, text, letter)?"),
    "protected_identity": _("Does the person have protected personal data?"),
    "interpreter_needed": _("An interpreter is needed"),
    "risk_instrument": _("Risk assessment instrument used"),
    "risk_judgement": _("Your judgement of the risk, in your own words"),
    "concern_reported": _("Has a report of concern (orosanmälan) been made about the children?"),
    "question": _("Your question for the samråd"),
    "person_name": _("The person's name"),
    "consent_form": _("How the person gave the consent"),
    "consent_parties": _("Parties the consent covers"),
    "consent_form_kept": _("The signed consent form is kept according to the routine."),
    "consent_given_on": _("Date the consent was given"),
    "consent_received_by": _("Given to (you, or the colleague who received it)"),
}
# The form's field for the home municipality: a choice that includes "outside the county".
FORM_NAME = {"home_municipality": "home"}


def model_fields(mode):
    """The request's model fields the form for `mode` asks (fieldsets.py), except those
    that are stored otherwise than asked, which save() stores by hand."""
    saved_by_hand = {"home_municipality", "consent_signed_on", "consent_information"}
    return [name for name in fieldsets.form_fields(mode) if name not in saved_by_hand]


class DeidentifiedRequestForm(forms.ModelForm):
    """A request with no identity fields: the free text must not identify the person.

    Labels, help texts, widgets and validators come from the model fields; the fields
    below are those whose form differs from what is stored."""

    mode = Mode.DEIDENTIFIED

    home = forms.ChoiceField(
        label=_("The person's home municipality"),
        help_text=_("Social services in the home municipality are responsible for support."),
    )
    # Stored as JSON lists of codes: asked as boxes to tick.
    purposes = forms.MultipleChoiceField(
        label=_("Purpose of the samråd"),
        choices=Purpose.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    violence_forms = forms.MultipleChoiceField(
        label=_("Forms of violence"),
        choices=ViolenceForm.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    children_age_bands = forms.MultipleChoiceField(
        label=_("The children's ages"),
        choices=ChildAgeBand.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = SamradRequest
        fields = model_fields(Mode.DEIDENTIFIED)
        labels = ASKED_AS
        widgets = (
            {
                name: forms.RadioSelect
                for name in (
                    "kind",
                    "urgency",
                    "contact_safe",
                    "message_may_be_left",
                    "protected_identity",
                )
            }
            | {
                name: forms.CheckboxSelectMultiple
                for name in ("parties_wanted", "do_not_tell", "consent_parties")
            }
            | {"consent_form": forms.RadioSelect}
        )

    def __init__(self, *args, user, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("contact_email", user.email)
        super().__init__(*args, **kwargs)
        # The request comes from the professional's own party, never a party they pick.
        self.referring_party = user.party
        municipalities = Party.objects.municipalities_of(getattr(user.party, "county", None))
        self.municipalities = {party.slug: party for party in municipalities}
        # The parties wanted, told or covered: the professional's county's own.
        for name in ("parties_wanted", "do_not_tell", "consent_parties", "risk_assessed_by"):
            if name in self.fields:
                self.fields[name].queryset = county_parties()
        self.fields["home"].choices = [
            ("", _("Choose")),
            *[(slug, party.short_name) for slug, party in self.municipalities.items()],
            (OUTSIDE_COUNTY_CHOICE, OUTSIDE_COUNTY),
        ]
        fields = self.fields
        # Requests sent before these questions were asked have no answer, so the model
        # allows an empty one; a new request must answer them.
        for name in ("gender", "age_band", "contact_safe", "message_may_be_left"):
            fields[name].required = True
        fields["protected_identity"].required = True
        # The choices as asked: a prompt, "under 18" (refused with the children's route),
        # and no "don't know" for contact (an answer the form no longer offers).
        fields["gender"].choices = [("", _("Choose")), *Gender.choices]
        fields["age_band"].choices = [
            ("", _("Choose")),
            (UNDER_18, _("Under 18")),
            *AgeBand.choices,
        ]
        fields["contact_safe"].choices = [
            (value, label) for value, label in ContactSafe.choices if value != ContactSafe.UNKNOWN
        ]
        for name in ("message_may_be_left", "protected_identity"):
            fields[name].choices = YesNoUnknown.choices
            fields[name].initial = YesNoUnknown.UNKNOWN
        fields["risk_instrument"].choices = RiskInstrument.choices
        fields["risk_instrument"].initial = RiskInstrument.NONE
        fields["risk_level"].choices = [("", _("Not assessed")), *RiskLevel.choices]
        fields["concern_reported"].choices = [
            ("", _("No children or not answered")),
            *YesNoUnknown.choices,
        ]
        fields["risk_assessed_by"].empty_label = _("Choose")
        # Radio buttons need no empty choice: Django adds "---------" for a model field
        # without a default, shown as a first radio button that answers nothing.
        for name in ("kind", "urgency"):
            fields[name].choices = [c for c in fields[name].choices if c[0] != ""]

    def grouped_fields(self):
        return [
            (section.heading, [self[FORM_NAME.get(name, name)] for name in section.fields])
            for section in fieldsets.sections(self.mode)
        ]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("risk_instrument", RiskInstrument.NONE) != RiskInstrument.NONE:
            for name in ("risk_assessed_on", "risk_level"):
                if name in cleaned and not cleaned[name]:
                    self.add_error(name, _("Give this for the instrument you chose."))
        hidden_from = set(cleaned.get("do_not_tell") or [])
        if hidden_from & set(cleaned.get("parties_wanted") or []):
            self.add_error(
                "do_not_tell",
                _("A party cannot both be wanted present and be told nothing."),
            )
        if self.referring_party is not None and self.referring_party in hidden_from:
            self.add_error("do_not_tell", _("Your own party sends the request: it knows."))
        if self.referring_party is None:
            raise ValidationError(
                _(
                    "Your account belongs to no party, so the request cannot be sent. "
                    "Ask an administrator to add your party; what you typed is kept below."
                ),
                code="no_party",
            )
        return cleaned

    def clean_risk_instrument(self):
        return self.cleaned_data["risk_instrument"] or RiskInstrument.NONE

    def clean_age_band(self):
        value = self.cleaned_data["age_band"]
        if value == UNDER_18:
            raise ValidationError(CHILDREN_ROUTE, code="child")
        return value

    def clean_interpreter_language(self):
        language = self.cleaned_data["interpreter_language"]
        if language and not self.cleaned_data.get("interpreter_needed"):
            return ""
        return language

    def clean_concern_reported(self):
        value = self.cleaned_data["concern_reported"]
        if value and self.cleaned_data.get("children_count") == 0:
            return ""
        return value

    def clean_home(self):
        value = self.cleaned_data["home"]
        return None if value == OUTSIDE_COUNTY_CHOICE else self.municipalities[value]

    def save(self, commit=True):
        instance = super().save(commit=False)
        instance.mode = self.mode
        instance.referring_party = self.referring_party
        instance.home_municipality = self.cleaned_data["home"]
        if commit:
            instance.save()
            self.save_m2m()
        return instance


# What oral consent must document besides the parties and the information (asked for
# both forms): when, to whom, and until when.
ORAL_NEEDS = ("consent_given_on", "consent_received_by", "consent_until")
# What only the signed form has: the date it was signed and that it is kept.
SIGNED_NEEDS = ("consent_signed_on", "consent_form_kept")


class ConsentRequestForm(DeidentifiedRequestForm):
    """A request with the person's consent, as the person gave it: the signed form, or
    consent given orally and documented here by the professional (who gave it to whom,
    when, which parties and information, until when). Identity fields are required."""

    mode = Mode.CONSENT

    # Stored encrypted as text (EncryptedTextField), so the date field is declared here.
    consent_signed_on = PastDateFormField(
        label=_("Consent form signed on"), years_back=30, required=False
    )
    consent_until = DateFormField(
        label=_("The consent holds until"),
        years_back=0,
        years_ahead=2,
        required=False,
        help_text=_(
            "YYYY-MM-DD, as the person said; at most 12 months after it was given. "
            "Needed for oral consent."
        ),
    )
    # Stored as text, one kind a line: asked as boxes to tick.
    consent_information = forms.MultipleChoiceField(
        label=_("Kinds of information the consent covers"),
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta(DeidentifiedRequestForm.Meta):
        fields = model_fields(Mode.CONSENT)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        fields = self.fields
        fields["consent_information"].choices = [
            (kind, kind) for kind in consent.information_kinds()
        ]
        # Radio buttons without the empty choice; the signed form unless oral is chosen.
        fields["consent_form"].choices = ConsentForm.choices
        fields["consent_form"].initial = ConsentForm.SIGNED
        fields["consent_form"].required = False
        # The consent must name the parties, whichever its form.
        fields["consent_parties"].required = True
        # Required for one form of consent only: clean() asks for them.
        for name in (*SIGNED_NEEDS, *ORAL_NEEDS):
            fields[name].required = False
        fields["consent_signed_on"].help_text = _("YYYY-MM-DD. Needed for a signed form.")
        fields["consent_form_kept"].help_text = _("Needed for a signed form.")
        fields["consent_received_by"].help_text = _(
            "Your name and function, or those of the colleague the person gave it to. "
            "Needed for oral consent."
        )
        fields["consent_given_on"].help_text = _("YYYY-MM-DD. Needed for oral consent.")

    def clean_consent_form(self):
        return self.cleaned_data["consent_form"] or ConsentForm.SIGNED

    def clean(self):
        cleaned = super().clean()
        oral = cleaned.get("consent_form") == ConsentForm.ORAL
        needed = ORAL_NEEDS if oral else SIGNED_NEEDS
        message = (
            _("Needed for oral consent.")
            if oral
            else self.fields["consent_signed_on"].error_messages["required"]
        )
        for name in needed:
            # A field with an error of its own is already refused.
            if name in cleaned and not cleaned[name]:
                self.add_error(name, message)
        # What belongs to the other form of consent is not kept.
        if oral:
            cleaned.update(consent_signed_on=None, consent_form_kept=False)
        else:
            cleaned["consent_received_by"] = ""
        self.clean_consent_period(cleaned)
        covered = set(cleaned.get("consent_parties") or [])
        outside = [p for p in cleaned.get("parties_wanted") or [] if p not in covered]
        if "consent_parties" in cleaned and outside:
            self.add_error(
                "parties_wanted",
                _(
                    "%(parties)s is not covered by the consent: tick it only if the person "
                    "gave consent for it."
                )
                % {"parties": ", ".join(p.short_name for p in outside)},
            )
        if covered & set(cleaned.get("do_not_tell") or []):
            self.add_error(
                "do_not_tell", _("A party the consent covers cannot also be told nothing.")
            )
        return cleaned

    def clean_consent_period(self, cleaned):
        """Consent older than 12 months is no longer valid; the end the person gave is
        not before it was given, not past, and at most 12 months after it was given."""
        oral = cleaned.get("consent_form") == ConsentForm.ORAL
        start_field = "consent_given_on" if oral else "consent_signed_on"
        start = cleaned.get(start_field)
        today = timezone.localdate()
        if start and start < today - REPEAT_WINDOW:
            self.add_error(
                start_field,
                ValidationError(
                    _("Consent older than 12 months is no longer valid: ask the person again."),
                    code="expired",
                ),
            )
            return
        until = cleaned.get("consent_until")
        if not until:
            return
        if until < today:
            self.add_error(
                "consent_until",
                ValidationError(
                    _("The consent has already ended on this date: ask the person again."),
                    code="ended",
                ),
            )
        elif start and until > start + REPEAT_WINDOW:
            self.add_error(
                "consent_until",
                ValidationError(
                    _("A consent holds at most 12 months from when it was given."),
                    code="too_long",
                ),
            )

    def clean_person_id_number(self):
        canonical = normalize(self.cleaned_data["person_id_number"])
        if canonical is None:
            raise ValidationError(
                _(
                    "Enter a valid personal identity number or coordination number, e.g. YYYYMMDD-NNNN."
                ),
                code="invalid",
            )
        if age_on(canonical, timezone.localdate()) < 18:
            raise ValidationError(CHILDREN_ROUTE, code="child")
        return canonical

    def save(self, commit=True):
        instance = super().save(commit=False)
        instance.set_identity_number(self.cleaned_data["person_id_number"])
        signed_on = self.cleaned_data.get("consent_signed_on")
        instance.consent_signed_on = signed_on.isoformat() if signed_on else ""
        instance.consent_information = "\n".join(self.cleaned_data["consent_information"])
        if commit:
            instance.save()
            self.save_m2m()
        return instance


class StatusForm(forms.Form):
    # Only the professional withdraws a request (from their own page); a case waits for
    # more information only when a question is asked (AskForm).
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[
            (value, label)
            for value, label in Status.choices
            if value not in (Status.WITHDRAWN, Status.AWAITING)
        ],
    )
    decline_reason = text_field(
        _("Reason for declining"),
        1000,
        rows=3,
        required=False,
        help_text=_("The professional sees this reason."),
    )
    close_with_open_actions = forms.BooleanField(
        label=_("Close the case although actions are still open"),
        required=False,
        help_text=_("The parties' open actions stay open; follow them up with the parties."),
    )

    def __init__(self, *args, samrad_request=None, **kwargs):
        super().__init__(*args, **kwargs)
        # The confirmation is asked only of a case with open actions.
        if (
            samrad_request is None
            or not samrad_request.actions.filter(done_at__isnull=True).exists()
        ):
            del self.fields["close_with_open_actions"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") == Status.DECLINED and not cleaned.get("decline_reason"):
            self.add_error("decline_reason", _("Give a reason: the professional will see it."))
        return cleaned


class WithdrawForm(forms.Form):
    withdraw_reason = text_field(
        _("Why is the request withdrawn?"),
        1000,
        rows=3,
        help_text=_("The coordinator sees this. Do not identify the person."),
    )


class AddInformationForm(forms.Form):
    addition = text_field(
        _("Add information to your request"),
        2000,
        rows=4,
        help_text=_("Added with today's date; what you sent before stays as it was."),
    )


class RedactForm(forms.Form):
    redact_field = forms.ChoiceField(label=_("In which text"))
    redact_text = text_field(
        _("Identifying text to remove"),
        500,
        help_text=_("Copy it exactly. Every occurrence is replaced by [borttaget]."),
        # A number that got into a request must be named to be removed.
        may_hold_identity_number=True,
    )

    def __init__(self, *args, samrad_request=None, **kwargs):
        super().__init__(*args, **kwargs)
        labels = {
            "situation": _("The situation"),
            "question": _("The question for the samråd"),
            "contact_instructions": _("How and when the person may be contacted"),
            "interpreter_language": _("Language"),
            "risk_judgement": _("Your judgement of the risk, in your own words"),
            "additions": _("Information added after sending"),
        }
        self.fields["redact_field"].choices = list(labels.items())


class AskForm(forms.Form):
    """The coordinator's question to the referring professional (komplettering)."""

    information_question = text_field(
        _("Question to the professional"),
        2000,
        rows=4,
        help_text=_(
            "The professional reads and answers it in the portal; the e-mail says only that "
            "a question is waiting."
        ),
    )


class AnswerForm(forms.Form):
    """The professional's answer to one question of the coordinator."""

    answer = text_field(
        _("Your answer"),
        4000,
        rows=4,
        help_text=_("The samråd coordinator reads it. It cannot be changed once sent."),
    )


class NotesForm(forms.Form):
    coordinator_notes = text_field(_("Coordinator's notes"), 4000, rows=5, required=False)


class ActionDoneForm(forms.Form):
    """A representative marks an action of their party done, with a note if needed."""

    note = text_field(
        _("Note"),
        2000,
        rows=3,
        required=False,
        help_text=_("What was done, for the coordinator. Seen by the coordinator and your party."),
    )


class PlanForm(forms.Form):
    meeting = forms.ModelChoiceField(queryset=Meeting.objects.none(), label=_("Samråd meeting"))
    agenda_time = forms.TimeField(
        label=_("Time for this case"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text=_(
            "HH:MM, within the meeting. Empty: the next free time after the cases already "
            "on it. The professional is invited for this time."
        ),
    )
    agenda_minutes = forms.IntegerField(
        label=_("Minutes for this case"),
        required=False,
        min_value=5,
        max_value=120,
        help_text=_("Empty: 15 minutes."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = Meeting.objects.filter(
            starts_at__gte=timezone.now() - timedelta(days=1), cancelled_at__isnull=True
        ).order_by("starts_at")


class TakeOffForm(forms.Form):
    """Taking a case off its meeting: the button is the whole form."""


class MeetingForm(forms.ModelForm):
    starts_at = forms.DateTimeField(
        label=_("Date and time"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("YYYY-MM-DD HH:MM"),
    )
    # A meeting, not a case: a video link's meeting number is not a person's number.
    place = text_field(_("Place or video link"), 300, may_hold_identity_number=True)
    invited_parties = forms.ModelMultipleChoiceField(
        queryset=Party.objects.all(),
        label=_("Parties invited"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Meeting
        fields = ["kind", "starts_at", "place", "invited_parties"]
        widgets = {"kind": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The county's own parties (samrad.scope): another county's are not invited.
        self.fields["invited_parties"].queryset = county_parties()

    def clean_starts_at(self):
        return date_within(self.cleaned_data["starts_at"], years_back=1, years_ahead=2)


class MeetingChangeForm(forms.Form):
    """Moving a meeting: what the calendar entry shows. Not a model form, so what was typed
    never touches the meeting until the flow saves it."""

    kind = forms.ChoiceField(
        label=_("Kind"), choices=Meeting.MeetingKind.choices, widget=forms.RadioSelect
    )
    starts_at = MeetingForm.base_fields["starts_at"]
    place = MeetingForm.base_fields["place"]
    clean_starts_at = MeetingForm.clean_starts_at

    @classmethod
    def for_meeting(cls, meeting, data=None):
        initial = {
            "kind": meeting.kind,
            "starts_at": timezone.localtime(meeting.starts_at),
            "place": meeting.place,
        }
        return cls(data, initial=initial)


class MeetingInviteForm(forms.Form):
    party = forms.ModelChoiceField(queryset=Party.objects.none(), label=_("Party"))

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party"].queryset = county_parties().exclude(
            pk__in=meeting.invited_parties.all()
        )


class MeetingUninviteForm(forms.Form):
    party = forms.ModelChoiceField(queryset=Party.objects.none(), widget=forms.HiddenInput)

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party"].queryset = meeting.invited_parties.all()


class AttendanceForm(forms.Form):
    """Minutes: a party and the function it took part as."""

    attendance_party = forms.ModelChoiceField(
        queryset=Party.objects.all(), label=_("Party present")
    )
    function = forms.ChoiceField(
        label=_("Function"),
        choices=Attendance.Function.choices,
        help_text=_(
            "The police's functions are the police's; the social services a municipality's."
        ),
    )


class AttendanceRemoveForm(forms.Form):
    attendance = forms.IntegerField(widget=forms.HiddenInput)


class OtherActorForm(forms.Form):
    """Minutes: another actor present (seed 001 §12), by organisation and role only, and
    the cases it was present for: only cases whose consent in force names it."""

    organisation = text_field(_("Organisation"), 200)
    role = text_field(_("Role"), 200, help_text=_("The function, never the person's name."))
    cases = forms.ModelMultipleChoiceField(
        queryset=SamradRequest.objects.none(),
        label=_("Present while these cases were discussed"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Only cases with a consent in force that names the actor."),
    )
    consent_names_actor = forms.BooleanField(
        label=_("The signed consent of each case ticked names this actor"),
        required=False,
    )

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cases"].queryset = meeting.agenda()
        self.fields["cases"].label_from_instance = lambda case: case.reference


class ActionForm(forms.ModelForm):
    description = text_field(_("Action"), 1000, rows=2)
    due_on = DateFormField(label=_("Follow up by"), required=False, years_back=1, years_ahead=2)

    class Meta:
        model = Action
        fields = ["party", "description", "due_on"]

    def __init__(self, *args, samrad_request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.samrad_request = samrad_request
        if samrad_request is not None:
            # A party that must not be told is not even offered.
            self.fields["party"].queryset = county_parties().exclude(
                pk__in=samrad_request.do_not_tell.all()
            )


class InviteForm(forms.Form):
    # Not "party": the action section on the same page has that field.
    invite_party = forms.ModelChoiceField(queryset=Party.objects.none(), label=_("Party"))
    provision = forms.ChoiceField(
        label=_("Legal ground, if the consent does not cover the party"),
        required=False,
        help_text=_("From the secrecy guidance. Recorded with the invitation."),
    )

    def __init__(self, *args, samrad_request=None, **kwargs):
        super().__init__(*args, **kwargs)
        parties = county_parties()
        if samrad_request is not None:
            parties = parties.exclude(pk__in=samrad_request.do_not_tell.all())
        self.fields["invite_party"].queryset = parties
        self.fields["provision"].choices = [
            ("", _("None: the consent covers the party")),
            *[(ground, ground) for ground in consent.legal_grounds()],
        ]


GROUND_PREFIX = "record_ground_"
PROVISION_CHOICE = "provision-"


def ground_field_name(party):
    return f"{GROUND_PREFIX}{party.slug}"


def record_ground_initial(samrad_request):
    """What each party's ground field shows before the coordinator chooses: the consent
    where it covers the party, else de-identified only (never a provision: that is the
    coordinator's choice)."""
    covered = set()
    if samrad_request.mode == Mode.CONSENT and samrad_request.consent_in_force:
        covered = {party.pk for party in samrad_request.consent_parties.all()}
    return {
        ground_field_name(party): (
            Invitation.Ground.CONSENT if party.pk in covered else Invitation.Ground.DEIDENTIFIED
        )
        for party in Party.objects.exclude(pk__in=samrad_request.do_not_tell.all())
    }


class RecordForm(forms.Form):
    """The record of one samråd. Names start with record_: the detail page is one form.
    Each party has its own ground field (record_ground_<slug>), read only for the parties
    ticked as taking part."""

    record_meeting = forms.ModelChoiceField(
        queryset=Meeting.objects.none(),
        label=_("Meeting where the case was discussed"),
        required=False,
        empty_label=_("None: an acute samråd outside a meeting"),
    )
    record_held_on = SamradRecord._meta.get_field("held_on").formfield(
        help_text=_("The day of the meeting; for an acute samråd, the day it was held.")
    )
    record_parties = forms.ModelMultipleChoiceField(
        queryset=Party.objects.none(),
        label=_("Parties taking part (functions, not people)"),
        widget=forms.CheckboxSelectMultiple,
    )
    record_shared_by = forms.ModelChoiceField(
        queryset=Party.objects.none(),
        label=_("Information shared by"),
        required=False,
        empty_label=_("Not recorded"),
    )
    record_information = forms.MultipleChoiceField(
        label=_("Kinds of information shared"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    record_decision = text_field(_("Agreed plan"), 4000, rows=4)
    record_risk_level = forms.ChoiceField(
        label=_("Risk level agreed at the samråd"),
        choices=[("", _("Not assessed")), *RiskLevel.choices],
        required=False,
    )
    record_follow_up_on = DateFormField(
        label=_("Follow up on"),
        required=False,
        years_back=0,
        years_ahead=1,
        help_text=_(
            "The case comes back to the inbox on this date. Leave empty if this samråd sets "
            "none: a follow-up set at an earlier samråd stays."
        ),
    )

    def __init__(self, *args, samrad_request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.samrad_request = samrad_request
        self.fields["record_meeting"].queryset = Meeting.objects.order_by("-starts_at")
        parties = county_parties()
        if samrad_request is not None:
            parties = parties.exclude(pk__in=samrad_request.do_not_tell.all())
        self.fields["record_parties"].queryset = parties
        self.fields["record_shared_by"].queryset = parties
        self.fields["record_information"].choices = [
            (kind, kind) for kind in consent.information_kinds()
        ]
        if samrad_request is None:
            return
        self.provisions = {
            f"{PROVISION_CHOICE}{provision.pk}": provision
            for provision in Provision.objects.in_force()
        }
        grounds = [(Invitation.Ground.DEIDENTIFIED, _("De-identified content only"))]
        if samrad_request.mode == Mode.CONSENT:
            grounds.insert(0, (Invitation.Ground.CONSENT, _("The consent")))
        grounds += [(value, str(provision)) for value, provision in self.provisions.items()]
        self.ground_fields = []
        for party in parties:
            name = ground_field_name(party)
            self.fields[name] = forms.ChoiceField(
                label=_("Ground for %(party)s, if it took part") % {"party": party.short_name},
                choices=grounds,
                required=False,
            )
            self.ground_fields.append((name, party))
        # Each party's ground right after the parties taking part.
        order = list(self.fields)
        grounds_at = order.index("record_parties") + 1
        names = [name for name, _party in self.ground_fields]
        rest = [name for name in order if name not in names]
        self.order_fields(rest[:grounds_at] + names + rest[grounds_at:])

    def clean(self):
        cleaned = super().clean()
        if self.samrad_request is None:
            return cleaned
        # The date that fits the meeting: said at the date field, with what was typed kept.
        held_on = cleaned.get("record_held_on")
        if held_on is not None and "record_meeting" in cleaned:
            try:
                SamradRecord.check_date(self.samrad_request, cleaned["record_meeting"], held_on)
            except ValidationError as error:
                self.add_error("record_held_on", error)
        present = {party.pk for party in cleaned.get("record_parties", [])}
        grounds = []
        for name, party in self.ground_fields:
            if party.pk not in present:
                continue
            value = cleaned.get(name)
            if not value:
                self.add_error(
                    name, _("Choose the ground for %(party)s.") % {"party": party.short_name}
                )
                continue
            provision = self.provisions.get(value)
            ground = Invitation.Ground.PROVISION if provision else value
            grounds.append((party, ground, provision))
        cleaned["record_grounds"] = grounds
        return cleaned


class ConsentWithdrawnForm(forms.Form):
    consent_withdrawn_on = SamradRequest._meta.get_field("consent_withdrawn_on").formfield(
        label=_("The person withdrew the consent on"),
        help_text=_("YYYY-MM-DD. Nothing more is shared on the consent from then on."),
        required=True,
    )


class InboxFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All")), *Status.choices]
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All")), *Kind.choices]
    )
    urgency = forms.ChoiceField(
        label=_("Urgency"), required=False, choices=[("", _("All")), *Urgency.choices]
    )
    municipality = forms.ModelChoiceField(
        label=_("Home municipality"),
        required=False,
        queryset=Party.objects.filter(kind=Party.Kind.MUNICIPALITY),
        empty_label=_("All"),
        to_field_name="slug",
    )
    party = forms.ModelChoiceField(
        label=_("Referring party"),
        required=False,
        queryset=Party.objects.all(),
        empty_label=_("All"),
        to_field_name="slug",
    )
    start = DateFormField(label=_("From"), required=False, years_back=30, years_ahead=1)
    end = DateFormField(label=_("To"), required=False, years_back=30, years_ahead=1)


class UnechoedTextInput(forms.TextInput):
    """A text box that never writes its value back into the page: an identity number
    typed into a search is not shown again, nor kept in the page's HTML."""

    def format_value(self, value):
        return None


class PersonSearchForm(forms.Form):
    """The coordinator's search for the requests about one person, by the keyed hash of
    the identity number: the number itself is never stored, logged or shown again."""

    identity_number = forms.CharField(
        label=_("Personal identity number or coordination number"),
        max_length=40,
        help_text=_("YYYYMMDD-NNNN or YYMMDD-NNNN."),
        widget=UnechoedTextInput(
            attrs={"autocomplete": "off", "inputmode": "numeric", "spellcheck": "false"}
        ),
    )

    def clean_identity_number(self):
        canonical = normalize(self.cleaned_data["identity_number"])
        if canonical is None:
            raise ValidationError(
                _(
                    "Enter a valid personal identity number or coordination number, e.g. YYYYMMDD-NNNN."
                ),
                code="invalid",
            )
        return canonical


class YearForm(forms.Form):
    """The year of the yearly report: one clear message for anything but a year in range
    (empty, letters, 1, 99999), and what was typed stays in the field."""

    YEARS_BACK = 30

    year = forms.CharField(
        label=_("Year"),
        error_messages={"required": _("Enter the year the report is for.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "size": 6, "autocomplete": "off"}),
    )

    def clean_year(self):
        text = self.cleaned_data["year"].strip()
        last = timezone.localdate().year
        first = last - self.YEARS_BACK
        # At most four digits before int(): a huge number is refused, never converted.
        if not (len(text) <= 4 and text.isascii() and text.isdigit()) or not (
            first <= int(text) <= last
        ):
            raise ValidationError(
                _("Enter a year from %(first)s to %(last)s, for example %(example)s."),
                code="invalid_year",
                params={"first": first, "last": last, "example": last - 1},
            )
        return int(text)


class PeriodForm(YearForm):
    """The statistics page's period: a year and, if wanted, one of its quarters or months.
    Only these fixed periods are published (samrad/statistics.py says why)."""

    period = forms.ChoiceField(
        label=_("Period"),
        required=False,
        error_messages={
            "invalid_choice": _("Choose the whole year, a quarter or a month from the list.")
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].error_messages["required"] = _("Enter the year the statistics are for.")
        self.fields["period"].choices = [
            ("", _("The whole year")),
            *((f"q{q}", _("Quarter %(quarter)s") % {"quarter": q}) for q in range(1, 5)),
            *((f"m{m}", formats.date_format(date(2000, m, 1), "F")) for m in range(1, 13)),
        ]

    def clean(self):
        cleaned = super().clean()
        year, chosen = cleaned.get("year"), cleaned.get("period")
        if year is None or chosen is None:
            return cleaned
        number = int(chosen[1:]) if chosen else None
        cleaned["chosen"] = Period(
            year,
            quarter=number if chosen.startswith("q") else None,
            month=number if chosen.startswith("m") else None,
        )
        return cleaned
