"""The printable consent form fits one A4 page when Chromium prints it, signatures included."""

import re

from staff.models import ConsentFormPage

from .test_staff_journeys import log_in, staff_portal  # noqa: F401 (fixture)


def page_count(pdf):
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


def test_the_consent_form_prints_on_one_a4_page(page, staff_portal):  # noqa: F811
    portal, professional, _ = staff_portal
    url = ConsentFormPage.objects.get().url
    log_in(page, portal, professional, next_path=url)
    page.emulate_media(media="print")
    text = page.locator(".consent-form").inner_text()
    assert "Den yrkesverksammas underskrift" in text
    assert "Den yrkesverksammas funktion: adress och telefon" in text
    pdf = page.pdf(format="A4", prefer_css_page_size=True, print_background=False)
    assert page_count(pdf) == 1, f"{page_count(pdf)} pages"
