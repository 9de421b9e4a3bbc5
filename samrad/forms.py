import unicodedata
from datetime import date, timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from organisations.models import Party

from . import consent
from .models import (
    Action,
    AgeBand,
    ChildAgeBand,
    ContactSafe,
    Gender,
    Invitation,
    Kind,
    Meeting,
    Mode,
    Purpose,
    RiskInstrument,
    RiskLevel,
    SamradRequest,
    Status,
    Urgency,
    ViolenceForm,
    YesNoUnknown,
)
from .personnummer import age_on, normalize, reject_identity_numbers
from .statistics import Period

OUTSIDE_COUNTY = "utanfor-lanet"
UNDER_18 = "under-18"
CHILDREN_ROUTE = _(
    "Samråd in Operation Norrsken is for adults (18 or older). For a child or young person, "
    "make a report of concern (orosanmälan) to the social services in the child's home "
    "municipality, and follow your party's routine for children; if anyone is in danger "
    "now, call 112."
)
# Characters a person can type: line breaks and tabs, not other control characters.
ALLOWED_CONTROL = {"\n", "\r", "\t"}


def reject_control_characters(value):
    if any(unicodedata.category(ch) in {"Cc", "Cs"} and ch not in ALLOWED_CONTROL for ch in value):
        raise ValidationError(
            _("The text contains invisible control characters. Remove them and try again."),
            code="control_characters",
        )


def date_within(value, *, years_back, years_ahead):
    """Refuse a date outside a range a person means: a mistyped year (0001, 20266) would be
    stored, and year 1 breaks time-zone arithmetic in the database."""
    day = value.date() if hasattr(value, "date") else value
    today = timezone.localdate()
    earliest = today.replace(year=today.year - years_back, month=1, day=1)
    latest = today.replace(year=today.year + years_ahead, month=12, day=31)
    if not earliest <= day <= latest:
        raise ValidationError(
            _("Enter a date between %(earliest)s and %(latest)s."),
            code="out_of_range",
            params={"earliest": earliest.isoformat(), "latest": latest.isoformat()},
        )
    return value


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


class DeidentifiedRequestForm(forms.ModelForm):
    """A request with no identity fields: the free text must not identify the person."""

    mode = Mode.DEIDENTIFIED

    contact_phone = text_field(_("Your phone"), 40)
    # The model field's validator (portal/email_addresses.py) refuses what would poison
    # the mail: it runs when the form validates the instance.
    contact_email = forms.EmailField(label=_("Your e-mail"), max_length=254)
    home = forms.ChoiceField(
        label=_("The person's home municipality"),
        help_text=_("Social services in the home municipality are responsible for support."),
    )
    kind = forms.ChoiceField(label=_("Samråd kind"), choices=Kind.choices, widget=forms.RadioSelect)
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
    gender = forms.ChoiceField(
        label=_("The person's gender"),
        choices=[("", _("Choose")), *Gender.choices],
        help_text=_("For the statistics only."),
    )
    age_band = forms.ChoiceField(
        label=_("The person's age"),
        choices=[("", _("Choose")), (UNDER_18, _("Under 18")), *AgeBand.choices],
        help_text=_("Samråd is for adults, 18 or older."),
    )
    contact_safe = forms.ChoiceField(
        label=_("Is it safe to contact the person?"),
        choices=[
            (value, label) for value, label in ContactSafe.choices if value != ContactSafe.UNKNOWN
        ],
        widget=forms.RadioSelect,
        help_text=_("A call at the wrong time can put the person in danger."),
    )
    contact_instructions = text_field(
        _("How and when the person may be contacted"),
        500,
        rows=2,
        required=False,
        help_text=_("For example: only weekdays 9–11, only by text message, never at home."),
    )
    message_may_be_left = forms.ChoiceField(
        label=_("May a message be left (voicemail, text, letter)?"),
        choices=YesNoUnknown.choices,
        initial=YesNoUnknown.UNKNOWN,
        widget=forms.RadioSelect,
    )
    protected_identity = forms.ChoiceField(
        label=_("Does the person have protected personal data?"),
        choices=YesNoUnknown.choices,
        initial=YesNoUnknown.UNKNOWN,
        widget=forms.RadioSelect,
        help_text=_("Sekretessmarkering, skyddad folkbokföring or fingerade personuppgifter."),
    )
    interpreter_needed = forms.BooleanField(label=_("An interpreter is needed"), required=False)
    interpreter_language = text_field(
        _("Language"),
        100,
        required=False,
        help_text=_("The language, and the dialect if it matters."),
    )
    risk_instrument = forms.ChoiceField(
        label=_("Risk assessment instrument used"),
        choices=RiskInstrument.choices,
        initial=RiskInstrument.NONE,
        required=False,
        help_text=_("The latest structured risk assessment, if one was made."),
    )
    # A text field, not type="date": Chromium's date field shows no focus ring on its
    # inner parts, and this form must be usable by keyboard alone (e2e keyboard journey).
    risk_assessed_on = forms.DateField(
        label=_("Assessed on"),
        required=False,
        widget=forms.DateInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        help_text=_("YYYY-MM-DD"),
    )
    risk_assessed_by = forms.ModelChoiceField(
        queryset=Party.objects.all(),
        label=_("Assessed by (party)"),
        required=False,
        empty_label=_("Choose"),
    )
    risk_level = forms.ChoiceField(
        label=_("Risk level"),
        choices=[("", _("Not assessed")), *RiskLevel.choices],
        required=False,
        help_text=_(
            "As the instrument states it, or your own judgement if no instrument was used. "
            "The portal computes no score."
        ),
    )
    risk_judgement = text_field(
        _("Your judgement of the risk, in your own words"),
        1000,
        rows=3,
        required=False,
    )
    children_count = forms.IntegerField(
        label=_("Children in the household"),
        min_value=0,
        max_value=30,
        required=False,
        help_text=_("Leave empty if you do not know."),
    )
    children_age_bands = forms.MultipleChoiceField(
        label=_("The children's ages"),
        choices=ChildAgeBand.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    concern_reported = forms.ChoiceField(
        label=_("Has a report of concern (orosanmälan) been made about the children?"),
        choices=[("", _("No children or not answered")), *YesNoUnknown.choices],
        required=False,
    )
    urgency = forms.ChoiceField(
        label=_("Urgency"), choices=Urgency.choices, widget=forms.RadioSelect
    )
    parties_wanted = forms.ModelMultipleChoiceField(
        queryset=Party.objects.all(),
        label=_("Parties you want present"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    do_not_tell = forms.ModelMultipleChoiceField(
        queryset=Party.objects.all(),
        label=_("Parties that must not be told anything about this case"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "For example where the person who uses violence works. Such a party is never "
            "invited, given an action or shown the case."
        ),
    )
    situation = text_field(
        _("The situation"),
        4000,
        rows=8,
        help_text=_(
            "Describe what has happened and the risks, without details that identify anyone."
        ),
    )
    question = text_field(_("Your question for the samråd"), 2000, rows=4)

    class Meta:
        model = SamradRequest
        fields = [
            "contact_phone",
            "contact_email",
            "kind",
            "purposes",
            "violence_forms",
            "children_count",
            "children_age_bands",
            "concern_reported",
            "gender",
            "age_band",
            "contact_safe",
            "contact_instructions",
            "message_may_be_left",
            "protected_identity",
            "interpreter_needed",
            "interpreter_language",
            "risk_instrument",
            "risk_assessed_on",
            "risk_assessed_by",
            "risk_level",
            "risk_judgement",
            "urgency",
            "parties_wanted",
            "do_not_tell",
            "situation",
            "question",
        ]

    def __init__(self, *args, user, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("contact_email", user.email)
        super().__init__(*args, **kwargs)
        # The request comes from the professional's own party, never a party they pick.
        self.referring_party = user.party
        municipalities = Party.objects.municipalities_of(getattr(user.party, "county", None))
        self.municipalities = {party.slug: party for party in municipalities}
        self.fields["home"].choices = [
            ("", _("Choose")),
            *[(slug, party.short_name) for slug, party in self.municipalities.items()],
            (OUTSIDE_COUNTY, _("Outside the county")),
        ]

    YOU = (_("You"), ["contact_phone", "contact_email"])
    CASE = (
        _("The case"),
        ["home", "kind", "urgency", "purposes", "violence_forms", "parties_wanted"],
    )
    PERSON = (_("The person"), ["gender", "age_band", "do_not_tell"])
    SAFETY = (
        _("Safety and contact"),
        [
            "contact_safe",
            "contact_instructions",
            "message_may_be_left",
            "protected_identity",
            "interpreter_needed",
            "interpreter_language",
        ],
    )
    CHILDREN = (_("Children"), ["children_count", "children_age_bands", "concern_reported"])
    RISK = (
        _("Risk assessment"),
        [
            "risk_instrument",
            "risk_assessed_on",
            "risk_assessed_by",
            "risk_level",
            "risk_judgement",
        ],
    )
    TEXT = (_("The situation and your question"), ["situation", "question"])
    fieldsets = [YOU, CASE, PERSON, SAFETY, RISK, CHILDREN, TEXT]

    def grouped_fields(self):
        return [(legend, [self[name] for name in names]) for legend, names in self.fieldsets]

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

    def clean_risk_assessed_on(self):
        day = self.cleaned_data["risk_assessed_on"]
        if day is None:
            return day
        day = date_within(day, years_back=2, years_ahead=0)
        if day > timezone.localdate():
            raise ValidationError(_("The date cannot be in the future."), code="future")
        return day

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
        return None if value == OUTSIDE_COUNTY else self.municipalities[value]

    def save(self, commit=True):
        instance = super().save(commit=False)
        instance.mode = self.mode
        instance.referring_party = self.referring_party
        instance.home_municipality = self.cleaned_data["home"]
        if commit:
            instance.save()
            self.save_m2m()
        return instance


class ConsentRequestForm(DeidentifiedRequestForm):
    """A request with the person's signed consent: identity fields are required."""

    mode = Mode.CONSENT

    person_name = text_field(_("The person's name"), 200)
    person_id_number = forms.CharField(
        label=_("Personal identity number"),
        max_length=20,
        help_text=_("YYYYMMDD-NNNN. A coordination number (samordningsnummer) is accepted."),
    )
    consent_signed_on = forms.DateField(
        label=_("Consent form signed on"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("YYYY-MM-DD"),
    )
    consent_parties = forms.ModelMultipleChoiceField(
        queryset=Party.objects.all(),
        label=_("Parties ticked on the signed form"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Information is shared only between the parties the person ticked."),
    )
    consent_information = forms.MultipleChoiceField(
        label=_("Kinds of information ticked on the signed form"),
        widget=forms.CheckboxSelectMultiple,
    )
    consent_scope = text_field(
        _("Other limits the person set"),
        1000,
        rows=2,
        required=False,
        help_text=_("Leave empty if the form has no other limits."),
    )
    consent_form_kept = forms.BooleanField(
        label=_("The signed consent form is kept according to the routine."),
        required=True,
    )
    fieldsets = [
        DeidentifiedRequestForm.YOU,
        DeidentifiedRequestForm.CASE,
        (
            _("The person"),
            ["person_name", "person_id_number", "gender", "age_band", "do_not_tell"],
        ),
        (
            _("The consent"),
            [
                "consent_signed_on",
                "consent_parties",
                "consent_information",
                "consent_scope",
                "consent_form_kept",
            ],
        ),
        DeidentifiedRequestForm.SAFETY,
        DeidentifiedRequestForm.RISK,
        DeidentifiedRequestForm.CHILDREN,
        DeidentifiedRequestForm.TEXT,
    ]

    class Meta(DeidentifiedRequestForm.Meta):
        fields = DeidentifiedRequestForm.Meta.fields + [
            "person_name",
            "consent_parties",
            "consent_scope",
            "consent_form_kept",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent_information"].choices = [
            (kind, kind) for kind in consent.information_kinds()
        ]

    def clean(self):
        cleaned = super().clean()
        covered = set(cleaned.get("consent_parties") or [])
        outside = [p for p in cleaned.get("parties_wanted") or [] if p not in covered]
        if "consent_parties" in cleaned and outside:
            self.add_error(
                "parties_wanted",
                _(
                    "%(parties)s is not covered by the consent: tick it on the form only if "
                    "the person did."
                )
                % {"parties": ", ".join(p.short_name for p in outside)},
            )
        if covered & set(cleaned.get("do_not_tell") or []):
            self.add_error(
                "do_not_tell", _("A party the consent covers cannot also be told nothing.")
            )
        return cleaned

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

    def clean_consent_signed_on(self):
        signed_on = self.cleaned_data["consent_signed_on"]
        today = timezone.localdate()
        if signed_on > today:
            raise ValidationError(_("The date cannot be in the future."), code="future")
        if signed_on < today - timedelta(days=365):
            raise ValidationError(
                _("Consent older than 12 months is no longer valid: ask the person again."),
                code="expired",
            )
        return signed_on

    def save(self, commit=True):
        instance = super().save(commit=False)
        instance.set_identity_number(self.cleaned_data["person_id_number"])
        instance.consent_signed_on = self.cleaned_data["consent_signed_on"].isoformat()
        instance.consent_information = "\n".join(self.cleaned_data["consent_information"])
        if commit:
            instance.save()
            self.save_m2m()
        return instance


class StatusForm(forms.Form):
    # Only the professional withdraws a request (from their own page).
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[(value, label) for value, label in Status.choices if value != Status.WITHDRAWN],
    )
    decline_reason = text_field(
        _("Reason for declining"),
        1000,
        rows=3,
        required=False,
        help_text=_("The professional sees this reason."),
    )

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
        self.fields["party"].queryset = Party.objects.exclude(pk__in=meeting.invited_parties.all())


class MeetingUninviteForm(forms.Form):
    party = forms.ModelChoiceField(queryset=Party.objects.none(), widget=forms.HiddenInput)

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party"].queryset = meeting.invited_parties.all()


class ActionForm(forms.ModelForm):
    description = text_field(_("Action"), 1000, rows=2)
    due_on = forms.DateField(
        label=_("Follow up by"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    class Meta:
        model = Action
        fields = ["party", "description", "due_on"]

    def __init__(self, *args, samrad_request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.samrad_request = samrad_request
        if samrad_request is not None:
            # A party that must not be told is not even offered.
            self.fields["party"].queryset = Party.objects.exclude(
                pk__in=samrad_request.do_not_tell.all()
            )

    def clean_due_on(self):
        due_on = self.cleaned_data["due_on"]
        return due_on and date_within(due_on, years_back=1, years_ahead=2)


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
        parties = Party.objects.all()
        if samrad_request is not None:
            parties = parties.exclude(pk__in=samrad_request.do_not_tell.all())
        self.fields["invite_party"].queryset = parties
        self.fields["provision"].choices = [
            ("", _("None: the consent covers the party")),
            *[(ground, ground) for ground in consent.legal_grounds()],
        ]


class RecordForm(forms.Form):
    """The record of one samråd. Names start with record_: the detail page is one form."""

    record_meeting = forms.ModelChoiceField(
        queryset=Meeting.objects.none(),
        label=_("Meeting where the case was discussed"),
        required=False,
        empty_label=_("None: discussed outside a meeting"),
    )
    record_held_on = forms.DateField(
        label=_("Date of the samråd"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("YYYY-MM-DD"),
    )
    record_parties = forms.ModelMultipleChoiceField(
        queryset=Party.objects.none(),
        label=_("Parties taking part (functions, not people)"),
        widget=forms.CheckboxSelectMultiple,
    )
    record_information = forms.MultipleChoiceField(
        label=_("Kinds of information shared"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    record_ground = forms.ChoiceField(
        label=_("Ground for sharing"),
        choices=[],
        widget=forms.RadioSelect,
    )
    record_provision = forms.ChoiceField(
        label=_("Provision, when that is the ground"), required=False
    )
    record_decision = text_field(_("Decision or agreed plan"), 4000, rows=4)
    record_risk_level = forms.ChoiceField(
        label=_("Risk level agreed at the samråd"),
        choices=[("", _("Not assessed")), *RiskLevel.choices],
        required=False,
    )
    record_follow_up_on = forms.DateField(
        label=_("Follow up on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("The case comes back to the inbox on this date."),
    )

    def __init__(self, *args, samrad_request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["record_meeting"].queryset = Meeting.objects.order_by("-starts_at")
        parties = Party.objects.all()
        if samrad_request is not None:
            parties = parties.exclude(pk__in=samrad_request.do_not_tell.all())
        self.fields["record_parties"].queryset = parties
        self.fields["record_information"].choices = [
            (kind, kind) for kind in consent.information_kinds()
        ]
        grounds = Invitation.Ground.choices
        if samrad_request is not None:
            allowed = {
                Mode.CONSENT: Invitation.Ground.CONSENT,
                Mode.DEIDENTIFIED: Invitation.Ground.DEIDENTIFIED,
            }[samrad_request.mode]
            grounds = [(v, label) for v, label in grounds if v in (allowed, "provision")]
        self.fields["record_ground"].choices = grounds
        self.fields["record_provision"].choices = [
            ("", _("Choose")),
            *[(ground, ground) for ground in consent.legal_grounds()],
        ]

    def clean_record_held_on(self):
        day = date_within(self.cleaned_data["record_held_on"], years_back=1, years_ahead=0)
        if day > timezone.localdate():
            raise ValidationError(_("The date cannot be in the future."), code="future")
        return day

    def clean_record_follow_up_on(self):
        day = self.cleaned_data["record_follow_up_on"]
        return day and date_within(day, years_back=0, years_ahead=1)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("record_ground") == "provision" and not cleaned.get("record_provision"):
            self.add_error("record_provision", _("Choose the provision."))
        return cleaned


class ConsentWithdrawnForm(forms.Form):
    consent_withdrawn_on = forms.DateField(
        label=_("The person withdrew the consent on"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("YYYY-MM-DD. Nothing more is shared on the consent from then on."),
    )

    def clean_consent_withdrawn_on(self):
        day = date_within(self.cleaned_data["consent_withdrawn_on"], years_back=1, years_ahead=0)
        if day > timezone.localdate():
            raise ValidationError(_("The date cannot be in the future."), code="future")
        return day


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
    start = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean_start(self):
        start = self.cleaned_data["start"]
        return start and date_within(start, years_back=30, years_ahead=1)

    def clean_end(self):
        end = self.cleaned_data["end"]
        return end and date_within(end, years_back=30, years_ahead=1)

    def filter(self, queryset):
        if not self.is_valid():
            return queryset
        data = self.cleaned_data
        for name in ("status", "kind", "urgency"):
            if data.get(name):
                queryset = queryset.filter(**{name: data[name]})
        if data.get("municipality"):
            queryset = queryset.filter(home_municipality=data["municipality"])
        if data.get("party"):
            queryset = queryset.filter(referring_party=data["party"])
        if data.get("start"):
            queryset = queryset.filter(created_at__date__gte=data["start"])
        if data.get("end"):
            queryset = queryset.filter(created_at__date__lte=data["end"])
        return queryset


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
