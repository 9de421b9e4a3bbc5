"""The one StreamBlock shared by every page body on the site."""

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


class BaseStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    notice = NoticeBlock()
    document = DocumentLinkBlock()


class HelpLineBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Name"), max_length=80)
    number = blocks.CharBlock(label=_("Phone number"), max_length=30)
    description = blocks.CharBlock(label=_("When to call"), max_length=200, required=False)

    class Meta:
        icon = "mobile-alt"
        template = "blocks/help_line_block.html"
        label = _("Help line")
        preview_value = {
            "name": "Kvinnofridslinjen",
            "number": "020-50 50 50",
            "description": "Dygnet runt, gratis.",
        }
