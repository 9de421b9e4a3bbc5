"""The outbox cannot be poisoned: a row that cannot be sent is set aside and shown to the
coordinators, the others go out exactly once, and a row is never sent twice, not even
when the database fails right after the mail server took it. And the default SQLite
database serves the web server and the mail worker at once."""

import subprocess
import sys
from datetime import timedelta
from io import StringIO

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.db import OperationalError
from django.db.models import QuerySet
from django.utils import timezone

from outbox import tasks
from outbox.models import Notification
from samrad import notifications

from .factories.organisations import party
from .helpers import clean_environ
from .samrad_helpers import coordinator, make_request, professional

pytestmark = pytest.mark.django_db

POISONED = '"x\x0bReply-To:attacker@evil.example\x0bX-Injected:yes"@example.org'
SECRET_BODY = "Brödtext som aldrig visas i portalen"
State = Notification.State


def queue(recipient, **fields):
    return Notification.objects.create(
        recipient=recipient, subject="Samråd", body=SECRET_BODY, **fields
    )


def send():
    out = StringIO()
    call_command("send_waiting_mail", stdout=out)
    return out.getvalue()


def delivered():
    return sorted(address for message in mail.outbox for address in message.to)


def test_a_poisoned_row_is_set_aside_and_every_other_mail_goes_out_once():
    # Rows written before the rule existed, between good ones.
    good = ["forst@example.org", "samrad.polisen@norrsken.example", "sist@example.org"]
    queue(good[0])
    poisoned = [queue(POISONED), queue('"a\x0bb"@example.org'), queue("a@localhost")]
    queue(good[1], calendar="BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", calendar_method="REQUEST")
    poisoned.append(queue("a@[1.2.3.4]"))
    queue(good[2])

    assert send().startswith("0 ")  # nothing waits, and the command did not crash
    assert delivered() == sorted(good)
    for message in mail.outbox:
        text = message.message().as_string()
        assert "X-Injected" not in text and "attacker@evil.example" not in text
    for row in poisoned:
        row.refresh_from_db()
        assert (row.state, row.sent_at, row.last_error) == (State.FAILED, None, "InvalidRecipient")
    assert Notification.objects.filter(state=State.SENT).count() == 3

    send()  # a second run sends nothing again
    assert delivered() == sorted(good)


def test_a_message_that_cannot_be_built_is_set_aside_too(monkeypatch):
    """Whatever gets past the address rule and breaks the message (here: the rule itself
    switched off, so Python's e-mail package meets the poisoned header) fails that row only."""
    monkeypatch.setattr(tasks, "validate_mail_address", lambda value: None)
    queue("forst@example.org")
    broken = queue(POISONED)
    queue("sist@example.org")
    send()
    assert delivered() == ["forst@example.org", "sist@example.org"]
    broken.refresh_from_db()
    assert broken.state == State.FAILED
    assert broken.last_error and broken.last_error != "InvalidRecipient"


def test_sent_once_even_when_the_database_fails_right_after_sending(monkeypatch):
    """As under `make run` with "database is locked": the mail server has the message,
    the write that records it fails. The next run must not send it again."""
    from django.core.mail.backends.locmem import EmailBackend

    queue("forst@example.org")
    just_sent = []
    original_send = EmailBackend.send_messages

    def send_messages(self, messages):
        just_sent.append(True)
        return original_send(self, messages)

    def locked(method):
        def write(*args, **kwargs):
            if just_sent:
                just_sent.clear()
                raise OperationalError("database is locked")
            return method(*args, **kwargs)

        return write

    monkeypatch.setattr(EmailBackend, "send_messages", send_messages)
    monkeypatch.setattr(QuerySet, "update", locked(QuerySet.update))
    monkeypatch.setattr(QuerySet, "bulk_update", locked(QuerySet.bulk_update))
    with pytest.raises(OperationalError):
        tasks.send_pending()
    monkeypatch.undo()
    assert len(mail.outbox) == 1

    send()
    send()
    assert len(mail.outbox) == 1


class PickyServer:
    """A mail server that refuses one recipient for good (550) and another for now (450)."""

    def __init__(self):
        self.delivered = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("finns-inte@"):
            return "550 5.1.1 No such mailbox"
        if address.startswith("senare@"):
            return "450 4.2.0 Try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.delivered.extend(envelope.rcpt_tos)
        return "250 OK"


def test_a_refused_recipient_blocks_no_one(settings):
    import socket

    from aiosmtpd.controller import Controller

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 5
    settings.EMAIL_USE_TLS = False
    server = PickyServer()
    controller = Controller(server, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        queue("forst@example.org")
        gone = queue("finns-inte@example.org")
        later = queue("senare@example.org")
        queue("sist@example.org")
        assert send().startswith("1 ")  # the one refused for now waits
        send()
    finally:
        controller.stop()
    assert server.delivered == ["forst@example.org", "sist@example.org"]
    gone.refresh_from_db()
    later.refresh_from_db()
    assert (gone.state, gone.last_error) == (State.FAILED, "SMTPRecipientsRefused")
    assert (later.state, later.attempts) == (State.PENDING, 2)


def test_a_row_left_sending_is_never_sent_again_and_shows_as_interrupted():
    long_ago = timezone.now() - tasks.INTERRUPTED_AFTER - timedelta(minutes=1)
    stale = queue("forst@example.org", state=State.SENDING, claimed_at=long_ago)
    # Another worker is sending this one right now: it is left alone.
    busy = queue("andra@example.org", state=State.SENDING, claimed_at=timezone.now())
    send()
    assert mail.outbox == []
    stale.refresh_from_db()
    busy.refresh_from_db()
    assert (stale.state, stale.last_error) == (State.FAILED, "Interrupted")
    assert busy.state == State.SENDING


def test_the_coordinators_see_what_could_not_be_sent_without_its_contents(client):
    owner = coordinator()
    samrad_request = make_request(professional())
    police = party("polisen")
    queue(police.samrad_mailbox, calendar_method="")
    Notification.objects.filter(recipient=police.samrad_mailbox).update(
        state=State.FAILED, last_error="SMTPRecipientsRefused"
    )
    queue(POISONED, reference=samrad_request.reference)
    send()

    client.force_login(owner)
    inbox = client.get("/personal/samrad/inkorg/").content.decode()
    assert "2 e-postmeddelanden kunde inte skickas: se veckan" in inbox
    week = client.get("/personal/samrad/min-vecka/").content.decode()
    assert "2 e-postmeddelanden kunde inte skickas de senaste 30 dagarna" in week
    assert police.short_name in week and "SMTPRecipientsRefused" in week
    assert (
        f"/personal/samrad/inkorg/{samrad_request.pk}/" in week and samrad_request.reference in week
    )
    assert "Adressen är inte en användbar e-postadress." in week
    assert "InvalidRecipient" in week
    for hidden in (SECRET_BODY, "Samråd</td>", "evil.example", "X-Injected"):
        assert hidden not in week


def test_a_failed_mail_about_a_request_links_the_request_on_the_week_page(client):
    """The outbox keeps the request's reference (it knows nothing of samråd requests): the
    week page finds the request by it."""
    samrad_request = make_request(professional(), contact_email=POISONED)
    notifications.request_declined(samrad_request)
    send()
    assert Notification.objects.get().reference == samrad_request.reference

    client.force_login(coordinator())
    week = client.get("/personal/samrad/min-vecka/").content.decode()
    assert (
        f"/personal/samrad/inkorg/{samrad_request.pk}/" in week and samrad_request.reference in week
    )
    assert f'Yrkespersonen bakom <a href="/personal/samrad/inkorg/{samrad_request.pk}/">' in week


def test_a_professional_does_not_see_the_failed_mail(client):
    queue(POISONED)
    send()
    client.force_login(professional())
    assert client.get("/personal/samrad/min-vecka/").status_code == 403


# SQLite: the web server and the worker at once ------------------------------------------

WRITER = """
import os, sys, time, warnings
# The project's settings (DJANGO_SETTINGS_MODULE) and database options: no app is loaded,
# so Django's warning about database access before the apps are ready does not apply.
warnings.filterwarnings("ignore", "Accessing the database", RuntimeWarning)
from django.db import connection, transaction
name, ready = sys.argv[1], sys.argv[2]
with connection.cursor() as cursor:
    cursor.execute("PRAGMA journal_mode")
    mode = cursor.fetchone()[0]
open(os.path.join(ready, name), "w").close()
while len(os.listdir(ready)) < 2:  # both start together
    time.sleep(0.01)
count, until = 0, time.monotonic() + 1
while time.monotonic() < until:
    # Read, then write, in one transaction: what a request and the mail worker do.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM outbox")
        seen = cursor.fetchone()[0]
        time.sleep(0.002)
        cursor.execute("INSERT INTO outbox (writer, seen) VALUES (%s, %s)", [name, seen])
    count += 1
    time.sleep(0.005)  # between requests
print(mode, count)
"""


def test_two_processes_write_to_the_default_sqlite_database_at_once(tmp_path):
    import sqlite3

    path = tmp_path / "shared.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE outbox (id INTEGER PRIMARY KEY, writer TEXT, seen INTEGER)")
    env = clean_environ() | {
        "DATABASE_URL": f"sqlite:///{path}",
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
    }
    env.pop("REQUIRE_POSTGRES", None)
    ready = tmp_path / "ready"
    ready.mkdir()
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, name, str(ready)],
            env=env,
            cwd=settings.BASE_DIR,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("web", "worker")
    ]
    results = [writer.communicate(timeout=60) for writer in writers]
    errors = [err[-1000:] for _, err in results if err]
    assert not errors  # no "database is locked"
    assert [writer.returncode for writer in writers] == [0, 0]
    written = 0
    for out, _ in results:
        mode, count = out.split()
        assert mode == "wal" and int(count) > 0
        written += int(count)
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT COUNT(*) FROM outbox").fetchone()[0] == written
