"""Imports run one at a time: a second one waits for the first, then sees what it saved.

Two imports at once would both find a project, department or partner missing and both create
it: duplicates, or a unique-constraint error halfway through a file. Each import takes one
lock inside its transaction before it reads anything, held until the transaction ends (commit,
rollback or a killed process alike).

- PostgreSQL: a transaction-level advisory lock; waiting is bounded by the setting
  KYODO_IMPORT_LOCK_WAIT (seconds, default 60), after which the import is refused.
- SQLite: every write transaction begins with BEGIN IMMEDIATE (kyodo/settings.py), which already
  lets one writer in at a time; the wait is SQLite's busy timeout.
"""

from django.conf import settings
from django.db import OperationalError, connection

# pg_advisory_xact_lock(key1, key2): the first key names this application's locks.
_KYODO = 0x6B796F  # "kyo"
_IMPORT = 1

BUSY_MESSAGE = (
    "ほかの取込が実行中です。終わってから、もう一度取り込んでください（何も保存していません）。"
)


class ImportBusy(Exception):
    """Another import holds the lock for longer than this one may wait."""

    def __init__(self):
        super().__init__(BUSY_MESSAGE)


def _wait_seconds() -> float:
    return settings.KYODO_IMPORT_LOCK_WAIT


def import_lock_acquire() -> None:
    """Take the import lock for the rest of the current transaction (call inside atomic)."""
    if connection.vendor != "postgresql":
        return
    milliseconds = max(1, int(_wait_seconds() * 1000))
    # One round trip: the wait is bounded only while taking this lock (the select list is
    # evaluated left to right), then lock_timeout is back to "no limit" for the import itself.
    with connection.cursor() as cursor:
        try:
            cursor.execute(
                "SELECT set_config('lock_timeout', %s, true), pg_advisory_xact_lock(%s, %s), "
                "set_config('lock_timeout', '0', true)",
                [str(milliseconds), _KYODO, _IMPORT],
            )
        except OperationalError as error:  # lock_timeout: LockNotAvailable
            raise ImportBusy from error
