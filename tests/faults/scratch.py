"""A scratch database of the same kind as the suite's, that child processes can open.

The suite's own test database is in memory on SQLite and inside a transaction everywhere, so a
command run in a child process cannot see it: fault tests that need a real process (killed,
or two at once) get a database of their own, migrated, and dropped afterwards.
"""

import subprocess
import uuid
from contextlib import contextmanager
from pathlib import Path

from django.db import connection

from tests import processes
from tests.postgres import another_session, server_url


def child_env(database_url: str) -> dict:
    """A child's environment (tests/processes.py) on the scratch database, DEBUG on."""
    return processes.child_env(DATABASE_URL=database_url, DEBUG="1")


def manage(database_url: str, *args: str) -> subprocess.CompletedProcess:
    return processes.run_python("manage.py", *args, env=child_env(database_url), timeout=300)


@contextmanager
def scratch_database(tmp_path: Path):
    """Yield the URL of a new, migrated database of the suite's kind."""
    if connection.vendor == "postgresql":
        name = f"kyodo_fault_{uuid.uuid4().hex[:8]}"
        with another_session("postgres") as admin:
            admin.execute(f"CREATE DATABASE {name}")
        url = f"{server_url()}/{name}"
    else:
        url = f"sqlite:///{tmp_path / 'scratch.sqlite3'}"
    try:
        migrated = manage(url, "migrate", "--noinput", "--verbosity", "0")
        assert migrated.returncode == 0, migrated.stderr
        yield url
    finally:
        if connection.vendor == "postgresql":
            with another_session("postgres") as admin:
                admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


SNAPSHOT = """
import hashlib, json
from django.apps import apps
from django.db import connection
tables = sorted(
    model._meta.db_table
    for app in ("projects", "partners")
    for model in apps.get_app_config(app).get_models(include_auto_created=True)
)
out = {}
with connection.cursor() as cursor:
    for table in tables:
        cursor.execute(f"SELECT * FROM {table} ORDER BY 1")
        rows = cursor.fetchall()
        out[table] = [len(rows), hashlib.sha256(repr(rows).encode()).hexdigest()]
print(json.dumps(out))
"""


def snapshot(database_url: str) -> str:
    """Every table of the register, row counts and a digest of the rows."""
    done = manage(database_url, "shell", "--verbosity", "0", "-c", SNAPSHOT)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()[-1]
