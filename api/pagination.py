from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination


class ProjectPagination(PageNumberPagination):
    """{count, next, previous, results}: 50 a page unless ?page_size= asks for up to 200.

    A page or page_size that is no whole number is a 400 (DRF would ignore it, answering a
    request its schema calls invalid); a page_size below 1 gives the default, above 200 gives
    200. A page that does not exist is a 404 ({"detail": …}, in Japanese)."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    invalid_page_message = "そのページはありません（page={page_number}）。"

    def get_page_size(self, request):
        _whole_number(request, self.page_size_query_param)
        return super().get_page_size(request)

    def get_page_number(self, request, paginator):
        _whole_number(request, self.page_query_param)
        return super().get_page_number(request, paginator)


def _whole_number(request, name: str) -> None:
    asked = request.query_params.get(name)
    if asked is None:
        return
    try:
        int(asked)
    except ValueError:
        raise ValidationError({name: [f"{name} は整数で指定してください。"]}) from None
