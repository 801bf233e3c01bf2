"""Pagination for server-rendered lists: every list page shows at most one page."""

from typing import Any, TypeVar

from django.core.paginator import Page, Paginator
from django.db.models import Model, QuerySet
from django.http import HttpRequest

M = TypeVar("M", bound=Model)

DEFAULT_PER_PAGE = 50


def paginate(
    request: HttpRequest, queryset: QuerySet[M], *, per_page: int = DEFAULT_PER_PAGE
) -> Page[Any]:
    """Return the page named by ``?page=``; a missing or wrong number gives the nearest page."""
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))
