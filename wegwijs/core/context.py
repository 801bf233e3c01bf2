"""Request context available to services without passing the request around.

The middleware records the source address of the current request, so the
audit writer can store it for mutations made from the web UI or the API.
"""

from collections.abc import Callable
from contextvars import ContextVar

from django.http import HttpRequest, HttpResponse

source_address: ContextVar[str | None] = ContextVar("source_address", default=None)


class RequestContextMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = source_address.set(request.META.get("REMOTE_ADDR") or None)
        try:
            return self.get_response(request)
        finally:
            source_address.reset(token)
