"""Bringing a translation up to date from a PO file, as one step that cannot half happen.

wagtail-localize exports the file (its download_pofile view: the Swedish strings of the
page's snapshot as msgid, the translations made so far as msgstr) and reads it back with
Translation.import_po. Its own upload view answers a file without the translation's id,
or without a file, with a server error and only stores the strings; this flow checks
the file first, stores the strings, saves the translated page (a draft, or published),
and takes the translator's yes away: the text has changed.

A text the page cannot take is not imported, and the editor is told which and why: HTML
that the Swedish text does not have (wagtail-localize keeps such a translation but leaves
it out of the page without a word, or strips the tags of a plain-text field), or a text
longer than its field holds (on PostgreSQL that was a database error, a 500).

A draft must stay a draft: wagtail-localize saves the translated page's own row (what the
public sees) even when it is asked for a draft of a live page (wagtail-localize issues
#634, #655); Wagtail's own "Save draft" writes only a revision. So after a draft import
the live page's row is put back from its live revision, as Wagtail would have left it."""

import contextlib
import os
import tempfile
from dataclasses import dataclass, field
from html.parser import HTMLParser

import polib
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page
from wagtail_localize.strings import StringValue, validate_translation_links

from .models import TranslatorCheck

TRANSLATION_ID = "X-WagtailLocalize-TranslationID"
MAX_BYTES = 2 * 1024 * 1024


class UnusableFile(ValueError):
    """The file cannot be imported into this translation; the message says why."""


@dataclass(frozen=True)
class Refused:
    """A text of the file that was not imported: its Swedish text, its place, and why."""

    source: str
    context: str
    reason: str


@dataclass(frozen=True)
class ImportResult:
    strings: int
    not_in_source: int
    refused: list[Refused] = field(default_factory=list)


def read_po(upload):
    """A polib.POFile from an uploaded file, or UnusableFile."""
    if upload is None:
        raise UnusableFile(_("Choose a PO file to import."))
    if upload.size > MAX_BYTES:
        raise UnusableFile(_("The file is too large for a PO file of one page."))
    content = upload.read()
    if b"\x00" in content:  # no text file holds NUL, and PostgreSQL cannot store it
        raise UnusableFile(_("The file is not a PO file in UTF-8."))
    # polib takes either a file name or the file's text; it must never be handed text
    # that could name a file on the server, so the upload is parsed from a file of its own.
    with tempfile.NamedTemporaryFile(suffix=".po", delete=False) as file:
        file.write(content)
    try:
        return polib.pofile(file.name)
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise UnusableFile(_("The file is not a PO file in UTF-8.")) from error
    finally:
        with contextlib.suppress(OSError):
            os.unlink(file.name)


def import_po(translation, po, user, publish=False):
    """Store the file's translations and save the translated page from them."""
    if po.metadata.get(TRANSLATION_ID) != str(translation.uuid):
        raise UnusableFile(
            _("The file was exported for another page or language: export this translation's file.")
        )
    usable, refused = checked_entries(translation, po)
    try:
        with transaction.atomic():
            warnings = translation.import_po(usable, user=user, tool_name="PO File")
            live = live_page(translation)
            translation.save_target(user=user, publish=publish)
            if live is not None and not publish:
                keep_live_content(live)
            TranslatorCheck.objects.filter(translation=translation).delete()
    except ValidationError as error:
        # What the checks above cannot see (a block's own rules): nothing is kept.
        raise UnusableFile(
            _("Nothing was imported: the translated page could not be saved. %(errors)s")
            % {"errors": " ".join(error.messages)}
        ) from error
    left_out = {warning.index for warning in warnings}
    strings = sum(
        1
        for index, entry in enumerate(usable)
        if entry.msgstr and not entry.obsolete and index not in left_out
    )
    return ImportResult(strings=strings, not_in_source=len(warnings), refused=refused)


class TagNames(HTMLParser):
    """The names of the HTML tags in a text."""

    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.names = set()
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.names.add(tag)

    def handle_endtag(self, tag):
        self.names.add(tag)


def field_lengths(translation):
    """The page's own text fields with a length limit, by name (a PO entry's context)."""
    model = translation.source.specific_content_type.model_class()
    return {
        model_field.name: model_field.max_length
        for model_field in model._meta.get_fields()
        if isinstance(model_field, models.CharField) and model_field.max_length
    }


def refusal(entry, max_lengths):
    """Why the page cannot take this translation, or None."""
    added = TagNames(entry.msgstr).names - TagNames(entry.msgid).names
    if added:
        return _(
            "it has HTML tags that the Swedish text does not have (%(tags)s): use the "
            "Swedish text's tags only."
        ) % {"tags": ", ".join(f"<{name}>" for name in sorted(added))}
    try:
        # wagtail-localize's own checks, which otherwise leave the text out of the page.
        text = StringValue.from_translated_html(entry.msgstr).render_text()
        validate_translation_links(entry.msgid, entry.msgstr)
    except ValueError:
        return _(
            "its HTML cannot be used: tags may not have attributes, and a link keeps the "
            "id of the Swedish text's link (a1, a2 …)."
        )
    limit = max_lengths.get(entry.msgctxt)
    if limit and len(text) > limit:
        return _("it is %(length)s characters long, and the field holds at most %(max)s.") % {
            "length": len(text),
            "max": limit,
        }
    return None


def checked_entries(translation, po):
    """The entries to import, as a PO file, and the texts refused with their reasons."""
    max_lengths = field_lengths(translation)
    usable = polib.POFile()
    usable.metadata = po.metadata
    refused = []
    for entry in po:
        reason = refusal(entry, max_lengths) if entry.msgstr and not entry.obsolete else None
        if reason is None:
            usable.append(entry)
        else:
            refused.append(Refused(entry.msgid, entry.msgctxt or "", reason))
    return usable, refused


def live_page(translation):
    return Page.objects.filter(
        translation_key=translation.source.object_id,
        locale=translation.target_locale,
        live=True,
        live_revision__isnull=False,
    ).first()


def keep_live_content(before):
    """Put the live content back on the page's row, keeping the new draft as its latest
    revision (Revision.as_object keeps the draft title, the latest revision and the
    unpublished-changes flag of the row it is read onto)."""
    page = Page.objects.get(pk=before.pk)
    live = page.live_revision.as_object()
    live.live_revision_id = before.live_revision_id
    live.last_published_at = before.last_published_at
    live.has_unpublished_changes = True
    live.save(clean=False)
