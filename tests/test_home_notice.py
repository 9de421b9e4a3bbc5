"""The home page's quick-exit notice says what the Back button still shows
(portal/static/js/quick-exit.js replaces only the current history entry)."""

import pytest
from wagtail.models import Locale, Page

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]


@pytest.mark.parametrize(
    "language,text",
    [
        ("sv", "andra sidor du har läst här finns kvar i historiken"),
        ("en", "other pages you have read here stay in the history"),
        ("ar", "الصفحات الأخرى التي قرأتها هنا تبقى في سجل التصفح"),
    ],
)
def test_the_quick_exit_notice_is_honest_about_the_back_button(client, site, language, text):
    locale = Locale.objects.get(language_code=language)
    home = site.root_page.get_translation(locale)
    tracks = Page.objects.get(url_path=site.root_page.url_path + "dolj-dina-spar/")
    tracks = tracks.get_translation(locale)
    content = client.get(home.url).content.decode()
    assert text in content
    paragraph = content.split(text, 1)[1].split("</p>", 1)[0]
    # It leads on to the page about covering one's tracks, in the page's own language.
    assert f'href="{tracks.url}"' in paragraph
