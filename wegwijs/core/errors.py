"""One error hierarchy for every service.

Services raise an ``ApplicationError`` subclass with a stable ``code`` and a
translated message. The API handler turns them into RFC 9457 problem details;
commands print the message on stderr; views show it to the user.
"""

from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext


class ApplicationError(Exception):
    """A failure the user can understand and act on."""

    code: str = "application-error"
    status: int = 400
    default_message: Any = _("De handeling kon niet worden uitgevoerd.")

    def __init__(self, message: Any = None, *, extra: dict[str, Any] | None = None) -> None:
        self.message = message if message is not None else self.default_message
        self.extra = extra or {}
        super().__init__(str(self.message))


class ValidationFailed(ApplicationError):
    """Bad input; ``field`` names the input it is about, when there is one."""

    code = "invalid"
    status = 400
    default_message = _("De invoer is niet geldig.")

    def __init__(self, message: Any = None, *, field: str | None = None) -> None:
        self.field = field
        extra = (
            {"invalid_params": [{"name": field, "code": self.code, "reason": str(message)}]}
            if field
            else None
        )
        super().__init__(message, extra=extra)


class NotFound(ApplicationError):
    code = "not-found"
    status = 404
    default_message = _("Niet gevonden.")


class PermissionDenied(ApplicationError):
    code = "permission-denied"
    status = 403
    default_message = _("U heeft geen toegang tot deze handeling.")


class Conflict(ApplicationError):
    code = "conflict"
    status = 409
    default_message = _("Dit bestaat al.")


class TooManyRequests(ApplicationError):
    """A rate limit was reached; ``retry_after`` says in how many seconds to try again."""

    code = "throttled"
    status = 429

    def __init__(self, retry_after: int) -> None:
        self.retry_after = max(1, int(retry_after))
        message = ngettext(
            "U doet te veel verzoeken. Probeer het over %(seconds)d seconde opnieuw.",
            "U doet te veel verzoeken. Probeer het over %(seconds)d seconden opnieuw.",
            self.retry_after,
        ) % {"seconds": self.retry_after}
        super().__init__(message)
