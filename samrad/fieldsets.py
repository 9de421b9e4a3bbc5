"""The fields of a samråd request, once: in which sections and in which order the request
form asks them and the case page, the professional's view and the print show them, and
which of them identify the person or are personal (purged with the contents).

A field added to a section here is asked in the form (its label, help text, widget and
validators come from the model field) and shown wherever that section is shown."""

from dataclasses import dataclass

from django.db import models
from django.template.defaultfilters import linebreaksbr
from django.utils.html import conditional_escape, format_html
from django.utils.translation import gettext_lazy as _

from . import disclosure
from .models import ChildAgeBand, ConsentForm, Mode, Purpose, SamradRequest, ViolenceForm

# Identify the person: asked and shown only for a request with consent, never printed and
# never shown to a party's representative (disclosure.py decides who may see them).
IDENTIFYING = ("person_name", "person_id_number")
# Personal contents: encrypted at rest and emptied by the purge; not shown once purged.
PERSONAL = frozenset(SamradRequest.CONTENT_FIELDS)
EMPTY = "–"


@dataclass(frozen=True)
class Section:
    name: str
    heading: str
    fields: tuple
    # Asked and shown only for a request with consent.
    consent_only: bool = False


SECTIONS = (
    Section("you", _("You"), ("contact_phone", "contact_email")),
    Section(
        "case",
        _("The case"),
        ("home_municipality", "kind", "urgency", "purposes", "violence_forms", "parties_wanted"),
    ),
    Section("person", _("The person"), (*IDENTIFYING, "gender", "age_band", "do_not_tell")),
    Section(
        "consent",
        _("The consent"),
        (
            "consent_form",
            "consent_signed_on",
            "consent_form_kept",
            "consent_given_on",
            "consent_received_by",
            "consent_until",
            "consent_parties",
            "consent_information",
            "consent_scope",
        ),
        consent_only=True,
    ),
    Section(
        "safety",
        _("Safety and contact"),
        (
            "contact_safe",
            "contact_instructions",
            "message_may_be_left",
            "protected_identity",
            "interpreter_needed",
            "interpreter_language",
        ),
    ),
    Section(
        "risk",
        _("Risk assessment"),
        ("risk_instrument", "risk_assessed_on", "risk_assessed_by", "risk_level", "risk_judgement"),
    ),
    Section(
        "children", _("Children"), ("children_count", "children_age_bands", "concern_reported")
    ),
    Section("text", _("The situation and your question"), ("situation", "question")),
)

# The fields that belong to one form of consent only: not shown for the other.
ONLY_FOR_CONSENT_FORM = {
    "consent_signed_on": ConsentForm.SIGNED,
    "consent_form_kept": ConsentForm.SIGNED,
    "consent_received_by": ConsentForm.ORAL,
}

# Asked, but shown as the consent's end (case_sections.html: "Consent valid until"),
# which also counts the 12 months.
SHOWN_AS_VALID_UNTIL = {"consent_until"}

# Lists of coded values stored as JSON: shown by their labels.
LIST_CHOICES = {
    "purposes": Purpose,
    "violence_forms": ViolenceForm,
    "children_age_bands": ChildAgeBand,
}
# Shown in the row of another field, after its value: "No: only by text message".
SHOWN_WITH = {
    "contact_instructions": "contact_safe",
    "interpreter_language": "interpreter_needed",
    "risk_assessed_by": "risk_assessed_on",
}


def sections(mode):
    """The sections of a request in `mode`, each with the fields asked in that mode."""
    consent = mode == Mode.CONSENT
    return [
        Section(
            section.name,
            section.heading,
            tuple(name for name in section.fields if consent or name not in IDENTIFYING),
            section.consent_only,
        )
        for section in SECTIONS
        if consent or not section.consent_only
    ]


def form_fields(mode):
    return [name for section in sections(mode) for name in section.fields]


@dataclass(frozen=True)
class Row:
    name: str
    label: str
    value: str


def value(samrad_request, name):
    """A field's value as the case page shows it (HTML-safe)."""
    field = SamradRequest._meta.get_field(name)
    stored = getattr(samrad_request, name)
    if name in LIST_CHOICES:
        text = ", ".join(str(LIST_CHOICES[name](code).label) for code in stored)
    elif name == "home_municipality":
        text = samrad_request.home_name
    elif field.many_to_many:
        text = ", ".join(party.short_name for party in stored.all())
    elif field.choices:
        text = getattr(samrad_request, f"get_{name}_display")()
    elif isinstance(field, models.BooleanField):
        text = _("Yes") if stored else _("No")
    elif name == "children_count":
        text = _("Unknown") if stored is None else str(stored)
    elif stored is None:
        text = ""
    elif isinstance(field, models.DateField):
        text = stored.isoformat()
    elif isinstance(field, models.ForeignKey):
        text = stored.short_name
    else:
        return linebreaksbr(stored) or EMPTY
    return conditional_escape(text or EMPTY)


def special(samrad_request, name, shown):
    """The rows whose value reads better as a phrase than as the stored value."""
    if name == "interpreter_needed":
        if not samrad_request.interpreter_needed:
            return conditional_escape(_("Not needed"))
        if samrad_request.interpreter_language:
            return format_html("{}: {}", _("Needed"), samrad_request.interpreter_language)
        return conditional_escape(_("Needed"))
    if name == "risk_level":
        if not samrad_request.risk_level:
            return conditional_escape(_("Not assessed"))
        return format_html("<strong>{}</strong>", samrad_request.get_risk_level_display())
    return shown


def rows(samrad_request, section, *, printing=False, viewer=disclosure.COORDINATOR):
    """What `viewer`'s page (or, printing, the paper) shows of one section of `samrad_request`."""
    purged = samrad_request.purged_at is not None
    # The identity as the one rule allows the reader: not once the consent has ended.
    identity = disclosure.may_see(samrad_request, viewer, disclosure.Item.IDENTITY)
    result = []
    for name in section.fields:
        if (
            name in SHOWN_WITH
            or name in SHOWN_AS_VALID_UNTIL
            or (purged and name in PERSONAL)
            or (printing and name in IDENTIFYING)
            or ONLY_FOR_CONSENT_FORM.get(name, samrad_request.consent_form)
            != samrad_request.consent_form
        ):
            continue
        if name in IDENTIFYING and not identity:
            shown = conditional_escape(identity.why)
        else:
            shown = special(samrad_request, name, value(samrad_request, name))
        for extra, main in SHOWN_WITH.items():
            if main == name and getattr(samrad_request, extra) and name != "interpreter_needed":
                separator = ": " if name == "contact_safe" else ", "
                shown = format_html("{}{}{}", shown, separator, value(samrad_request, extra))
        label = SamradRequest._meta.get_field(name).verbose_name
        result.append(Row(name, label, shown))
    return result


def shown_sections(samrad_request, names, *, printing=False, viewer=disclosure.COORDINATOR):
    """The sections called `names` that `samrad_request` has, as (section, rows); empty ones left out."""
    result = []
    for section in sections(samrad_request.mode):
        # A purged case's consent is gone with the contents (the purge clears its parties).
        if section.consent_only and samrad_request.purged_at is not None:
            continue
        if section.name in names:
            section_rows = rows(samrad_request, section, printing=printing, viewer=viewer)
            if section_rows:
                result.append((section, section_rows))
    return result
