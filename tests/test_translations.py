"""The translation workflow (README "Translating the portal"): a page translation made
with wagtail-localize is exported as a PO file of its Swedish texts and brought up to
date from the translated file; editors see whether it is behind its Swedish source and
whether a translator has checked it; no one else reaches the translators' views."""

import html

import polib
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, TestCase, override_settings
from wagtail.models import Locale, Page
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from base.setup import publish
from guidance.models import ArticlePage
from staff import roles
from translations.adopt import adopt
from translations.models import TranslatorCheck
from translations.status import page_translations, statuses

from .helpers import SecondFactorClient, make_user
from .samrad_helpers import professional

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]

SWEDISH = {
    "title": "Råd om skyddat boende",
    "intro": "Så fungerar ett skyddat boende i länet.",
}
ENGLISH = {
    "Råd om skyddat boende": "Advice on sheltered housing",
    "Så fungerar ett skyddat boende i länet.": "How sheltered housing works in the county.",
    "Vart vänder jag mig?": "Where do I turn?",
    "skyddat-boende": "sheltered-housing",
}


def swedish_home():
    return Page.objects.get(depth=2, locale__language_code="sv").specific


@pytest.fixture
def article():
    page = ArticlePage(
        slug="skyddat-boende",
        body=[{"type": "heading", "value": "Vart vänder jag mig?"}],
        **SWEDISH,
    )
    swedish_home().add_child(instance=page)
    return publish(page)


def committed():
    """wagtail-localize publishes when the transaction commits; a test's never does."""
    return TestCase.captureOnCommitCallbacks(execute=True)


def translate(page, language_code="en"):
    """What "Translate this page" does: a snapshot of the Swedish page and its translation."""
    source, _ = TranslationSource.get_or_create_from_instance(page)
    locale, _ = Locale.objects.get_or_create(language_code=language_code)
    translation = Translation.objects.create(source=source, target_locale=locale)
    with committed():
        translation.save_target(publish=True)
    return translation


@pytest.fixture
def translation(article):
    return translate(article)


@pytest.fixture
def editor():
    client = SecondFactorClient()
    client.user = make_user("oversattare@example.org", role=roles.EDITOR)
    client.force_login(client.user)
    return client


def export(client, translation):
    response = client.get(f"/admin/localize/translate/{translation.pk}/pofile/download/")
    assert response.status_code == 200
    return polib.pofile(response.content.decode())


def filled(po, texts=ENGLISH):
    for entry in po:
        entry.msgstr = texts.get(entry.msgid, entry.msgstr)
    return str(po).encode()


def upload(client, translation, content, **fields):
    with committed():
        return client.post(
            f"/admin/localize/translate/{translation.pk}/pofile/upload/",
            {"file": SimpleUploadedFile("sida.po", content), **fields},
        )


def target_page(translation):
    return Page.objects.get(
        translation_key=translation.source.object_id, locale=translation.target_locale
    ).specific


def status_page(client, translation):
    response = client.get(f"/admin/translations/{translation.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_exported_file_holds_the_swedish_texts_of_the_page(editor, translation):
    po = export(editor, translation)
    assert {entry.msgid for entry in po} >= set(ENGLISH)
    assert {entry.msgctxt for entry in po if entry.msgid == SWEDISH["title"]} == {"title"}
    assert all(entry.msgstr == "" for entry in po)


def test_an_imported_file_is_saved_as_a_draft_and_published_when_asked(editor, translation):
    content = filled(export(editor, translation))

    response = upload(editor, translation, content)

    assert response.status_code == 302
    page = target_page(translation)
    assert page.get_latest_revision_as_object().title == "Advice on sheltered housing"
    assert page.title == SWEDISH["title"]  # the live page waits for a person to publish
    assert page.has_unpublished_changes

    upload(editor, translation, content, publish="on")

    page = target_page(translation)
    assert page.title == "Advice on sheltered housing"
    assert page.intro == "How sheltered housing works in the county."
    assert not page.has_unpublished_changes


def test_a_change_to_the_swedish_page_puts_the_translation_behind(editor, article, translation):
    assert "Efter källtexten" in status_page(editor, translation)  # nothing translated yet
    upload(editor, translation, filled(export(editor, translation)), publish="on")
    assert "Aktuell" in status_page(editor, translation)
    assert "Efter källtexten" not in status_page(editor, translation)

    article.intro = "Så fungerar skyddat boende, och vem som betalar."
    publish(article)

    page = status_page(editor, translation)
    assert "Efter källtexten" in page
    assert "Synka med den svenska sidan först" in page
    assert "Efter källtexten" in editor.get("/admin/translations/").content.decode()

    # Synced, the new Swedish sentence is in the file, untranslated; translated, it is current.
    translation.source.update_from_db()
    po = export(editor, translation)
    new = [entry for entry in po if entry.msgid == article.intro]
    assert new and new[0].msgstr == ""
    assert "Efter källtexten" in status_page(editor, translation)
    texts = ENGLISH | {article.intro: "How sheltered housing works, and who pays."}
    upload(editor, translation, filled(po, texts), publish="on")
    assert "Aktuell" in status_page(editor, translation)
    assert target_page(translation).intro == "How sheltered housing works, and who pays."


def check(client, translation, checked=True):
    data = {"checked": "on"} if checked else {}
    return client.post(f"/admin/translations/{translation.pk}/", data)


def test_checked_is_no_until_a_person_says_yes(editor, translation):
    assert "Kontrollerad av översättare" in status_page(editor, translation)
    assert not TranslatorCheck.objects.exists()

    response = check(editor, translation)

    assert response.status_code == 302
    assert TranslatorCheck.objects.get(translation=translation).checked_by == editor.user
    assert "oversattare@example.org" in status_page(editor, translation)

    check(editor, translation, checked=False)
    assert not TranslatorCheck.objects.exists()


def test_an_import_a_sync_or_a_new_text_takes_the_check_away(editor, article, translation):
    content = filled(export(editor, translation))
    check(editor, translation)
    upload(editor, translation, content)
    assert not TranslatorCheck.objects.exists()

    check(editor, translation)
    upload(editor, translation, content)  # the same file again: still a fresh import
    assert not TranslatorCheck.objects.exists()

    check(editor, translation)
    article.intro = "Ny inledning."
    publish(article)
    assert TranslatorCheck.objects.exists()  # published in Swedish: the translation is behind
    translation.source.update_from_db()  # "Sync translated pages"
    assert not TranslatorCheck.objects.exists()

    check(editor, translation)
    string = StringTranslation.objects.filter(
        locale=translation.target_locale, context__object_id=translation.source.object_id
    ).first()
    string.data = "Advice on sheltered homes"
    string.save()  # wagtail-localize's editor saves a string
    assert not TranslatorCheck.objects.exists()


def test_editors_see_the_status_in_the_page_listing(editor, translation):
    check(editor, translation)
    parent = target_page(translation).get_parent()

    listing = editor.get(f"/admin/pages/{parent.pk}/").content.decode()

    assert "Översättning: Efter källtexten, kontrollerad av översättare: ja" in listing
    assert f"/admin/translations/{translation.pk}/" in listing


def test_a_file_that_does_not_fit_is_refused_and_changes_nothing(editor, article, translation):
    other = translate(article, "fi")
    wrong_translation = filled(export(editor, other))
    # Without the translation's id nothing says which page and language the file is for.
    no_header = 'msgctxt "title"\nmsgid "Råd om skyddat boende"\nmsgstr "Advice"\n'.encode()
    for content in [b"", b"\xff\xfe not a po file \x00", wrong_translation, no_header]:
        response = upload(editor, translation, content, publish="on")
        assert response.status_code == 302
        shown = editor.get(response["Location"]).content.decode()
        assert 'class="error"' in shown and "importerades" not in shown
        assert target_page(translation).title == SWEDISH["title"]
    response = editor.post(f"/admin/localize/translate/{translation.pk}/pofile/upload/", {})
    assert response.status_code == 302
    assert not StringTranslation.objects.filter(
        locale=translation.target_locale, context__object_id=translation.source.object_id
    ).exists()


def shown_messages(client, response):
    assert response.status_code == 302
    return html.unescape(client.get(response["Location"]).content.decode())


def test_a_title_longer_than_the_field_is_not_imported_and_the_editor_is_told(editor, translation):
    """On PostgreSQL a 300-character title was a database error: a 500."""
    editor.raise_request_exception = False
    texts = ENGLISH | {SWEDISH["title"]: "A" * 300}

    response = upload(editor, translation, filled(export(editor, translation), texts))

    shown = shown_messages(editor, response)
    assert "Importerades inte: ”Råd om skyddat boende” (title)" in shown
    assert "den är 300 tecken lång, och fältet rymmer högst 255" in shown
    assert "3 översatta texter importerades" in shown  # intro, slug, heading
    page = target_page(translation).get_latest_revision_as_object()
    assert page.title == SWEDISH["title"]
    assert page.intro == "How sheltered housing works in the county."


@pytest.mark.parametrize(
    "field,translated,reason",
    [
        (
            "intro",
            "How sheltered housing <script>alert(1)</script>works.",
            "den har HTML-taggar som den svenska texten inte har (<script>)",
        ),
        ("intro", "How <p>sheltered</p> housing works.", "(<p>)"),
        ("title", "Advice on <b>sheltered</b> housing", "(<b>)"),
    ],
)
def test_html_the_swedish_text_does_not_have_is_not_imported_and_the_editor_is_told(
    editor, translation, field, translated, reason
):
    """wagtail-localize kept such a text but left it out of the page (or stripped the tags
    of a plain-text field) while the page said every text was imported."""
    texts = ENGLISH | {SWEDISH[field]: translated}

    response = upload(editor, translation, filled(export(editor, translation), texts), publish="on")

    shown = shown_messages(editor, response)
    assert f"Importerades inte: ”{SWEDISH[field]}” ({field})" in shown
    assert reason in shown
    assert "3 översatta texter importerades" in shown
    page = target_page(translation)
    assert getattr(page, field) == SWEDISH[field]
    other = {"title": "intro", "intro": "title"}[field]
    assert getattr(page, other) == ENGLISH[SWEDISH[other]]
    assert not StringTranslation.objects.filter(data=translated).exists()


def test_a_page_that_cannot_be_saved_imports_nothing_and_says_why(editor, translation, monkeypatch):
    """A rule the checks before the import cannot see (a block's own validation)."""

    def refuse(*args, **kwargs):
        raise ValidationError({"title": ["Ogiltig titel."]})

    monkeypatch.setattr(Translation, "save_target", refuse)

    response = upload(editor, translation, filled(export(editor, translation)), publish="on")

    shown = shown_messages(editor, response)
    assert "Inget importerades: den översatta sidan kunde inte sparas. Ogiltig titel." in shown
    assert "importerades;" not in shown
    assert not StringTranslation.objects.filter(
        locale=translation.target_locale, context__object_id=translation.source.object_id
    ).exists()


@pytest.mark.parametrize("next_url", ["a b", "https://example.org/", "//example.org/", "x"])
def test_an_odd_return_address_goes_back_to_the_status_page(editor, translation, next_url):
    """redirect() read "a b" as the name of a view: a 500."""
    editor.raise_request_exception = False

    response = upload(editor, translation, filled(export(editor, translation)), next=next_url)

    assert response.status_code == 302
    assert response["Location"] == f"/admin/translations/{translation.pk}/"


def test_the_swedish_texts_tags_and_links_may_be_kept():
    from translations.po_files import refusal

    def entry(msgid, msgstr, msgctxt="body.x"):
        return polib.POEntry(msgid=msgid, msgstr=msgstr, msgctxt=msgctxt)

    assert (
        refusal(entry('<b>Ring</b> <a id="a1">oss</a>', '<b>Call</b> <a id="a1">us</a>'), {})
        is None
    )
    assert refusal(entry("Rad ett<br>rad två", "Line one<br>line two"), {}) is None
    assert refusal(entry('Ring <a id="a1">oss</a>', 'Call <a id="a2">us</a>'), {})
    assert refusal(entry("<b>Ring</b>", '<b class="x">Call</b>'), {})
    assert refusal(entry("Titel", "T" * 255, "title"), {"title": 255}) is None
    assert refusal(entry("Titel", "T" * 256, "title"), {"title": 255})


def test_a_nul_byte_in_the_file_refuses_it(editor, translation):
    editor.raise_request_exception = False
    texts = ENGLISH | {SWEDISH["intro"]: "How\x00 it works."}

    response = upload(editor, translation, filled(export(editor, translation), texts))

    assert "Filen är inte en PO-fil i UTF-8." in shown_messages(editor, response)
    assert target_page(translation).get_latest_revision_as_object().title == SWEDISH["title"]


def test_no_one_but_editors_reaches_the_translation_views(translation):
    content = filled(export_as_superuser(translation))
    anonymous = Client()
    yrke = SecondFactorClient()
    yrke.force_login(professional("oversatt-yrke@example.org"))
    half = Client()
    half.force_login(make_user("halv-red@example.org", role=roles.EDITOR))
    addresses = [
        "/admin/translations/",
        f"/admin/translations/{translation.pk}/",
        f"/admin/localize/translate/{translation.pk}/pofile/download/",
    ]
    # Wagtail's admin door sends those without admin access to the login page; a session
    # without its second factor is sent to give it.
    doors = {anonymous: "/accounts/login/", yrke: "/accounts/login/", half: "/accounts/2fa/"}
    for client, door in doors.items():
        for address in addresses:
            response = client.get(address)
            assert response.status_code == 302, address
            assert response["Location"].startswith(door), address
        for response in (
            upload(client, translation, content, publish="on"),
            check(client, translation),
        ):
            assert response.status_code == 302
            assert response["Location"].startswith(door)
    assert target_page(translation).title == SWEDISH["title"]
    assert not TranslatorCheck.objects.exists()


def export_as_superuser(translation):
    client = SecondFactorClient()
    client.force_login(make_user("oversatt-admin@example.org", superuser=True))
    return export(client, translation)


LANGUAGES_WITH_PERSIAN = [("sv", "Svenska"), ("en", "English"), ("fa", "فارسی")]


@override_settings(
    LANGUAGES=LANGUAGES_WITH_PERSIAN, WAGTAIL_CONTENT_LANGUAGES=LANGUAGES_WITH_PERSIAN
)
def test_a_new_language_is_a_settings_line_and_its_translations(editor, article):
    persian = Locale.objects.create(language_code="fa")

    response = editor.post(f"/admin/localize/submit/page/{article.pk}/", {"locales": [persian.pk]})

    assert response.status_code == 302
    translation = Translation.objects.get(target_locale=persian)
    texts = ENGLISH | {SWEDISH["title"]: "مشاوره درباره خانه امن"}
    upload(editor, translation, filled(export(editor, translation), texts), publish="on")
    page = target_page(translation)
    assert page.title == "مشاوره درباره خانه امن"
    assert page.live
    response = Client().get(page.url)
    assert response.status_code == 200
    assert "مشاوره درباره خانه امن" in response.content.decode()
    assert not response.cookies


def test_the_demo_translations_are_adopted_with_their_english_texts(editor):
    found = statuses(page_translations())

    assert len(found) >= 20
    # Adopted after the last publication; texts whose links differ from the Swedish ones
    # (an English paragraph with a link more) are left for a translator, so those are behind.
    assert not [status.page.slug for status in found if status.source_changed]
    assert len([status for status in found if not status.behind]) >= 10
    assert all(status.translated_strings >= 3 for status in found)
    support = next(status for status in found if status.source_page.slug == "stod")
    po = export(editor, support.translation)
    assert {entry.msgstr for entry in po if entry.msgctxt == "title"} == {support.page.title}
    assert support.page.title != support.source_page.title


def test_a_copy_whose_texts_do_not_line_up_is_adopted_as_behind(article):
    english = article.copy_for_translation(Locale.objects.get(language_code="en"))
    english.title = "Advice on sheltered housing"
    english.body = [
        {"type": "paragraph", "value": "<p>Written afresh.</p>"},
        {"type": "heading", "value": "Where do I turn?"},
    ]
    publish(english)

    translation = adopt(article, english)

    status = statuses([translation])[0]
    assert status.behind
    # The title lines up; the body's texts are in other places and are not guessed.
    assert status.translated_strings == 3  # title, slug, intro
    assert ArticlePage.objects.get(pk=english.pk).title == "Advice on sheltered housing"


def test_no_text_is_sent_to_a_machine_translator(settings, editor, translation):
    assert not getattr(settings, "WAGTAILLOCALIZE_MACHINE_TRANSLATOR", None)

    response = editor.post(f"/admin/localize/translate/{translation.pk}/machine_translate/")

    assert response.status_code == 404
    assert not StringTranslation.objects.filter(
        locale=translation.target_locale, context__object_id=translation.source.object_id
    ).exists()
