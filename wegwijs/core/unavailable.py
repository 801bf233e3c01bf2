"""A friendly 503 page while the database is down, and recovery without a restart.

When a query fails because the database cannot be reached
(``OperationalError``, ``InterfaceError``), wherever it happens (a view, the
session or the login check in a middleware), ``DatabaseUnavailableMiddleware``
answers a Dutch page with status 503 and ``Retry-After`` instead of the 500
page, and the API answers problem details. Django closes a connection that
failed at the end of the request, so the next request connects again and the
site recovers by itself when the database is back.
"""

import logging
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30
FALLBACK_PAGE = (
    '<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8">'
    "<title>%(title)s</title></head><body><main><h1>%(title)s</h1>"
    "<p>%(text)s</p></main></body></html>"
)
_FLAG = "_wegwijs_database_unavailable"


@receiver(got_request_exception, dispatch_uid="wegwijs-database-unavailable")
def _remember_database_failure(
    sender: Any, request: HttpRequest | None = None, **kwargs: Any
) -> None:
    # Django converts an exception into the 500 response inside the layer
    # where it happened; this signal fires while the exception is handled,
    # so the outermost middleware can tell a database outage from a bug.
    import sys

    exc = sys.exc_info()[1]
    if request is not None and isinstance(exc, (OperationalError, InterfaceError)):
        setattr(request, _FLAG, True)


class DatabaseUnavailableMiddleware:
    """Turn a 500 caused by an unreachable database into a 503 with ``Retry-After``."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if getattr(request, _FLAG, False) and not settings.DEBUG:
            logger.warning("database unavailable", extra={"path": request.path})
            response = unavailable_response(request)
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, (OperationalError, InterfaceError)) and not settings.DEBUG:
            logger.warning("database unavailable", extra={"path": request.path})
            return unavailable_response(request)
        return None


def unavailable_response(request: HttpRequest) -> HttpResponse:
    """The 503 answer: problem details for the API, a Dutch page otherwise."""
    response: HttpResponse
    if request.path_info.startswith("/api/"):
        response = JsonResponse(
            {
                "type": "https://wegwijs.nl/problems/unavailable",
                "title": "Service Unavailable",
                "status": 503,
                "detail": _(
                    "Wegwijs is even niet bereikbaar. Probeer het over een paar minuten opnieuw."
                ),
                "code": "unavailable",
                "instance": request.path,
            },
            status=503,
            content_type="application/problem+json",
        )
    else:
        # Rendered without the request's context processors: they may query
        # the database that is down.
        try:
            body = loader.get_template("503.html").render()
        except Exception:
            # The page must not fail in turn (say, static files not collected).
            body = FALLBACK_PAGE % {
                "title": _("Wegwijs is even niet bereikbaar"),
                "text": _("Probeer het over een paar minuten opnieuw."),
            }
        response = HttpResponse(body, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response
