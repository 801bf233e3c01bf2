"""Dutch error pages (403, 404, 500) in the site's layout."""

from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _


def forbidden(request: HttpRequest, exception: Any = None) -> HttpResponse:
    return render(request, "403.html", status=403)


def not_found(request: HttpRequest, exception: Any = None) -> HttpResponse:
    if request.path_info.startswith("/api/"):
        # API clients get problem details here too, not an HTML page.
        body = {
            "type": "https://wegwijs.nl/problems/not_found",
            "title": "Not Found",
            "status": 404,
            "detail": str(_("Niet gevonden.")),
            "code": "not_found",
            "instance": request.path,
        }
        return JsonResponse(body, status=404, content_type="application/problem+json")
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # No context processors that touch the database: it may be the cause.
    from django.template import loader

    return HttpResponse(loader.get_template("500.html").render(), status=500)
