"""Connections of the tests' own to the suite's PostgreSQL server, beside Django's."""

from contextlib import contextmanager

from django.db import connection


def server_url() -> str:
    """postgres://user@host:port of the server the suite's database is on (no database)."""
    settings = connection.settings_dict
    return f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT'] or 5432}"


@contextmanager
def another_session(dbname: str | None = None):
    """An autocommit psycopg connection to the test database (or `dbname`), as another
    process would have: its locks and its view are not Django's connection's."""
    import psycopg

    name = dbname or connection.settings_dict["NAME"]
    with psycopg.connect(f"{server_url()}/{name}", autocommit=True) as other:
        yield other
