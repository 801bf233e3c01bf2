"""Dutch error pages (403, 404, 500) in the site's layout."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def forbidden(request: HttpRequest, exception: Any = None) -> HttpResponse:
    return render(request, "403.html", status=403)


def not_found(request: HttpRequest, exception: Any = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # No context processors that touch the database: it may be the cause.
    from django.template import loader

    return HttpResponse(loader.get_template("500.html").render(), status=500)
