"""Turn every API error into RFC 9457 problem details (application/problem+json).

Services raise ``ApplicationError``; DRF raises its own exceptions; Django's
``Http404`` and ``PermissionDenied`` are mapped by DRF. This handler alone
decides what the client sees.
"""

import math
from http import HTTPStatus
from typing import Any

from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler

from wegwijs.core.errors import ApplicationError, TooManyRequests

PROBLEM_TYPE_BASE = "https://wegwijs.nl/problems/"


def _problem(
    *, status: int, code: str, title: str, detail: str, request: Any, **extra: Any
) -> Response:
    body: dict[str, Any] = {
        "type": f"{PROBLEM_TYPE_BASE}{code}",
        "title": title,
        "status": status,
        "detail": detail,
        "code": code,
    }
    if request is not None:
        body["instance"] = request.path
    body.update(extra)
    response = Response(body, status=status)
    response.content_type = "application/problem+json"
    return response


def _flatten(detail: Any, prefix: str = "") -> list[dict[str, str]]:
    if isinstance(detail, dict):
        errors: list[dict[str, str]] = []
        for key, value in detail.items():
            errors += _flatten(value, f"{prefix}.{key}" if prefix else str(key))
        return errors
    if isinstance(detail, list):
        errors = []
        for index, value in enumerate(detail):
            name = prefix if not isinstance(value, dict | list) else f"{prefix}[{index}]"
            errors += _flatten(value, name)
        return errors
    return [
        {
            "name": prefix or "non_field_errors",
            "code": getattr(detail, "code", "invalid"),
            "reason": str(detail),
        }
    ]


def problem_details_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    request = context.get("request")
    if isinstance(exc, exceptions.Throttled):
        exc = TooManyRequests(math.ceil(getattr(exc, "wait", None) or 1))
    if isinstance(exc, ApplicationError):
        problem = _problem(
            status=exc.status,
            code=exc.code,
            title=HTTPStatus(exc.status).phrase,
            detail=str(exc.message),
            request=request,
            **exc.extra,
        )
        if isinstance(exc, TooManyRequests):
            problem["Retry-After"] = str(exc.retry_after)
        return problem

    response = exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        problem = _problem(
            status=response.status_code,
            code="invalid",
            title=_("De invoer is niet geldig."),
            detail=_("Een of meer velden zijn niet goed ingevuld."),
            request=request,
            invalid_params=_flatten(exc.detail),
        )
    else:
        detail = exc.detail if isinstance(exc, exceptions.APIException) else str(exc)
        code = getattr(detail, "code", None) or "error"
        problem = _problem(
            status=response.status_code,
            code=str(code),
            title=HTTPStatus(response.status_code).phrase,
            detail=str(detail),
            request=request,
        )
    for header in ("WWW-Authenticate", "Retry-After", "Allow"):
        if header in response:
            problem[header] = response[header]
    return problem
