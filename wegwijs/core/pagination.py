"""Pagination for server-rendered lists: every list page shows at most one page.

Render a ``ListPage`` with ``{% include "wegwijs/pagination.html" with list=... label=... %}``.
"""

from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest

PER_PAGE = 25


@dataclass(frozen=True)
class ListPage:
    """One page of a list, with links that keep the other query parameters."""

    page: Page[Any]
    previous_url: str | None
    next_url: str | None


def list_page(
    request: HttpRequest, queryset: QuerySet[Any], *, param: str = "page", per_page: int = PER_PAGE
) -> ListPage:
    """The page named by ``?<param>=``; a missing or wrong number gives the nearest page.

    Each list on one screen takes its own ``param``, so they page independently.
    """
    page = Paginator(queryset, per_page).get_page(request.GET.get(param))

    def url_for(number: int) -> str:
        query = request.GET.copy()
        query[param] = str(number)
        return "?" + query.urlencode()

    return ListPage(
        page=page,
        previous_url=url_for(page.previous_page_number()) if page.has_previous() else None,
        next_url=url_for(page.next_page_number()) if page.has_next() else None,
    )
