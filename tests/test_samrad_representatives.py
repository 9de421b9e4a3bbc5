"""The samråd representative: the role, the party's meetings and pseudonymised agendas, the
party's actions, and the coordinator's two printed agendas."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from samrad.access import is_representative
from samrad.models import Action, AuditEntry, Meeting, SamradRequest
from staff import roles

from .case_page import action_done_url
from .factories.organisations import parties, party
from .factories.pages import staff_area
from .helpers import SecondFactorClient, make_user, parse
from .samrad_helpers import CANONICAL_ID, SITUATION, coordinator, professional

pytestmark = pytest.mark.django_db

NAME = "Zebra Fink"
OTHER_NAME = "Ugglan Berg"
OTHER_ID = "198507302383"
FORBIDDEN_TAGS = ("form", "button", "nav", "input", "select", "textarea")


def representative(email="rep-polis@example.org", slug="polisen"):
    return make_user(email, role=roles.REPRESENTATIVE, party=party(slug))


def signed_in(user):
    client = SecondFactorClient()
    client.force_login(user)
    return client


def new_request(author, *, question="Hur samordnar vi skyddet?", **fields):
    samrad_request = SamradRequest(
        created_by=author,
        referring_party=author.party,
        home_municipality=party("krokom"),
        mode=fields.pop("mode", "deidentified"),
        kind=fields.pop("kind", "planning"),
        urgency=fields.pop("urgency", "weekly"),
        contact_phone="070-123 45 67",
        contact_email="yrke@example.org",
        situation=SITUATION,
        question=question,
        **fields,
    )
    samrad_request.save()
    return samrad_request


def consent_request(author, name, id_number, covers, **fields):
    samrad_request = new_request(
        author,
        mode="consent",
        person_name=name,
        consent_signed_on=(timezone.localdate() - timedelta(days=10)).isoformat(),
        **fields,
    )
    samrad_request.set_identity_number(id_number)
    samrad_request.save()
    samrad_request.consent_parties.set([party(slug) for slug in covers])
    return samrad_request


@pytest.fixture
def setting():
    """A meeting tomorrow with the police and Krokom invited, and four cases on it:
    de-identified; consent covering the police only; a case Krokom must not be told of;
    a consent covering Krokom that was withdrawn."""
    staff_area()  # the pages' navigation leads to /personal/
    author = professional()
    coord = coordinator()
    meeting = Meeting.objects.create(
        kind="weekly",
        starts_at=timezone.now() + timedelta(days=1),
        place="Polishuset, Östersund",
        created_by=coord,
    )
    meeting.invited_parties.set([party("polisen"), party("krokom")])
    deidentified = new_request(author, question="Vem ansvarar\nför skyddet på sikt?")
    covered = consent_request(author, NAME, CANONICAL_ID, ["polisen"], urgency="acute")
    secret = new_request(author, question="Hemlig fråga om arbetsplatsen")
    secret.do_not_tell.set([party("krokom")])
    withdrawn = consent_request(
        author, OTHER_NAME, OTHER_ID, ["krokom"], consent_withdrawn_on=timezone.localdate()
    )
    SamradRequest.objects.update(meeting=meeting)
    return {
        "author": author,
        "coordinator": coord,
        "meeting": meeting,
        "deidentified": deidentified,
        "covered": covered,
        "secret": secret,
        "withdrawn": withdrawn,
    }


def rep_meeting_url(meeting):
    return f"/personal/samrad/representant/moten/{meeting.pk}/"


# The role ------------------------------------------------------------------------------


def test_the_role_is_a_group_granted_its_permission_by_migration():
    group = Group.objects.get(name=roles.REPRESENTATIVE)
    assert set(group.permissions.values_list("content_type__app_label", "codename")) == {
        ("samrad", "represent_party")
    }
    rep = representative()
    assert rep.has_perm(roles.REPRESENT_PARTY) and is_representative(rep)
    # Renaming the group changes no one's access.
    group.name = "Representant i samråd"
    group.save()
    rep = type(rep).objects.get(pk=rep.pk)
    assert is_representative(rep)


def test_superusers_and_accounts_without_a_party_are_not_representatives(client):
    admin = make_user("adm@example.org", superuser=True, party=party("polisen"))
    assert admin.has_perm(roles.REPRESENT_PARTY) and not is_representative(admin)
    client.force_login(admin)
    assert client.get("/personal/samrad/representant/").status_code == 403
    partyless = make_user("ingen-part@example.org", role=roles.REPRESENTATIVE, party=None)
    assert not is_representative(partyless)
    client.force_login(partyless)
    # An account outside every county is signed out (staff.middleware.PartyRequiredMiddleware).
    response = client.get("/personal/samrad/representant/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert "_auth_user_id" not in client.session


# Who may reach the representative's pages ------------------------------------------------

REP_URLS = [
    "/personal/samrad/representant/",
    "/personal/samrad/representant/atgarder/",
    "{meeting}",
]


@pytest.mark.parametrize(
    "who", ["anonymous", "professional", "coordinator", "editor", "administrator", "no role"]
)
def test_only_representatives_reach_the_representative_pages(setting, who):
    users = {
        "professional": lambda: professional("annan-yrke@example.org", party="polisen"),
        "coordinator": lambda: coordinator("annan-samordnare@example.org"),
        "editor": lambda: make_user("red@example.org", role=roles.EDITOR),
        "administrator": lambda: make_user("adm@example.org", superuser=True),
        "no role": lambda: make_user("ingen@example.org", party=party("polisen")),
    }
    client = SecondFactorClient()
    if who != "anonymous":
        client.force_login(users[who]())
    for url in REP_URLS:
        url = url.format(meeting=rep_meeting_url(setting["meeting"]))
        response = client.get(url)
        if who == "anonymous":
            assert response.status_code == 302, url
            assert response["Location"].startswith("/accounts/login/"), url
        else:
            assert response.status_code == 403, (who, url)
        assert setting["covered"].reference not in response.content.decode()
    assert not AuditEntry.objects.filter(event="viewed").exists()


def test_a_party_not_invited_finds_no_meeting(setting):
    client = signed_in(representative("rep-are@example.org", slug="are"))
    response = client.get(rep_meeting_url(setting["meeting"]))
    assert response.status_code == 404
    content = response.content.decode()
    assert setting["deidentified"].reference not in content and "Polishuset" not in content
    overview = client.get("/personal/samrad/representant/").content.decode()
    assert "Polishuset" not in overview
    assert not AuditEntry.objects.filter(event="viewed").exists()


def test_a_representative_reaches_nothing_else_of_samrad(setting):
    client = signed_in(representative())
    samrad_request = setting["covered"]
    for url in [
        "/personal/samrad/inkorg/",
        f"/personal/samrad/inkorg/{samrad_request.pk}/",
        f"/personal/samrad/inkorg/{samrad_request.pk}/utskrift/",
        "/personal/samrad/moten/",
        f"/personal/samrad/moten/{setting['meeting'].pk}/",
        f"/personal/samrad/moten/{setting['meeting'].pk}/dagordning/",
        f"/personal/samrad/moten/{setting['meeting'].pk}/dagordning/allman/",
        f"/personal/samrad/mina/{samrad_request.pk}/",
        "/personal/samrad/statistik/",
        "/personal/samrad/logg/",
    ]:
        response = client.get(url)
        assert response.status_code == 403, url
        assert NAME not in response.content.decode()


# The party's meetings and agendas ----------------------------------------------------------


def test_the_overview_lists_the_invited_meetings_upcoming_first(setting):
    coord = setting["coordinator"]
    earlier = Meeting.objects.create(
        kind="acute",
        starts_at=timezone.now() - timedelta(days=7),
        place="Rum Tidigare",
        created_by=coord,
    )
    later = Meeting.objects.create(
        kind="weekly",
        starts_at=timezone.now() + timedelta(days=8),
        place="Rum Senare",
        created_by=coord,
    )
    not_invited = Meeting.objects.create(
        kind="weekly",
        starts_at=timezone.now() + timedelta(days=2),
        place="Rum Annan",
        created_by=coord,
    )
    for meeting in (earlier, later):
        meeting.invited_parties.add(party("krokom"))
    not_invited.invited_parties.add(party("polisen"))
    client = signed_in(representative("rep-krokom@example.org", slug="krokom"))
    response = client.get("/personal/samrad/representant/")
    content = response.content.decode()
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store, private"
    assert content.index("Polishuset") < content.index("Rum Senare") < content.index("Rum Tidigare")
    assert "Rum Annan" not in content
    # Krokom may see three of the four cases on the first meeting.
    assert "(3 ärenden)" in content
    # The menu leads here, and to the party's actions.
    assert 'href="/personal/samrad/representant/" aria-current="page"' in content
    assert 'href="/personal/samrad/representant/atgarder/"' in content
    assert 'href="/personal/samrad/inkorg/"' not in content


def test_the_agenda_is_pseudonymised_for_the_party(setting):
    police = signed_in(representative())
    response = police.get(rep_meeting_url(setting["meeting"]))
    assert response.status_code == 200
    content = response.content.decode()
    for key in ("deidentified", "covered", "secret", "withdrawn"):
        assert setting[key].reference in content, key
    # The consent covers the police: name and identity number shown.
    assert NAME in content and CANONICAL_ID in content
    # A withdrawn consent covers no one any more.
    assert OTHER_NAME not in content and OTHER_ID not in content
    # Kind, urgency, home municipality and the question on one line; never the situation.
    assert "Vem ansvarar för skyddet på sikt?" in content
    assert "Krokoms kommun" in content and "Planering" in content and "Akut" in content
    assert SITUATION not in content and "Polisen" not in content.split("<main")[1].split("<h2")[0]


def test_the_agenda_leaves_out_what_the_party_must_not_be_told(setting):
    krokom = signed_in(representative("rep-krokom@example.org", slug="krokom"))
    content = krokom.get(rep_meeting_url(setting["meeting"])).content.decode()
    assert setting["secret"].reference not in content
    assert "Hemlig fråga" not in content
    # The consent does not cover Krokom: the case is there, by its reference only.
    assert setting["covered"].reference in content
    assert NAME not in content and CANONICAL_ID not in content
    # The withdrawn consent once covered Krokom; it shares nothing now.
    assert setting["withdrawn"].reference in content
    assert OTHER_NAME not in content and OTHER_ID not in content


def test_every_case_read_is_audited_and_nothing_else(setting):
    rep = representative("rep-krokom@example.org", slug="krokom")
    signed_in(rep).get(rep_meeting_url(setting["meeting"]))
    entries = AuditEntry.objects.filter(user=rep, event="viewed")
    assert {entry.request_id for entry in entries} == {
        setting[key].pk for key in ("deidentified", "covered", "withdrawn")
    }
    assert {entry.detail for entry in entries} == {f"agenda for {party('krokom').short_name}"}
    assert not AuditEntry.objects.filter(request=setting["secret"]).exists()


def test_withdrawn_and_declined_cases_are_not_shown_to_the_parties(setting):
    author = setting["author"]
    withdrawn = new_request(author, question="Återtagen fråga", status="withdrawn")
    declined = new_request(author, question="Avböjd fråga", status="declined")
    SamradRequest.objects.update(meeting=setting["meeting"])
    rep = signed_in(representative())
    content = rep.get(rep_meeting_url(setting["meeting"])).content.decode()
    overview = rep.get("/personal/samrad/representant/").content.decode()
    room = signed_in(setting["coordinator"]).get(
        f"/personal/samrad/moten/{setting['meeting'].pk}/dagordning/allman/"
    )
    for samrad_request in (withdrawn, declined):
        assert samrad_request.reference not in content
        assert samrad_request.reference not in room.content.decode()
    assert setting["covered"].reference in content
    assert "(4 ärenden)" in overview
    assert not AuditEntry.objects.filter(request__in=[withdrawn, declined]).exists()


def test_the_agenda_is_ordered_acute_high_risk_children_then_oldest(setting):
    author, meeting = setting["author"], setting["meeting"]
    SamradRequest.objects.all().delete()
    now = timezone.now()
    plain_old = new_request(author, created_at=now - timedelta(days=3))
    plain_new = new_request(author, created_at=now - timedelta(days=1))
    children = new_request(author, children_count=2)
    high = new_request(author, risk_level="high")
    acute_kind = new_request(author, kind="acute", created_at=now - timedelta(days=2))
    acute_risk = new_request(author, risk_level="acute")
    SamradRequest.objects.update(meeting=meeting)
    expected = [acute_kind, acute_risk, high, children, plain_old, plain_new]
    assert [samrad_request.pk for samrad_request in meeting.agenda()] == [
        samrad_request.pk for samrad_request in expected
    ]
    content = signed_in(representative()).get(rep_meeting_url(meeting)).content.decode()
    positions = [content.index(samrad_request.reference) for samrad_request in expected]
    assert positions == sorted(positions)


# The party's actions --------------------------------------------------------------------


@pytest.fixture
def actions(setting):
    samrad_request, secret = setting["covered"], setting["secret"]
    own = Action.objects.create(
        request=samrad_request, party=party("polisen"), description="Polisen gör en hotbedömning."
    )
    other = Action.objects.create(
        request=samrad_request, party=party("krokom"), description="Krokom erbjuder skyddat boende."
    )
    hidden = Action.objects.create(
        request=secret, party=party("krokom"), description="Krokom kontaktar arbetsgivaren."
    )
    return {"own": own, "other": other, "hidden": hidden}


def test_a_representative_sees_only_the_actions_of_their_party(setting, actions):
    police = signed_in(representative())
    content = police.get("/personal/samrad/representant/atgarder/").content.decode()
    assert "Polisen gör en hotbedömning." in content
    assert setting["covered"].reference in content
    assert "Krokom erbjuder" not in content and "arbetsgivaren" not in content
    assert NAME not in content and SITUATION not in content
    krokom = signed_in(representative("rep-krokom@example.org", slug="krokom"))
    content = krokom.get("/personal/samrad/representant/atgarder/").content.decode()
    # The consent covers the police only: Krokom sees its action by the reference and
    # the date, never the text (test_samrad_disclosure crosses every free-text field).
    assert setting["covered"].reference in content
    assert "Krokom erbjuder" not in content
    assert "Visas inte: parten omfattas inte av samtycket" in content
    # An action of a case Krokom must not be told of is hidden, even one given to Krokom.
    assert "arbetsgivaren" not in content and setting["secret"].reference not in content
    assert "hotbedömning" not in content
    viewed = AuditEntry.objects.filter(
        event="viewed", detail=f"actions for {party('krokom').short_name}"
    )
    assert [entry.request_id for entry in viewed] == [setting["covered"].pk]


def test_marking_an_action_done_records_who_when_and_the_note(setting, actions):
    rep = representative()
    client = signed_in(rep)
    own = actions["own"]
    response = client.post(
        "/personal/samrad/representant/atgarder/",
        {"action_id": own.pk, "note": "Bedömningen klar, delgiven samordnaren."},
    )
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.done_at is not None and own.done_by == rep
    assert own.note == "Bedömningen klar, delgiven samordnaren."
    entry = AuditEntry.objects.get(event="action", user=rep)
    assert entry.request == setting["covered"]
    assert entry.detail == f"action done by {party('polisen').short_name}"
    page = client.get(response["Location"]).content.decode()
    assert "Bedömningen klar" in page and "Markera som klar" not in page
    # Done once is done: a second post changes nothing.
    done_at = own.done_at
    response = client.post(
        "/personal/samrad/representant/atgarder/", {"action_id": own.pk, "note": "Igen"}
    )
    assert response.status_code == 200 and "redan markerad som klar" in response.content.decode()
    own.refresh_from_db()
    assert own.done_at == done_at and own.note.startswith("Bedömningen")


def test_an_action_of_another_party_cannot_be_ticked(setting, actions):
    client = signed_in(representative())
    for action in (actions["other"], actions["hidden"]):
        response = client.post(
            "/personal/samrad/representant/atgarder/", {"action_id": action.pk, "note": "x"}
        )
        assert response.status_code == 404
        action.refresh_from_db()
        assert action.done_at is None and action.note == ""
    for bad in ("", "abc", "1e3", "9" * 40, "١٢"):
        response = client.post("/personal/samrad/representant/atgarder/", {"action_id": bad})
        assert response.status_code == 404, bad
    # Even the other party's own representative cannot once the case is hidden from it.
    krokom = signed_in(representative("rep-krokom@example.org", slug="krokom"))
    response = krokom.post(
        "/personal/samrad/representant/atgarder/", {"action_id": actions["hidden"].pk}
    )
    assert response.status_code == 404
    assert not AuditEntry.objects.filter(event="action").exists()


def test_a_note_too_long_is_shown_again_not_lost(setting, actions):
    client = signed_in(representative())
    typed = "Lång anteckning " * 200
    response = client.post(
        "/personal/samrad/representant/atgarder/",
        {"action_id": actions["own"].pk, "note": typed},
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert typed.strip() in content and 'class="field field--error"' in content
    actions["own"].refresh_from_db()
    assert actions["own"].done_at is None


def test_the_coordinator_toggle_records_who_too(setting, actions):
    coord = setting["coordinator"]
    client = signed_in(coord)
    response = client.post(action_done_url(setting["covered"], actions["own"].pk))
    assert response.status_code == 302
    actions["own"].refresh_from_db()
    assert actions["own"].done_by == coord


def test_the_purge_removes_the_note(setting, actions):
    own = actions["own"]
    own.note = "Anteckning"
    own.save()
    setting["covered"].purge()
    own.refresh_from_db()
    assert own.note == "" and own.description == ""


# The printed agendas --------------------------------------------------------------------


def tags(response):
    return {tag for tag, _attrs in parse(response).tags}


def test_the_coordinators_printed_agenda_names_where_consent_allows(setting):
    client = signed_in(setting["coordinator"])
    response = client.get(f"/personal/samrad/moten/{setting['meeting'].pk}/dagordning/")
    assert response.status_code == 200
    content = response.content.decode()
    for key in ("deidentified", "covered", "secret", "withdrawn"):
        assert setting[key].reference in content, key
    assert NAME in content and CANONICAL_ID in content
    assert OTHER_NAME not in content and OTHER_ID not in content
    assert SITUATION not in content
    assert not tags(response) & set(FORBIDDEN_TAGS), tags(response) & set(FORBIDDEN_TAGS)
    printed = AuditEntry.objects.filter(event="printed", detail="coordinator's agenda")
    assert printed.count() == 4


def test_the_general_agenda_for_the_room_holds_no_personal_data(setting):
    # Consent in force covering every invited party: still no name on the room's paper.
    setting["covered"].consent_parties.add(party("krokom"))
    client = signed_in(setting["coordinator"])
    response = client.get(f"/personal/samrad/moten/{setting['meeting'].pk}/dagordning/allman/")
    assert response.status_code == 200
    content = response.content.decode()
    assert NAME not in content and "Zebra" not in content
    assert CANONICAL_ID not in content and "19811218" not in content
    assert OTHER_NAME not in content and OTHER_ID not in content
    assert "Personnummer" not in content
    assert setting["covered"].reference in content
    # Krokom is in the room and must not be told of this case.
    assert setting["secret"].reference not in content and "Hemlig fråga" not in content
    assert not tags(response) & set(FORBIDDEN_TAGS)
    assert {e.request_id for e in AuditEntry.objects.filter(event="printed")} == {
        setting[key].pk for key in ("deidentified", "covered", "withdrawn")
    }


def test_the_meeting_page_links_to_both_printed_versions(setting):
    client = signed_in(setting["coordinator"])
    content = client.get(f"/personal/samrad/moten/{setting['meeting'].pk}/").content.decode()
    assert f"/personal/samrad/moten/{setting['meeting'].pk}/dagordning/?page=1" in content
    assert f"/personal/samrad/moten/{setting['meeting'].pk}/dagordning/allman/?page=1" in content


# Pages of fifty, and queries that do not grow -----------------------------------------------


def fill(meeting, author, count):
    SamradRequest.objects.bulk_create(
        [
            SamradRequest(
                created_by=author,
                referring_party=author.party,
                home_municipality=author.party,
                mode="deidentified",
                kind="planning",
                urgency="weekly",
                contact_phone="070-123 45 67",
                contact_email="yrke@example.org",
                meeting=meeting,
            )
            for _ in range(count)
        ],
        batch_size=1000,
    )


def agenda_urls(meeting):
    return {
        "representative": rep_meeting_url(meeting),
        "coordinator": f"/personal/samrad/moten/{meeting.pk}/",
        "print": f"/personal/samrad/moten/{meeting.pk}/dagordning/",
        "room": f"/personal/samrad/moten/{meeting.pk}/dagordning/allman/",
    }


# The session's own bookkeeping (allauth's record of the session, the session's expiry)
# is written now and then, whatever the page: not counted.
BOOKKEEPING = ("django_session", "usersessions_usersession", "SAVEPOINT", "RELEASE SAVEPOINT")


def counted(queries):
    return len(
        [q for q in queries.captured_queries if not any(word in q["sql"] for word in BOOKKEEPING)]
    )


def count_queries(clients, meeting, page=""):
    counts = {}
    for name, url in agenda_urls(meeting).items():
        client = clients["representative" if name == "representative" else "coordinator"]
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url + page)
        assert response.status_code == 200, name
        counts[name] = counted(queries)
    return counts


def test_agenda_queries_do_not_grow_with_the_cases(setting):
    meeting, author = setting["meeting"], setting["author"]
    clients = {
        "representative": signed_in(representative()),
        "coordinator": signed_in(setting["coordinator"]),
    }
    count_queries(clients, meeting)  # warm the per-process caches
    small = count_queries(clients, meeting)
    fill(meeting, author, 120)
    large = count_queries(clients, meeting)
    assert large == small
    assert count_queries(clients, meeting, "?page=3") == small
    # The actions page too.
    actions_url = "/personal/samrad/representant/atgarder/"
    Action.objects.create(request=setting["covered"], party=party("polisen"), description="A")
    clients["representative"].get(actions_url)  # warm the cached fragments
    with CaptureQueriesContext(connection) as few:
        clients["representative"].get(actions_url)
    Action.objects.bulk_create(
        Action(request=samrad_request, party=party("polisen"), description="B")
        for samrad_request in SamradRequest.objects.all()[:80]
    )
    with CaptureQueriesContext(connection) as many:
        clients["representative"].get(actions_url)
    assert counted(many) == counted(few)


def rows(content):
    return len(re.findall(r"<tr[ >]", content)) - 1  # less the header row


@pytest.mark.slow
def test_ten_thousand_cases_in_pages_of_fifty(setting):
    meeting, author = setting["meeting"], setting["author"]
    clients = {
        "representative": signed_in(representative()),
        "coordinator": signed_in(setting["coordinator"]),
    }
    count_queries(clients, meeting)
    small = count_queries(clients, meeting)
    fill(meeting, author, 10_000)
    assert count_queries(clients, meeting, "?page=2") == small
    response = clients["representative"].get(rep_meeting_url(meeting) + "?page=201")
    content = response.content.decode()
    assert rows(content) == 4  # 10,004 cases: the last page holds four
    assert "Sida 201 av 201" in content
    content = clients["representative"].get(rep_meeting_url(meeting)).content.decode()
    assert rows(content) == 50 and 'rel="next"' in content
    # The acute case heads the first page; a page that is no number is the first page.
    assert content.index(setting["covered"].reference) < content.index("<tbody>") + 400
    content = clients["coordinator"].get(agenda_urls(meeting)["room"] + "?page=x").content
    assert rows(content.decode()) == 50


# The demo ------------------------------------------------------------------------------


def test_the_demo_has_a_representative_for_the_police_and_for_krokom(settings, staff_area):
    from django.contrib.auth import get_user_model

    from demo.staff import create_demo_accounts

    parties()  # the demo's parties, which its accounts belong to
    settings.DEBUG = True
    settings.MFA_REQUIRED = False  # as in the local demo (portal/settings/dev.py)
    create_demo_accounts()
    for email, slug in [
        ("polis-samrad@example.org", "polisen"),
        ("krokom-samrad@example.org", "krokom"),
    ]:
        user = get_user_model().objects.get(email=email)
        assert user.party.slug == slug and is_representative(user)
        client = signed_in(user)
        assert client.get("/personal/samrad/representant/").status_code == 200
        # Beside the professional role, which opens the rest of the staff area.
        assert client.get("/personal/").status_code == 200
    assert not is_representative(get_user_model().objects.get(email="polis@example.org"))


def test_the_demo_week_gives_the_representatives_and_the_coordinator_something_to_do(settings):
    """`make run` loads a week to try: next weekly samråd with three de-identified cases,
    an overdue action for Krokom, and last year's figures for the yearly report."""
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    settings.DEBUG = True
    settings.MFA_REQUIRED = False
    call_command("load_demo_content", verbosity=0)
    meeting = Meeting.objects.filter(invited_parties__slug="krokom").get()
    assert meeting.requests.count() == 3
    assert not meeting.requests.exclude(mode="deidentified").exists()

    users = get_user_model().objects
    krokom = signed_in(users.get(email="krokom-samrad@example.org"))
    agenda = krokom.get(f"/personal/samrad/representant/moten/{meeting.pk}/")
    assert agenda.status_code == 200
    assert "Hur samordnar vi skydd och boende" in agenda.content.decode()
    actions = krokom.get("/personal/samrad/representant/atgarder/").content.decode()
    assert "Boka ett möte om fortsatt stöd." in actions

    coordinator = signed_in(users.get(email="samordnare@example.org"))
    assert "is-overdue" in coordinator.get("/personal/samrad/min-vecka/").content.decode()
    last_year = timezone.localdate().year - 1
    report = coordinator.get(f"/personal/samrad/statistik/arsrapport/?year={last_year}")
    assert report.status_code == 200
    assert SamradRequest.objects.filter(created_at__year=last_year).count() == 400

    # Loading again adds nothing.
    call_command("load_demo_content", verbosity=0)
    assert Meeting.objects.filter(invited_parties__slug="krokom").count() == 1
    # Jämtland's year and week, and Norrbotten's week (demo/samrad_week.py).
    assert SamradRequest.objects.filter(county__slug="jamtland").count() == 403
    assert SamradRequest.objects.filter(county__slug="norrbotten").count() == 3
