"""A database that went away gives a clean page, and the next request connects afresh; a URL
too long for the register gives a Japanese 414 before anything reads it."""

import contextlib
import logging

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, connections
from django.http import JsonResponse
from django.shortcuts import render

logger = logging.getLogger("kyodo.database")


# What the API says (templates/503.html says the same to a browser).
UNAVAILABLE = "データベースに接続できませんでした。しばらく待ってから、もう一度お試しください。"
RETRY_AFTER = "30"


def database_unavailable(exception: BaseException) -> bool:
    """True when the exception is a lost or refused database connection, after logging it and
    closing the broken connections (the next request connects afresh); False for anything
    else, which stays a 500 with its traceback. The API's exception handler calls it too."""
    if not isinstance(exception, OperationalError | InterfaceError):
        return False
    logger.error("database unavailable: %s", exception)
    for connection in connections.all(initialized_only=True):
        with contextlib.suppress(DatabaseError):  # already gone: nothing left to close
            connection.close()
    return True


class DatabaseUnavailableMiddleware:
    """Turn a lost or refused database connection into 503 「ただいま利用できません」.

    Only connection failures (OperationalError, InterfaceError) are caught: a constraint
    violation or a bug is still a 500 that is logged with its traceback. The broken connection
    is closed so that Django opens a new one on the next request, instead of reusing it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not database_unavailable(exception):
            return None
        response = render(request, "503.html", status=503)
        response["Retry-After"] = RETRY_AFTER
        return response


class UrlLengthMiddleware:
    """A URL (path and query) over settings.KYODO_MAX_URL_BYTES: 414 「URLが長すぎます」, in
    Japanese (JSON under /api/), before any view reads it. gunicorn's own limit stands higher
    (kyodo/gunicorn_conf.py), so its English page is never what a citizen sees first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.META.get("PATH_INFO", "")
        length = len(path.encode("utf-8", "surrogateescape")) + len(
            request.META.get("QUERY_STRING", "")
        )
        if length <= settings.KYODO_MAX_URL_BYTES:
            return self.get_response(request)
        message = (
            f"URLが長すぎます（{length:,}バイト）。{settings.KYODO_MAX_URL_BYTES:,}バイト以内にしてください。"
            "キーワードは200文字以内です。"
        )
        if path.startswith("/api/"):
            return JsonResponse(
                {"detail": message}, status=414, json_dumps_params={"ensure_ascii": False}
            )
        return render(request, "414.html", {"message": message}, status=414)
