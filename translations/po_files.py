"""Bringing a translation up to date from a PO file, as one step that cannot half happen.

wagtail-localize exports the file (its download_pofile view: the Swedish strings of the
page's snapshot as msgid, the translations made so far as msgstr) and reads it back with
Translation.import_po. Its own upload view answers a file without the translation's id,
or without a file, with a server error and only stores the strings; this flow checks
the file first, stores the strings, saves the translated page (a draft, or published),
and takes the translator's yes away: the text has changed.

A draft must stay a draft: wagtail-localize saves the translated page's own row (what the
public sees) even when it is asked for a draft of a live page (wagtail-localize issues
#634, #655); Wagtail's own "Save draft" writes only a revision. So after a draft import
the live page's row is put back from its live revision, as Wagtail would have left it."""

import contextlib
import os
import tempfile
from dataclasses import dataclass

import polib
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from .models import TranslatorCheck

TRANSLATION_ID = "X-WagtailLocalize-TranslationID"
MAX_BYTES = 2 * 1024 * 1024


class UnusableFile(ValueError):
    """The file cannot be imported into this translation; the message says why."""


@dataclass(frozen=True)
class ImportResult:
    strings: int
    not_in_source: int


def read_po(upload):
    """A polib.POFile from an uploaded file, or UnusableFile."""
    if upload is None:
        raise UnusableFile(_("Choose a PO file to import."))
    if upload.size > MAX_BYTES:
        raise UnusableFile(_("The file is too large for a PO file of one page."))
    content = upload.read()
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
    with transaction.atomic():
        warnings = translation.import_po(po, user=user, tool_name="PO File")
        live = live_page(translation)
        translation.save_target(user=user, publish=publish)
        if live is not None and not publish:
            keep_live_content(live)
        TranslatorCheck.objects.filter(translation=translation).delete()
    strings = sum(1 for entry in po if entry.msgstr and not entry.obsolete)
    return ImportResult(strings=strings, not_in_source=len(warnings))


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
