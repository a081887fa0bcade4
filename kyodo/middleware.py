"""A database that went away gives a clean page, and the next request connects afresh."""

import contextlib
import logging

from django.db import DatabaseError, InterfaceError, OperationalError, connections
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
