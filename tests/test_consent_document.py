"""The official consent form file: one A4 page with signature and address lines for both
the person and the professional."""

import re
import zlib

import pytest
from wagtail.documents import get_document_model

from staff.pdf import simple_pdf

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]


def pdf_text(data):
    streams = re.findall(rb"stream\n(.*?)\nendstream", data, flags=re.S)
    text = b"".join(s if b"BT" in s else zlib.decompress(s) for s in streams)
    return text.decode("cp1252")


def test_the_official_form_has_the_professionals_signature_and_address_lines():
    document = get_document_model().objects.get(title="Samtyckesblankett Operation Norrsken")
    with document.file.open("rb") as handle:
        data = handle.read()
    assert data.count(b"/Type /Page ") + data.count(b"/Type /Page\n") <= 1
    text = pdf_text(data)
    assert "Personens underskrift" in text
    assert "Yrkespersonens underskrift" in text
    assert "Namnförtydligande, part och funktion" in text
    assert "Funktionens adress och telefon" in text


def test_a_form_longer_than_a_page_is_refused_not_cut():
    with pytest.raises(ValueError):
        simple_pdf(["rad"] * 69)
    assert simple_pdf(["rad"] * 68).startswith(b"%PDF")
