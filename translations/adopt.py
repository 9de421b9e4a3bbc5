"""Bringing a translation that was made as a plain copy under wagtail-localize.

Pages translated before wagtail-localize was installed (the demo's English pages, or
Wagtail's copy_for_translation) have no snapshot of their source and no translated
strings, so they have no status and wagtail-localize cannot sync them. Adopting one
takes a snapshot of the Swedish page and records each of the translated page's texts as
the translation of the Swedish text in the same place. Only texts whose places match
(the same field, the same block position, the same links) are recorded; the rest stay
untranslated, so the translation shows as behind its source rather than guessing. The
translated page itself is not written."""

import re

import polib
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments

from .po_files import TRANSLATION_ID

BLOCK_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
LINK_ID = re.compile(r'<a id="(a\d+)">')


def texts(page):
    """(path, text) of each translatable text of the page, in order."""
    return [
        (segment.path, segment.string.data)
        for segment in extract_segments(page)
        if isinstance(segment, StringSegmentValue)
    ]


def by_field(found):
    fields = {}
    for path, text in found:
        fields.setdefault(path.split(".")[0], []).append((path, text))
    return fields


def same_place(source, translated):
    (source_path, source_text), (translated_path, translated_text) = source, translated
    return BLOCK_ID.sub("", source_path) == BLOCK_ID.sub("", translated_path) and (
        LINK_ID.findall(source_text) == LINK_ID.findall(translated_text)
    )


def adopt(source_page, translated_page):
    """The wagtail-localize translation of `translated_page` (created if missing)."""
    existing = Translation.objects.filter(
        source__object_id=source_page.translation_key,
        target_locale_id=translated_page.locale_id,
    ).first()
    if existing is not None:
        return existing
    source, _ = TranslationSource.get_or_create_from_instance(source_page)
    translation = Translation.objects.create(
        source=source, target_locale_id=translated_page.locale_id
    )
    ours, theirs = by_field(texts(source_page)), by_field(texts(translated_page))
    po = polib.POFile()
    po.metadata = {TRANSLATION_ID: str(translation.uuid)}
    for field, source_texts in ours.items():
        translated_texts = theirs.get(field, [])
        if len(source_texts) != len(translated_texts):
            continue  # a block added or left out: which text is which cannot be told
        for (path, text), translated in zip(source_texts, translated_texts, strict=True):
            if same_place((path, text), translated):
                po.append(polib.POEntry(msgctxt=path, msgid=text, msgstr=translated[1]))
    translation.import_po(po, tool_name="Adopted copy")
    return translation
