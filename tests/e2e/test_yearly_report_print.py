"""The yearly report prints from Chromium as the leadership group gets it: a title page, each
section on a page of its own, the tables' headings in the PDF's text, and no menus, form or
links. pypdf reads the text of Chromium's PDF (compressed streams, subset fonts)."""

import io
import unicodedata

import pytest
from django.utils import timezone

from demo.samrad_year import fill_year

from .test_staff_journeys import log_in, staff_portal  # noqa: F401 (fixture)

pypdf = pytest.importorskip("pypdf")

YEAR = timezone.localdate().year - 1
SECTIONS = ["Förfrågningar", "Personerna och våldet", "Samrådsmötena", "Uppföljning av åtgärder"]
HEADINGS = [
    "Förfrågningar per månad",
    "Hemkommun",
    "Avsändande part",
    "Form",
    "Typ av samråd",
    "Våldsformer",
    "Barn i hushållet",
    "Upprepade förfrågningar (samma person inom 12 månader)",
    "Risknivå vid förfrågan",
    "Hållna samrådsmöten",
    "Ärenden på dagordningen per hållet möte",
    "Dagar från förfrågan till samråd",
    "Median antal dagar från förfrågan till samråd",
    "Överenskomna åtgärder vid samråd",
]


def squeeze(text):
    """The PDF's text with its line breaks and spacing evened out, and the typographic
    ligatures Chromium's fonts use ("ﬀ" in "siﬀror") as plain letters."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def test_the_yearly_report_prints_to_a_pdf_with_a_title_page_and_its_sections(
    page,
    staff_portal,  # noqa: F811
):
    portal, _, coordinator = staff_portal
    fill_year(YEAR, 150, created_by=coordinator)
    log_in(page, portal, coordinator)
    page.goto(portal.url(f"/personal/samrad/statistik/arsrapport/?year={YEAR}"))
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4", prefer_css_page_size=True, print_background=False)

    reader = pypdf.PdfReader(io.BytesIO(pdf))
    pages = [squeeze(p.extract_text()) for p in reader.pages]
    # Title page, then four sections on a page or two each: six pages at most.
    assert 5 <= len(pages) <= 6, len(pages)
    assert "Tillsammans mot våld" in pages[0] and f"Årsrapport {YEAR}" in pages[0]
    assert "Om siffrorna" in pages[0]
    # Each section starts a page of its own.
    starts = pages[1:]
    for title in SECTIONS:
        assert any(text.startswith(title) for text in starts), (title, [t[:40] for t in starts])
    everything = " ".join(pages)
    for heading in HEADINGS:
        assert heading in everything, heading
    # The rounding rule reaches the paper as well, and no count is printed as 1 or 2.
    assert "multipel av 5" in everything
    # No menus, form, links or safety bar in the print.
    for screen_only in ["Logga ut", "Visa rapporten", "Ladda ner som CSV", "Lämna sidan snabbt"]:
        assert screen_only not in everything, screen_only
