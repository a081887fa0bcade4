"""The import lock (projects/services/locks.py): one import at a time, a bounded wait on
PostgreSQL, nothing to take on SQLite (its BEGIN IMMEDIATE lets one writer in already)."""

import time

import pytest
from django.db import connection, transaction

from projects.services import locks
from projects.services.locks import BUSY_MESSAGE, ImportBusy, import_lock_acquire
from tests.postgres import another_session

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the advisory lock is PostgreSQL's"
)


def _free_in(other) -> bool:
    """Could the other session take the import lock now? (It gives it back at once.)"""
    taken = other.execute(
        "SELECT pg_try_advisory_lock(%s, %s)", [locks._KYODO, locks._IMPORT]
    ).fetchone()[0]
    if taken:
        other.execute("SELECT pg_advisory_unlock(%s, %s)", [locks._KYODO, locks._IMPORT])
    return taken


def test_the_wait_is_the_setting_in_seconds(settings):
    settings.KYODO_IMPORT_LOCK_WAIT = 2.5

    assert locks._wait_seconds() == 2.5


def test_a_busy_import_tells_the_clerk_that_nothing_was_saved():
    assert str(ImportBusy()) == BUSY_MESSAGE
    assert "何も保存していません" in BUSY_MESSAGE


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite takes no lock of its own")
def test_on_sqlite_taking_the_lock_sends_nothing_to_the_database(db, django_assert_num_queries):
    with transaction.atomic(), django_assert_num_queries(0):
        import_lock_acquire()


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_the_lock_is_held_until_the_transaction_ends():
    with another_session() as other:
        with transaction.atomic():
            import_lock_acquire()
            assert not _free_in(other)
        assert _free_in(other)


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_once_taken_the_import_itself_waits_on_other_locks_without_a_limit(settings):
    settings.KYODO_IMPORT_LOCK_WAIT = 5
    with transaction.atomic():
        import_lock_acquire()
        with connection.cursor() as cursor:
            cursor.execute("SHOW lock_timeout")
            assert cursor.fetchone()[0] == "0"


@on_postgresql
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("wait", [0.2, 0])
def test_an_import_that_waits_longer_than_allowed_is_refused_as_busy(settings, wait):
    """A wait of 0 is the shortest wait, never PostgreSQL's 0 = no limit."""
    settings.KYODO_IMPORT_LOCK_WAIT = wait
    with another_session() as other:
        other.execute("SELECT pg_advisory_lock(%s, %s)", [locks._KYODO, locks._IMPORT])
        started = time.monotonic()
        with pytest.raises(ImportBusy), transaction.atomic():
            with connection.cursor() as cursor:  # a bound on the test, were the wait unbounded
                cursor.execute("SET LOCAL statement_timeout = '5s'")
            import_lock_acquire()
        assert time.monotonic() - started < 2
        other.execute("SELECT pg_advisory_unlock(%s, %s)", [locks._KYODO, locks._IMPORT])
    with transaction.atomic():  # the connection is usable again, and the lock free
        import_lock_acquire()
