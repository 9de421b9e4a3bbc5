"""Shared set-up for the samråd request tests."""

from samrad.consent import information_kinds

from .factories.organisations import party
from .factories.samrad import PERSON, SITUATION
from .factories.samrad import samrad_request as make_request
from .factories.staff import coordinator, professional

__all__ = ["PERSON", "SITUATION", "coordinator", "make_request", "professional"]

VALID_ID = "19811218-9876"
# The parties ticked on the signed form in the helpers' consent requests.
CONSENT_PARTIES = ("polisen", "krokom", "ostersund")
CANONICAL_ID = "198112189876"
QUESTION = "Hur kan vi samordna skyddet?"


def request_data(mode="avidentifierad", **overrides):
    data = {
        "contact_phone": "070-123 45 67",
        "contact_email": "yrke@example.org",
        "home": party("krokom").slug,
        "kind": "planning",
        "urgency": "weekly",
        "purposes": ["needs", "risk"],
        "violence_forms": ["physical", "psychological"],
        "children_count": "2",
        "children_age_bands": ["3-5", "6-12"],
        "concern_reported": "yes",
        "gender": "woman",
        "age_band": "35-44",
        "contact_safe": "no",
        "contact_instructions": "Ring inte. Mejla socialtjänsten.",
        "message_may_be_left": "no",
        "protected_identity": "unknown",
        "parties_wanted": [party("polisen").pk],
        "situation": SITUATION,
        "question": QUESTION,
    }
    if mode == "samtycke":
        data.update(
            person_name="Zebra Fink",
            person_id_number=VALID_ID,
            consent_signed_on="2026-11-01",
            consent_scope="Uppgifter om våldet och hotbilden.",
            consent_form_kept="on",
            consent_parties=[party(slug).pk for slug in CONSENT_PARTIES],
            consent_information=information_kinds()[:2],
        )
    data.update(overrides)
    return data


# An action text that must never leave the encrypted columns.
SECRET_ACTION = "Hämta Zebrafinken vid skyddade boendet på Storgatan"


def retention_decision(days=90, authority="ostersund", reference="TEST 2026/1"):
    """The disposal decision of the coordinator's employer, which the purge obeys (test
    data, not a real decision)."""
    from datetime import timedelta

    from django.utils import timezone

    from recordkeeping.models import RetentionDecision

    today = timezone.localdate()
    return RetentionDecision.objects.create(
        authority=party(authority),
        reference=reference,
        decided_on=today - timedelta(days=30),
        retention_days=days,
        covers="Samordnarens dokumentation av samråd (testdata).",
        valid_from=today - timedelta(days=30),
    )
