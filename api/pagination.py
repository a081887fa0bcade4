from rest_framework.pagination import PageNumberPagination


class ProjectPagination(PageNumberPagination):
    """{count, next, previous, results}: 50 a page unless ?page_size= asks for up to 200."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    invalid_page_message = "そのページはありません（page={page_number}）。"
