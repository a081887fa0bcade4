from django.db import OperationalError
from django.urls import include, path


def database_gone(request):
    raise OperationalError("server closed the connection unexpectedly")


def bug(request):
    raise ValueError("a bug, not a lost database")


urlpatterns = [
    path("database-gone/", database_gone),
    path("bug/", bug),
    path("", include("projects.urls")),
]
