"""Asking for more information (komplettering): the coordinator asks the referring
professional a question from the case page, the case waits, the professional answers on
their own request's page; every step audited, no personal data and no question in mail,
nobody else reads or answers the question."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from samrad import flows
from samrad.models import AuditEntry, InformationRequest, Meeting, SamradRequest, Status
from staff import roles

from .case_page import case_url, post_section
from .factories.organisations import party
from .helpers import SecondFactorClient, make_user
from .samrad_helpers import (
    PERSON,
    SITUATION,
    coordinator,
    make_request,
    professional,
    request_data,
)

pytestmark = pytest.mark.django_db

QUESTION = "Hur gamla är barnen, och bor de kvar hos Zebrafinken just nu?"
ANSWER = "Barnen är fyra och nio år; de bor hos mormor sedan i måndags."
STATUS_LABEL = "Väntar på komplettering"


def signed_in(user):
    client = SecondFactorClient()
    client.force_login(user)
    return client


def own_url(samrad_request):
    return f"/personal/samrad/mina/{samrad_request.pk}/"


def texts(messages):
    return " ".join(message.subject + " " + message.body for message in messages)


@pytest.fixture
def sent(django_capture_on_commit_callbacks):
    """A consent request sent by HTTP: a named person, as personal as a request gets."""
    sender = signed_in(professional())
    with django_capture_on_commit_callbacks(execute=True):
        response = sender.post("/personal/samrad/ny/samtycke/", request_data("samtycke"))
    assert response.status_code == 302
    samrad_request = SamradRequest.objects.get()
    samrad_request.sender = sender
    mail.outbox.clear()
    return samrad_request


def ask(client, samrad_request, question=QUESTION):
    return post_section(client, samrad_request, "ask", {"information_question": question})


def answer(client, samrad_request, question_id, text=ANSWER):
    return client.post(
        own_url(samrad_request), {"form": "answer", "question": question_id, "answer": text}
    )


def test_the_whole_round_ask_wait_answer_by_http(sent, django_capture_on_commit_callbacks):
    staff = signed_in(coordinator())
    with django_capture_on_commit_callbacks(execute=True):
        response = ask(staff, sent)
    assert response.status_code == 302
    assert response["Location"].endswith(f"{case_url(sent)}#ask")

    # The case waits, and remembers where it came from.
    sent.refresh_from_db()
    assert (sent.status, sent.waiting_from) == (Status.AWAITING, Status.RECEIVED)
    question = InformationRequest.objects.get()
    assert question.question == QUESTION and question.asked_by.email == "samordnare@example.org"
    with connection.cursor() as cursor:
        cursor.execute("SELECT question FROM samrad_informationrequest")
        assert "barnen" not in cursor.fetchone()[0]  # encrypted at rest

    # One mail, to the professional: a question waits, and where; nothing about the person.
    assert [message.to for message in mail.outbox] == [["yrke@example.org"]]
    sent_mail = texts(mail.outbox)
    assert f"/personal/samrad/mina/{sent.pk}/" in sent_mail
    assert sent.reference in sent_mail and "fråga" in sent_mail
    for secret in (QUESTION, "barnen", PERSON, "Zebra", SITUATION, "19811218", "070-123"):
        assert secret not in sent_mail
    mail.outbox.clear()

    # The inbox shows the waiting state, and counts it.
    inbox = staff.get("/personal/samrad/inkorg/").content.decode()
    assert f"{STATUS_LABEL}: <strong>1</strong>" in inbox
    assert inbox.count(STATUS_LABEL) >= 2  # the count and the case's row

    # The professional reads the question on their own page (never cached) and answers it.
    page = sent.sender.get(own_url(sent))
    assert page.status_code == 200 and page["Cache-Control"] == "no-store, private"
    content = page.content.decode()
    assert QUESTION in content and STATUS_LABEL in content
    with django_capture_on_commit_callbacks(execute=True):
        response = answer(sent.sender, sent, question.pk)
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.answer == ANSWER and question.answered_by == sent.created_by
    assert question.answered_at is not None
    sent.refresh_from_db()
    assert (sent.status, sent.waiting_from) == (Status.RECEIVED, "")
    # The coordinators are told an answer came, not what it says.
    assert [message.to for message in mail.outbox] == [["samordnare@example.org"]]
    assert "besvarat en fråga" in texts(mail.outbox)
    for secret in (ANSWER, "mormor", PERSON, QUESTION):
        assert secret not in texts(mail.outbox)
    answered_page = sent.sender.get(own_url(sent)).content.decode()
    assert ANSWER in answered_page and 'name="answer"' not in answered_page

    # The coordinator reads the answer on the case page.
    case_page = staff.get(case_url(sent))
    assert case_page["Cache-Control"] == "no-store, private"
    assert QUESTION in case_page.content.decode() and ANSWER in case_page.content.decode()

    # Audited: who asked, who answered, the moves, the reads; never the texts.
    entries = list(AuditEntry.objects.filter(request=sent).order_by("at", "pk"))
    events = [(entry.event, entry.detail, entry.user.email) for entry in entries]
    assert ("asked", f"question {question.pk} asked", "samordnare@example.org") in events
    assert ("changed", "status: received → awaiting", "samordnare@example.org") in events
    assert ("answered", f"question {question.pk} answered", "yrke@example.org") in events
    assert ("changed", "status: awaiting → received", "yrke@example.org") in events
    assert ("viewed", "own request", "yrke@example.org") in events
    assert [e for e in events if e[0] == "viewed" and e[2] == "samordnare@example.org"]
    for entry in entries:
        assert "barn" not in entry.detail.lower() and "mormor" not in entry.detail


def test_several_questions_the_case_waits_until_the_last_is_answered(sent):
    user = coordinator()
    first = flows.ask_for_information(user, sent, "Första frågan?")
    second = flows.ask_for_information(user, sent, "Andra frågan?")
    assert AuditEntry.objects.filter(request=sent, event="asked").count() == 2
    content = sent.sender.get(own_url(sent)).content.decode()
    assert "Första frågan?" in content and "Andra frågan?" in content
    # Each open question has its own form, with ids of its own.
    assert content.count('name="answer"') == 2
    assert f'id="id_q{first.pk}_answer"' in content and f'id="id_q{second.pk}_answer"' in content
    assert answer(sent.sender, sent, second.pk, "Svar två.").status_code == 302
    sent.refresh_from_db()
    assert sent.status == Status.AWAITING
    assert answer(sent.sender, sent, first.pk, "Svar ett.").status_code == 302
    sent.refresh_from_db()
    assert sent.status == Status.RECEIVED


def test_a_follow_up_case_goes_back_to_follow_up_and_a_planned_one_stays_planned():
    author, user = professional(), coordinator()
    follow_up = make_request(author, status=Status.FOLLOW_UP)
    question = flows.ask_for_information(user, follow_up, "Hur gick det?")
    assert follow_up.status == Status.AWAITING
    flows.answer_question(author, follow_up, question.pk, "Bra.")
    assert follow_up.status == Status.FOLLOW_UP

    meeting = Meeting.objects.create(
        kind="weekly", starts_at=timezone.now() + timedelta(days=2), place="Rum", created_by=user
    )
    planned = make_request(author, status=Status.RECEIVED)
    flows.plan(user, planned, meeting)
    flows.ask_for_information(user, planned, "Finns tolk bokad?")
    planned.refresh_from_db()
    assert planned.status == Status.PLANNED and planned.meeting == meeting

    # A waiting case may be planned; taken off again it goes back to where it waited from.
    waiting = make_request(author, status=Status.DISCUSSED)
    flows.ask_for_information(user, waiting, "Något nytt?")
    flows.plan(user, waiting, meeting)
    assert waiting.status == Status.PLANNED
    flows.take_off_meeting(user, waiting)
    assert waiting.status == Status.DISCUSSED


def test_the_status_form_neither_offers_nor_takes_the_waiting_state(sent):
    staff = signed_in(coordinator())
    assert 'value="awaiting"' not in staff.get(case_url(sent)).content.decode()
    response = post_section(staff, sent, "status", {"status": "awaiting"})
    assert response.status_code == 200
    sent.refresh_from_db()
    assert sent.status == Status.RECEIVED
    # Waiting, it goes back by hand only to where it came from (answered by phone).
    ask(staff, sent)
    response = post_section(staff, sent, "status", {"status": "closed"})
    sent.refresh_from_db()
    assert response.status_code == 200 and sent.status == Status.AWAITING
    assert post_section(staff, sent, "status", {"status": "received"}).status_code == 302
    sent.refresh_from_db()
    assert sent.status == Status.RECEIVED


@pytest.mark.parametrize(
    "question",
    ["", "   \n  ", "Fråga med NUL\x00-tecken", "x" * 10_000, "Hennes nummer 19811218-9876"],
    ids=["empty", "blank", "nul", "10000", "personnummer"],
)
def test_a_bad_question_is_refused_without_a_500(sent, question):
    staff = signed_in(coordinator())
    response = ask(staff, sent, question)
    assert response.status_code == 200
    assert "Inget sparades" in response.content.decode()
    assert not InformationRequest.objects.exists()
    sent.refresh_from_db()
    assert sent.status == Status.RECEIVED
    assert not mail.outbox


@pytest.mark.parametrize(
    "text", ["", "Svar med NUL\x00", "y" * 10_000], ids=["empty", "nul", "10000"]
)
def test_a_bad_answer_is_refused_without_a_500(sent, text):
    question = flows.ask_for_information(coordinator(), sent, QUESTION)
    response = answer(sent.sender, sent, question.pk, text)
    assert response.status_code == 200
    question.refresh_from_db()
    assert not question.is_answered and question.answer == ""


def test_an_answered_question_cannot_be_answered_again(sent):
    question = flows.ask_for_information(coordinator(), sent, QUESTION)
    assert answer(sent.sender, sent, question.pk).status_code == 302
    response = answer(sent.sender, sent, question.pk, "Ett annat svar.")
    assert response.status_code == 200
    assert "redan besvarats" in response.content.decode()
    question.refresh_from_db()
    assert question.answer == ANSWER
    assert AuditEntry.objects.filter(request=sent, event="answered").count() == 1


def test_another_professional_neither_reads_nor_answers_the_question(sent):
    question = flows.ask_for_information(coordinator(), sent, QUESTION)
    other = professional("annan@example.org", party="polisen")
    other_client = signed_in(other)
    assert other_client.get(own_url(sent)).status_code == 404
    assert answer(other_client, sent, question.pk, "Kapat svar.").status_code == 404
    # Naming the question from a request of their own finds nothing either.
    own = make_request(other, status=Status.RECEIVED)
    assert answer(other_client, own, question.pk, "Kapat svar.").status_code == 404
    # Nor through the flow.
    with pytest.raises(InformationRequest.DoesNotExist):
        flows.answer_question(other, sent, question.pk, "Kapat svar.")
    question.refresh_from_db()
    assert not question.is_answered
    assert not AuditEntry.objects.filter(event="answered").exists()


@pytest.mark.parametrize("question_id", ["abc", "", "9" * 30, "1e3", "-1", "\x00"])
def test_a_made_up_question_is_not_found(sent, question_id):
    flows.ask_for_information(coordinator(), sent, QUESTION)
    assert answer(sent.sender, sent, question_id).status_code == 404


def test_only_coordinators_ask(sent, client):
    url = case_url(sent, "ask")
    data = {"ask-information_question": QUESTION}
    assert client.post(url, data).status_code == 302  # anonymous: to the login page
    assert "/login/" in client.post(url, data)["Location"]
    representative = make_user("rep@example.org", role=roles.REPRESENTATIVE, party=party("polisen"))
    for user in (sent.created_by, representative, make_user("red@example.org", role=roles.EDITOR)):
        assert signed_in(user).post(url, data).status_code == 403
    assert signed_in(coordinator()).get(url).status_code == 405
    assert not InformationRequest.objects.exists()


def test_a_representative_never_reads_the_question(sent):
    user = coordinator()
    police = party("polisen")
    meeting = Meeting.objects.create(
        kind="weekly", starts_at=timezone.now() + timedelta(days=2), place="Rum", created_by=user
    )
    meeting.invited_parties.add(police)
    flows.invite(user, sent, police)
    flows.plan(user, sent, meeting)
    question = flows.ask_for_information(user, sent, QUESTION)
    flows.answer_question(sent.created_by, sent, question.pk, ANSWER)
    representative = signed_in(
        make_user("rep@example.org", role=roles.REPRESENTATIVE, party=police)
    )
    for url in (
        "/personal/samrad/representant/",
        f"/personal/samrad/representant/moten/{meeting.pk}/",
        "/personal/samrad/representant/atgarder/",
    ):
        response = representative.get(url)
        assert response.status_code == 200
        assert QUESTION not in response.content.decode()
        assert ANSWER not in response.content.decode()


def test_no_question_on_a_finished_request(sent):
    user = coordinator()
    flows.withdraw(sent.created_by, sent, "Personen har flyttat.")
    staff = signed_in(user)
    response = ask(staff, sent)
    assert response.status_code == 200
    assert not InformationRequest.objects.exists()


def test_an_open_question_on_a_withdrawn_request_cannot_be_answered(sent):
    question = flows.ask_for_information(coordinator(), sent, QUESTION)
    flows.withdraw(sent.created_by, sent, "Personen har flyttat.")
    response = answer(sent.sender, sent, question.pk)
    assert response.status_code == 200
    question.refresh_from_db()
    assert not question.is_answered


def test_the_purge_removes_questions_and_answers(sent):
    question = flows.ask_for_information(coordinator(), sent, QUESTION)
    flows.answer_question(sent.created_by, sent, question.pk, ANSWER)
    sent.purge()
    question.refresh_from_db()
    assert (question.question, question.answer) == ("", "")
    assert QUESTION not in sent.sender.get(own_url(sent)).content.decode()


def test_an_unanswered_question_is_reminded_of_without_its_text(
    sent, django_capture_on_commit_callbacks
):
    from samrad.reminders import send_question_reminders

    with django_capture_on_commit_callbacks(execute=True):
        question = flows.ask_for_information(coordinator(), sent, QUESTION)
    asked_on = timezone.localdate()
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        assert send_question_reminders(asked_on + timedelta(days=2)) == 0  # too early
        assert send_question_reminders(asked_on + timedelta(days=3)) == 1
        assert send_question_reminders(asked_on + timedelta(days=3)) == 0  # once a day
    assert [message.to for message in mail.outbox] == [["yrke@example.org"]]
    reminder = texts(mail.outbox)
    assert sent.reference in reminder and f"/personal/samrad/mina/{sent.pk}/" in reminder
    for secret in (QUESTION, "barnen", PERSON, SITUATION):
        assert secret not in reminder
    # Answered, it is reminded of no more.
    flows.answer_question(sent.created_by, sent, question.pk, ANSWER)
    assert send_question_reminders(asked_on + timedelta(days=4)) == 0


def test_the_reminder_is_registered_with_the_daily_reminders(sent):
    from outbox.reminders import producers
    from samrad.reminders import send_question_reminders

    assert send_question_reminders in producers()
