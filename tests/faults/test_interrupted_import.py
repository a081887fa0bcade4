"""A process killed in the middle of an import leaves the database exactly as before."""

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.bench.data import yearly_report
from tests.factories import ROOT, SEED
from tests.faults.scratch import child_env, manage, scratch_database, snapshot


def _writing(database_url: str, scratch: Path) -> bool:
    """Has the import begun writing (inside its transaction)?"""
    if database_url.startswith("sqlite"):
        # SQLite opens its rollback journal beside the file at the first write.
        return (scratch.parent / (scratch.name + "-journal")).exists()
    import psycopg

    with psycopg.connect(database_url, autocommit=True) as watcher:
        row = watcher.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND backend_xid IS NOT NULL AND pid <> pg_backend_pid()"
        ).fetchone()
    return row[0] > 0


@pytest.mark.django_db
def test_sigkill_in_the_middle_of_a_10000_project_import_changes_nothing(tmp_path):
    with scratch_database(tmp_path) as url:
        assert manage(url, "import_report", str(SEED)).returncode == 0  # a register to keep
        before = snapshot(url)
        report = tmp_path / "fy2024.txt"
        report.write_text(yearly_report(2024, 10_000), encoding="utf-8")

        process = subprocess.Popen(
            [sys.executable, "manage.py", "import_report", str(report)],
            cwd=ROOT,
            env=child_env(url),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 120
        scratch = tmp_path / "scratch.sqlite3"
        while not _writing(url, scratch):
            assert process.poll() is None, "the import ended before it was killed"
            assert time.monotonic() < deadline, "the import never began to write"
            time.sleep(0.05)
        time.sleep(0.5)  # well into the batches
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)

        assert process.returncode == -signal.SIGKILL
        assert snapshot(url) == before
