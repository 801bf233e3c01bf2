"""The outbox keeps work with its change; mail is retried while the SMTP server fails."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction

from wegwijs.core.models import OutboxTask
from wegwijs.core.tests.smtp_server import SMTPServer, free_port

QUEUED = "wegwijs.core.mail.QueuedEmailBackend"
SMTP = "django.core.mail.backends.smtp.EmailBackend"


@pytest.fixture
def queued_mail(settings):
    settings.EMAIL_BACKEND = QUEUED
    settings.WEGWIJS_EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    return settings


@pytest.mark.django_db(transaction=True)
def test_work_is_stored_with_the_change_and_done_after_the_commit(queued_mail):
    with transaction.atomic():
        mail.send_mail("Welkom", "Hallo", None, ["inwoner@example.org"])
        assert OutboxTask.objects.filter(sent_at__isnull=True).count() == 1
        assert mail.outbox == []
    assert [m.subject for m in mail.outbox] == ["Welkom"]
    assert mail.outbox[0].to == ["inwoner@example.org"]
    row = OutboxTask.objects.get()
    assert row.task_name == "wegwijs.core.deliver_email"
    assert row.sent_at is not None
    assert row.completed_at is not None
    # Nothing of the message stays once it is sent.
    assert row.kwargs == {}


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_change_leaves_no_work(queued_mail):
    def change_that_fails() -> None:
        with transaction.atomic():
            mail.send_mail("Welkom", "Hallo", None, ["inwoner@example.org"])
            raise RuntimeError("the change fails")

    with pytest.raises(RuntimeError):
        change_that_fails()
    assert OutboxTask.objects.count() == 0
    assert mail.outbox == []


@pytest.mark.django_db(transaction=True)
def test_a_failing_smtp_server_is_retried(queued_mail):
    server = SMTPServer(refuse=2)
    queued_mail.WEGWIJS_EMAIL_DELIVERY_BACKEND = SMTP
    queued_mail.EMAIL_HOST = "127.0.0.1"
    queued_mail.EMAIL_PORT = server.port
    queued_mail.EMAIL_USE_TLS = False
    try:
        # The server answers 421 (try again later): the mail stays in the outbox.
        mail.send_mail("Uw aanvraag", "We nemen contact op.", None, ["inwoner@example.org"])
        row = OutboxTask.objects.get()
        assert row.completed_at is None
        assert "421" in row.last_error
        call_command("relay_outbox", "--min-age", "0")
        assert server.state.received == []
        call_command("relay_outbox", "--min-age", "0")
    finally:
        server.stop()
    # Refused twice, delivered by the third try.
    assert server.state.sessions == 3
    assert len(server.state.received) == 1
    received = server.state.received[0]
    assert received.recipients == ["inwoner@example.org"]
    assert b"We nemen contact op." in received.data
    row.refresh_from_db()
    assert row.completed_at is not None
    assert row.attempts == 3


@pytest.mark.django_db(transaction=True)
def test_mail_is_kept_while_smtp_is_down_and_sent_by_the_relay(queued_mail, capsys):
    port = free_port()
    queued_mail.WEGWIJS_EMAIL_DELIVERY_BACKEND = SMTP
    queued_mail.EMAIL_HOST = "127.0.0.1"
    queued_mail.EMAIL_PORT = port
    queued_mail.EMAIL_USE_TLS = False

    # Nothing listens: every try fails, the request that sent it does not.
    assert mail.send_mail("Uw aanvraag", "Ontvangen.", None, ["inwoner@example.org"]) == 1
    row = OutboxTask.objects.get()
    assert row.attempts == 1
    assert "ConnectionRefusedError" in row.last_error
    assert row.completed_at is None

    server = SMTPServer(port=port)
    try:
        call_command("relay_outbox", "--min-age", "0")
        # Running the relay again publishes nothing twice.
        call_command("relay_outbox", "--min-age", "0")
    finally:
        server.stop()
    assert len(server.state.received) == 1
    row.refresh_from_db()
    assert row.sent_at is not None
    assert row.completed_at is not None
    assert capsys.readouterr().out.splitlines() == [
        "published 1, not published 0, pending 0",
        "published 0, not published 0, pending 0",
    ]
