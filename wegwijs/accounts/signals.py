"""Audit entries for logins, logouts and failed logins (decoupled side effects)."""

import time
from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from wegwijs.accounts.constants import AuditEvent
from wegwijs.accounts.middleware import LAST_SEEN_KEY
from wegwijs.core.audit import audit_log


@receiver(user_logged_in)
def _logged_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    audit_log(event=AuditEvent.LOGIN_SUCCEEDED, actor=user, obj=user)
    if request is not None and hasattr(request, "session"):
        # Logging in is activity: the session needs no renewal for the next minute.
        request.session[LAST_SEEN_KEY] = int(time.time())


@receiver(user_logged_out)
def _logged_out(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is not None:
        audit_log(event=AuditEvent.LOGGED_OUT, actor=user, obj=user)


@receiver(user_login_failed)
def _login_failed(
    sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any
) -> None:
    # Only the attempted address is kept, never the password.
    attempted = str(credentials.get("email") or credentials.get("username") or "")[:254]
    audit_log(event=AuditEvent.LOGIN_FAILED, actor=None, detail={"email": attempted})
