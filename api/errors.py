"""The API's errors: always JSON, always in Japanese, in two shapes the schema documents.

- 400, a query parameter that cannot be read: ``{"<parameter>": ["<reason>", …], …}`` (the
  shape of DRF's validation errors, one key per parameter);
- every other error (404, 405, 429, 503): ``{"detail": "<reason>"}``.

Django's own messages (get_object_or_404's 「No Project matches the given query.」) and a lost
database connection (which Django's middleware would answer with the HTML page 503.html) are
turned into these here; DRF's own messages are Japanese by its translations, as the site
speaks Japanese only (settings.LANGUAGES).
"""

import math

from django.core.exceptions import PermissionDenied
from django.http import Http404
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from kyodo.middleware import RETRY_AFTER, UNAVAILABLE, database_unavailable

NOT_FOUND = "指定された協働事業は見つかりません（公開していないか、存在しないIDです）。"


class Error(serializers.Serializer):
    """Every error but a 400: one sentence in Japanese."""

    detail = serializers.CharField(help_text="エラーの理由（日本語）")


# The 400 of a query parameter that cannot be read, as an OpenAPI schema.
INVALID_PARAMETERS = {
    "type": "object",
    "description": "読めなかったパラメータごとの理由（日本語）",
    "additionalProperties": {"type": "array", "items": {"type": "string"}},
    "example": {"q": ["キーワードは200文字以内で入力してください（250文字あります）。"]},
}


def exception_handler(exc, context):
    if database_unavailable(exc):
        return Response(
            {"detail": UNAVAILABLE},
            status=status.HTTP_503_SERVICE_UNAVAILABLE,
            headers={"Retry-After": RETRY_AFTER},
        )
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(NOT_FOUND)
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    elif isinstance(exc, exceptions.Throttled):
        wait = exc.wait
        when = f"{math.ceil(wait)}秒後に" if wait is not None else "しばらく待ってから"
        # Built without the wait, which DRF would append in a sentence of its own.
        exc = exceptions.Throttled(detail=f"リクエストが多すぎます。{when}もう一度お試しください。")
        exc.wait = wait  # the Retry-After header
    return drf_exception_handler(exc, context)
