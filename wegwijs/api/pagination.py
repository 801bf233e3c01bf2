from rest_framework import pagination


class PageNumberPagination(pagination.PageNumberPagination):
    """Pages as ``{"count", "next", "previous", "results"}``."""

    page_size_query_param = "page_size"
    max_page_size = 200
