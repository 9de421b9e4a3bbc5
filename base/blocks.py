"""The one StreamBlock shared by every page body on the site, and the block that holds
other languages' versions of short texts kept outside pages."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock

RICH_TEXT_FEATURES = ["h3", "bold", "italic", "link", "ol", "ul", "document-link"]


class HeadingBlock(blocks.CharBlock):
    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"
        label = _("Heading")
        preview_value = "Så kan vi hjälpa dig"


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        super().__init__(features=RICH_TEXT_FEATURES, **kwargs)

    class Meta:
        icon = "pilcrow"
        template = "blocks/paragraph_block.html"
        label = _("Paragraph")
        preview_value = "<p>Du bestämmer själv vad du vill berätta.</p>"


class NoticeBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"))
    text = ParagraphBlock(label=_("Text"))

    class Meta:
        icon = "warning"
        template = "blocks/notice_block.html"
        label = _("Notice")
        preview_value = {
            "title": "Är du i fara just nu?",
            "text": "<p>Ring 112.</p>",
        }


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        label=_("Link text"), required=False, help_text=_("Defaults to the document title.")
    )

    class Meta:
        icon = "doc-full"
        template = "blocks/document_link_block.html"
        label = _("Document")


class ResponsibilityBlock(blocks.ChoiceBlock):
    """One sentence about who is responsible for the website, from the site's
    ResponsibilitySettings (base/models.py). Renders nothing while the setting is empty, so
    that a page can hold the place of a fact the parties have not yet decided."""

    def __init__(self, **kwargs):
        super().__init__(
            choices=[
                ("website_manager", _("Who manages the website")),
                ("accessibility_contact", _("Where to send accessibility feedback")),
                ("data_controller", _("Who is the data controller for the portal")),
                ("privacy_contact", _("Where to send questions about personal data")),
                ("log_retention_days", _("How long the server logs are kept")),
            ],
            **kwargs,
        )

    def get_searchable_content(self, value):
        # The choice's label is an instruction to editors, not text on the page.
        return []

    class Meta:
        icon = "doc-full"
        template = "blocks/responsibility_block.html"
        label = _("Responsibility for the website (from the settings)")
        preview_value = "website_manager"


class BaseStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    notice = NoticeBlock()
    document = DocumentLinkBlock()
    responsibility = ResponsibilityBlock()


def translation_languages():
    """The languages a text can be translated into: every site language but the default."""
    return [(code, name) for code, name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


class TranslationBlock(blocks.StructBlock):
    """One language's version of a snippet's short texts (a contact function, a help line):
    the subclasses add the fields. Empty fields fall back to the Swedish text."""

    language = blocks.ChoiceBlock(label=_("Language"), choices=translation_languages)


def in_active_language(translations, **source):
    """The texts in the active language: the translation's filled-in fields over the
    Swedish `source`, and `lang`, the language the texts are in (pages mark text that
    stays Swedish with lang="sv")."""
    language = translation.get_language()
    for item in translations:
        value = item.value if hasattr(item, "value") else item
        if value["language"] == language:
            texts = {name: text for name, text in value.items() if name != "language" and text}
            return {**source, **texts, "lang": language}
    return {**source, "lang": settings.LANGUAGE_CODE}


# What a published page may say about the phone bill; nothing is claimed without one.
BILL_NOT_SHOWN = "not_shown"
BILL_CHOICES = [(BILL_NOT_SHOWN, _("The call does not show on the phone bill"))]


class HelpLineTextBlock(TranslationBlock):
    name = blocks.CharBlock(label=_("Name"), max_length=80)
    description = blocks.CharBlock(label=_("When to call"), max_length=200, required=False)


class HelpLineValue(blocks.StructValue):
    @property
    def text(self):
        """Name and description in the active language (Swedish where untranslated)."""
        return in_active_language(
            self.get("translations") or [], name=self["name"], description=self["description"]
        )

    @property
    def shows_number(self):
        """Whether the number may be shown: only with the page it was taken from."""
        return bool(self.get("number") and self.get("source_url"))

    @property
    def says_not_on_bill(self):
        return self.get("bill") == BILL_NOT_SHOWN and bool(self.get("bill_source_url"))


class HelpLineBlock(blocks.StructBlock):
    """A national help line. Its number is shown only with the published page it was
    taken from (HelpLineValue.shows_number); what the call leaves on the phone bill is said only where
    a published page says it, and every line tells how to remove the number from the
    phone's call log (templates/blocks/help_line_block.html)."""

    name = blocks.CharBlock(label=_("Name"), max_length=80)
    number = blocks.CharBlock(label=_("Phone number"), max_length=30)
    description = blocks.CharBlock(label=_("When to call"), max_length=200, required=False)
    source_url = blocks.URLBlock(
        label=_("Source of the number"),
        required=False,
        help_text=_(
            "The address of the organisation's own published page that gives the number. "
            "Without it the number is not shown."
        ),
    )
    verified_on = blocks.DateBlock(
        label=_("Verified on"),
        required=False,
        help_text=_("The day someone last checked the number against the source."),
    )
    bill = blocks.ChoiceBlock(
        label=_("Phone bill"),
        choices=BILL_CHOICES,
        required=False,
        help_text=_("Only what a published page says. Leave empty when no source says it."),
    )
    bill_source_url = blocks.URLBlock(
        label=_("Source for the phone bill"),
        required=False,
        help_text=_("The published page that says how the call shows on the phone bill."),
    )
    translations = blocks.ListBlock(
        HelpLineTextBlock(),
        default=[],
        label=_("Translations"),
        help_text=_("The name and description in the site's other languages."),
    )

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        if value.get("number") and not value.get("source_url"):
            errors["source_url"] = ValidationError(
                _("Give the address of the published page the number came from.")
            )
        if value.get("source_url") and not value.get("verified_on"):
            errors["verified_on"] = ValidationError(_("Give the day the source was checked."))
        if value.get("bill") and not value.get("bill_source_url"):
            errors["bill_source_url"] = ValidationError(
                _("Give the published page that says this about the phone bill.")
            )
        if errors:
            raise blocks.StructBlockValidationError(block_errors=errors)
        return value

    class Meta:
        icon = "mobile-alt"
        template = "blocks/help_line_block.html"
        value_class = HelpLineValue
        label = _("Help line")
        preview_value = {
            "name": "Kvinnofridslinjen",
            "number": "020-50 50 50",
            "description": "Dygnet runt, gratis.",
            "source_url": "https://nck.uu.se/kvinnofridslinjen/kvinnofridslinjen-ger-stod-per-telefon/",
            "verified_on": "2026-11-26",
            "bill": "not_shown",
            "bill_source_url": "https://nck.uu.se/kvinnofridslinjen/kvinnofridslinjen-ger-stod-per-telefon/",
        }
