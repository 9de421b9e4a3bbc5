"""Every read audited, every hostile input a clear answer, never a 500."""

import csv
import io

import pytest
from django.core.cache import cache
from django.utils import timezone

from organisations.models import Party
from samrad.models import AuditEntry, Meeting, SamradRequest

from .case_page import action_done_url, post_section
from .samrad_helpers import SITUATION, coordinator, professional, request_data

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]


@pytest.fixture
def samrad_request(client, django_capture_on_commit_callbacks):
    from .helpers import SecondFactorClient

    sender = SecondFactorClient()
    sender.force_login(professional())
    with django_capture_on_commit_callbacks(execute=True):
        sender.post("/personal/samrad/ny/samtycke/", request_data("samtycke"))
    client.force_login(coordinator())
    return SamradRequest.objects.get()


def viewed(samrad_request):
    return AuditEntry.objects.filter(request=samrad_request, event=AuditEntry.Event.VIEWED).count()


@pytest.mark.parametrize(
    "section, data",
    [
        (None, {"form": "okänd"}),
        (None, {}),
        ("status", {"status": "nope"}),
        ("action", {"party": "", "description": ""}),
        ("notes", {"coordinator_notes": "x" * 5000}),
    ],
)
def test_every_response_showing_contents_is_audited(client, samrad_request, section, data):
    before = viewed(samrad_request)
    response = post_section(client, samrad_request, section, data)
    content = response.content.decode()
    if SITUATION in content or "Zebra Fink" in content:
        assert viewed(samrad_request) == before + 1
    assert response.status_code in (200, 405)
    if section is None:  # the case page itself takes no post: each change has its address
        assert response.status_code == 405


@pytest.mark.parametrize("action_id", ["abc", "", "1.5", "٣", "99999999999999999999999", "-1"])
def test_bad_action_ids_are_not_found(client, samrad_request, action_id):
    response = client.post(action_done_url(samrad_request, action_id))
    assert response.status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/hitta-hjalp/?kommun=%00",
        "/sok/?q=%00",
        "/sok/?q=a&sida=%00",
        "/?x%00=1",
        "/hitta-hjalp/%00/",
        "/personal/samrad/inkorg/?status=%00",
    ],
)
def test_nul_bytes_in_addresses_are_a_bad_request(client, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "Begäran kunde inte hanteras" in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/sok/?q=v%C3%A5ld&sida=99999999999999999999999",
        "/sok/?q=v%C3%A5ld&sida=-1",
        "/personal/samrad/inkorg/?start=0001-01-01",
        "/personal/samrad/inkorg/?end=99999-01-01",
        "/personal/samrad/statistik/?year=0001&period=m1",
        "/personal/samrad/statistik/?year=9999&period=q99999999999999999999&format=csv",
    ],
)
def test_overflowing_values_in_addresses_never_fail(client, samrad_request, url):
    assert client.get(url).status_code in (200, 400, 404)


@pytest.mark.parametrize("starts_at", ["0001-01-01T09:00", "20266-01-01T09:00", "1999-12-31T09:00"])
def test_meeting_dates_outside_a_sane_range_are_refused(client, samrad_request, starts_at):
    data = {"kind": "weekly", "starts_at": starts_at, "place": "Polishuset"}
    response = client.post("/personal/samrad/moten/", data)
    assert response.status_code == 200
    assert Meeting.objects.count() == 0
    assert "Polishuset" in response.content.decode()  # what was typed is kept
    assert client.get("/personal/samrad/moten/").status_code == 200


@pytest.mark.parametrize("due_on", ["0001-01-01", "3026-11-26"])
def test_action_dates_outside_a_sane_range_are_refused(client, samrad_request, due_on):
    response = post_section(
        client,
        samrad_request,
        "action",
        {
            "party": Party.objects.get(slug="polisen").pk,
            "description": "Kontaktförbud utreds",
            "due_on": due_on,
        },
    )
    assert response.status_code == 200
    assert samrad_request.actions.count() == 0
    assert "Kontaktförbud utreds" in response.content.decode()


def test_csv_cells_cannot_run_as_formulas(client, samrad_request):
    Party.objects.filter(slug="krokom").update(name='=HYPERLINK("http://x")', short_name="=1+1")
    cache.clear()
    response = client.get(
        "/personal/samrad/statistik/", {"year": timezone.localdate().year, "format": "csv"}
    )
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    cells = [cell for row in rows for cell in row]
    assert cells
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in cells)
    assert any(cell.startswith("'=") for cell in cells)


def routine_editor():
    from staff import roles

    from .helpers import SecondFactorClient, make_user

    editor = SecondFactorClient(raise_request_exception=False)
    editor.force_login(make_user("redaktor-400@example.org", role=roles.EDITOR))
    return editor


# Posts no browser sends: the StreamField's "-count" left out, a letter where Wagtail's
# script sends a number, text where the rich-text editor sends its JSON.
TAMPERED = [
    ("steps-count", None),
    ("body-count", None),
    ("steps-0-type", None),
    ("steps-count", "x"),
    ("steps-0-order", "1e3"),
    ("steps-0-value-text", "<p>not JSON</p>"),
    ("purpose", "not JSON"),
    ("purpose", "[]"),
]


@pytest.mark.parametrize("name,value", TAMPERED)
def test_a_tampered_page_edit_post_is_a_bad_request(name, value):
    """Wagtail read the StreamField's "-count" as data[...] and int(...): a 500."""
    from staff.models import RoutinePage

    from .test_routine_review import edit_data

    routine = RoutinePage.objects.get(slug="akut")
    data = edit_data(routine, title="Ändrad titel")
    if value is None:
        del data[name]
    else:
        data[name] = value
    editor = routine_editor()

    response = editor.post(f"/admin/pages/{routine.pk}/edit/", data)

    assert response.status_code == 400
    assert "Begäran kunde inte hanteras" in response.content.decode()
    routine.refresh_from_db()
    assert routine.title != "Ändrad titel"
    assert not routine.has_unpublished_changes
    # The post as the editor sends it is saved.
    response = editor.post(f"/admin/pages/{routine.pk}/edit/", edit_data(routine))
    assert response.status_code == 302


@pytest.mark.parametrize("name,value", TAMPERED[:2])
def test_a_tampered_page_create_post_is_a_bad_request(name, value):
    from staff.models import RoutinePage

    from .test_routine_review import edit_data

    routine = RoutinePage.objects.get(slug="akut")
    data = edit_data(routine, title="Ny rutin", slug="ny-rutin")
    del data[name]

    response = routine_editor().post(
        f"/admin/pages/add/staff/routinepage/{routine.get_parent().pk}/", data
    )

    assert response.status_code == 400
    assert not RoutinePage.objects.filter(slug="ny-rutin").exists()


@pytest.mark.parametrize("query", [{"q": "polis"}, {"q": "polis", "kind": "police"}, {"q": "x"}])
def test_the_party_list_in_the_admin_can_be_searched(query):
    """The search was sorted by a field the search index did not know: a 500 for any text."""
    response = routine_editor().get("/admin/snippets/organisations/party/", query)
    assert response.status_code == 200
    assert ("Polismyndigheten" in response.content.decode()) == (query["q"] == "polis")


HUGE_ID = str(2**70)


def test_an_id_too_large_for_the_database_matches_nothing():
    police = Party.objects.get(slug="polisen")
    assert list(Party.objects.filter(pk__in=[HUGE_ID, police.pk])) == [police]
    assert not Party.objects.filter(pk__in=[HUGE_ID, str(-(2**70))]).exists()
    assert Party.objects.exclude(pk__in=[HUGE_ID]).count() == Party.objects.count()


def test_a_party_id_too_large_for_the_database_is_a_form_error(django_capture_on_commit_callbacks):
    """A ModelMultipleChoiceField looked 2**70 up with pk__in: a database error, a 500."""
    from .helpers import SecondFactorClient

    sender = SecondFactorClient(raise_request_exception=False)
    sender.force_login(professional())
    data = request_data("samtycke", consent_parties=[HUGE_ID], parties_wanted=[HUGE_ID])

    response = sender.post("/personal/samrad/ny/samtycke/", data)

    assert response.status_code == 200
    assert "Välj ett giltigt alternativ" in response.content.decode()
    assert SITUATION in response.content.decode()  # what was typed is kept
    assert not SamradRequest.objects.exists()


def test_http_delete_does_not_go_around_wagtails_deletion(client):
    """Django's DeletionMixin deletes on DELETE at once: no audit log entry, no check that
    nothing protects the object. The admin deletes with POST, and logs it."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.contrib.redirects.models import Redirect
    from wagtail.models import ModelLogEntry

    from .helpers import make_user

    client.force_login(make_user("chef@example.org", superuser=True))
    redirect = Redirect.objects.first()
    response = client.delete(f"/admin/redirects/{redirect.pk}/delete/")
    assert response.status_code == 405
    assert Redirect.objects.filter(pk=redirect.pk).exists()
    response = client.post(f"/admin/redirects/{redirect.pk}/delete/")
    assert response.status_code == 302
    assert not Redirect.objects.filter(pk=redirect.pk).exists()
    assert ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Redirect),
        object_id=str(redirect.pk),
        action="wagtail.delete",
    ).exists()


def test_a_form_posted_without_its_fields_is_a_bad_request(client):
    """Wagtail's StreamField forms read their "-count" fields straight from the POST."""
    from staff import roles

    from .helpers import make_user

    client.force_login(make_user("red@example.org", role=roles.EDITOR))
    response = client.post("/admin/settings/home/safetysettings/1/", {})
    assert response.status_code == 400
