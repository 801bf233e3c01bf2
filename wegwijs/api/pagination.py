from typing import Any

from django.utils.translation import gettext as _
from rest_framework import pagination
from rest_framework.exceptions import NotFound, ValidationError


class PageNumberPagination(pagination.PageNumberPagination):
    """Pages as ``{"count", "next", "previous", "results"}``.

    A page number that is not a page of the list (0, -1, "x", past the end)
    is bad input: 400 with ``invalid_params`` naming ``page``, as every list
    documents, rather than DRF's undocumented 404.
    """

    page_size_query_param = "page_size"
    max_page_size = 200

    def paginate_queryset(self, queryset: Any, request: Any, view: Any = None) -> Any:
        try:
            return super().paginate_queryset(queryset, request, view)
        except NotFound as exc:
            raise ValidationError(
                {self.page_query_param: [_("Deze pagina bestaat niet (meer).")]}
            ) from exc
