"""Mail goes through the outbox: stored with the change, sent by a task with retries.

``EMAIL_BACKEND = "wegwijs.core.mail.QueuedEmailBackend"`` (the default in
``config.settings.base``) turns every ``send_mail`` of the project and of
django-allauth into a ``wegwijs.core.deliver_email`` task in the outbox. The
task sends through ``WEGWIJS_EMAIL_DELIVERY_BACKEND`` (from ``EMAIL_URL``) and
is retried with backoff while the SMTP server fails.
"""

import base64
import email
import email.policy
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.core.mail.backends.base import BaseEmailBackend


class QueuedEmailBackend(BaseEmailBackend):
    """Store each message in the outbox; a task delivers it after the commit."""

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        from wegwijs.core.tasks import deliver_email, enqueue_on_commit

        count = 0
        for message in email_messages:
            recipients = message.recipients()
            if not recipients:
                continue
            enqueue_on_commit(deliver_email, message=serialise(message))
            count += 1
        return count


def serialise(message: EmailMessage) -> dict[str, Any]:
    """The message as JSON: sender, recipients (including Bcc) and the MIME text."""
    mime = message.message().as_bytes()
    return {
        "from_email": message.from_email or settings.DEFAULT_FROM_EMAIL,
        "recipients": list(message.recipients()),
        "mime": base64.b64encode(mime).decode("ascii"),
    }


class StoredMessage(EmailMessage):
    """A message rebuilt from its stored MIME text, sent byte for byte as it was made."""

    def __init__(self, *, from_email: str, recipients: list[str], mime: bytes) -> None:
        parsed = email.message_from_bytes(mime, policy=email.policy.default)
        body = parsed.get_body(preferencelist=("plain", "html"))
        super().__init__(
            subject=str(parsed.get("Subject", "")),
            body=body.get_content() if body is not None else "",
            from_email=from_email,
            to=recipients,
        )
        self._mime = mime

    def recipients(self) -> list[str]:
        return list(self.to)

    def message(self, *, policy: Any = None) -> "_RawMime":
        return _RawMime(self._mime)


class _RawMime:
    """What the SMTP backend needs of a MIME message: its bytes."""

    def __init__(self, mime: bytes) -> None:
        self._mime = mime.replace(b"\r\n", b"\n")

    def as_bytes(self, unixfrom: bool = False, linesep: str = "\n") -> bytes:
        return self._mime.replace(b"\n", linesep.encode("ascii"))

    def as_string(self, unixfrom: bool = False, linesep: str = "\n") -> str:
        return self.as_bytes(linesep=linesep).decode("utf-8", errors="replace")


def deliver(stored: dict[str, Any]) -> int:
    """Send a stored message through the delivery backend; raise when the server fails."""
    message = StoredMessage(
        from_email=stored["from_email"],
        recipients=list(stored["recipients"]),
        mime=base64.b64decode(stored["mime"]),
    )
    connection = get_connection(settings.WEGWIJS_EMAIL_DELIVERY_BACKEND, fail_silently=False)
    return connection.send_messages([message])
