"""E-mail through a real SMTP server on this machine, and what happens when it is down."""

import socket

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command

from outbox.models import Notification
from samrad.models import SamradRequest

from .samrad_helpers import SITUATION, coordinator, professional, request_data

pytestmark = pytest.mark.django_db


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.rcpt_tos, envelope.content.decode("utf-8", "replace")))
        return "250 OK"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp(settings):
    port = free_port()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 5
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    yield controller, inbox
    if controller._thread is not None:
        controller.stop()


def send(client, callbacks):
    with callbacks(execute=True):
        response = client.post("/personal/samrad/ny/avidentifierad/", request_data())
    assert response.status_code == 302


def test_delivered_through_a_real_smtp_server(client, smtp, django_capture_on_commit_callbacks):
    controller, inbox = smtp
    controller.start()
    coordinator()
    client.force_login(professional())
    send(client, django_capture_on_commit_callbacks)
    assert len(inbox.messages) == 1
    recipients, content = inbox.messages[0]
    assert recipients == ["samordnare@example.org"]
    assert "samr=C3=A5dsf=C3=B6rfr=C3=A5gan" in content or "samrådsförfrågan" in content
    assert SITUATION not in content
    assert Notification.objects.get().sent_at is not None


def test_mail_server_down_then_up_loses_nothing_and_sends_once(
    client, smtp, django_capture_on_commit_callbacks
):
    controller, inbox = smtp
    coordinator()
    client.force_login(professional())
    for _ in range(20):
        send(client, django_capture_on_commit_callbacks)  # a burst while the server is down
    # Every request is saved and shown to the coordinator; the e-mail waits.
    assert SamradRequest.objects.count() == 20
    waiting = Notification.objects.filter(sent_at__isnull=True)
    assert waiting.count() == 20
    assert all(n.attempts >= 1 and n.last_error for n in waiting)

    controller.start()
    call_command("send_waiting_mail", verbosity=0)
    call_command("send_waiting_mail", verbosity=0)  # nothing is sent twice
    assert len(inbox.messages) == 20
    assert Notification.objects.filter(sent_at__isnull=True).count() == 0


def test_database_failure_mid_save_leaves_nothing_half_written(
    client, monkeypatch, django_capture_on_commit_callbacks
):
    from django.db import OperationalError

    from samrad.models import AuditEntry

    from .helpers import SecondFactorClient as Client

    coordinator()
    user = professional()
    failing = Client(raise_request_exception=False)
    failing.force_login(user)

    def database_gone(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    # The request row is written, then the database goes away before the outbox rows are.
    monkeypatch.setattr(Notification.objects, "bulk_create", database_gone)
    with django_capture_on_commit_callbacks(execute=True):
        response = failing.post("/personal/samrad/ny/avidentifierad/", request_data())
    assert response.status_code == 503
    assert "Tjänsten är inte tillgänglig" in response.content.decode()
    assert SamradRequest.objects.count() == 0
    assert AuditEntry.objects.filter(event="created").count() == 0

    # The database is back: the same form goes through, with no manual step.
    monkeypatch.undo()
    client.force_login(user)
    send(client, django_capture_on_commit_callbacks)
    assert SamradRequest.objects.count() == 1
    assert Notification.objects.count() == 1
