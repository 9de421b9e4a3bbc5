"""The one rule for an e-mail address the portal mails to (samråd mail, reminders, accounts).

Django's EmailValidator accepts what RFC 5321 allows: quoted local parts, which may hold
control characters ("a\\x0bb"@example.org broke the To: header and stopped the whole
outbox), address literals (a@[10.0.0.1], any machine) and "localhost". None of these is a
functional mailbox at a party, so they are refused, each with a message that says why."""

import unicodedata

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _


def hidden_characters(value):
    """Control, format (zero-width, direction marks), surrogate, unassigned, space and
    line or paragraph separator characters: none belongs in an address."""
    return any(unicodedata.category(character)[0] in "CZ" for character in value)


@deconstructible
class MailAddressValidator(EmailValidator):
    domain_allowlist = ()  # not even localhost

    def __call__(self, value):
        value = str(value)
        if hidden_characters(value):
            raise ValidationError(
                _(
                    "The e-mail address contains a space, a line break or an invisible "
                    "character. Type it again without them."
                ),
                code="hidden_character",
            )
        local, _at, domain = value.rpartition("@")
        if '"' in local:
            raise ValidationError(
                _("Enter the e-mail address without quotation marks, e.g. name@kommun.se."),
                code="quoted",
            )
        if local and (
            domain.startswith("[") or "." not in domain or domain.replace(".", "").isdigit()
        ):
            raise ValidationError(
                _("Enter an e-mail address with a domain name, e.g. name@kommun.se."),
                code="domain",
            )
        super().__call__(value)


validate_mail_address = MailAddressValidator()
