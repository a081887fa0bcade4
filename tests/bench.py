"""`make bench`: rows per second for reading and importing a generated 10,000-row report.

Run against the database DATABASE_URL names (SQLite by default), in a throw-away test database.
Figures only: no assertion here, and no timing in the test suite.
"""

import os
import resource
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kyodo.settings")
os.environ.setdefault("DEBUG", "1")

import django

django.setup()

from django.db import connection, reset_queries  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    setup_test_environment,
    teardown_test_environment,
)

ROWS = int(os.environ.get("BENCH_ROWS", "10000"))


def main() -> None:
    from projects.models import Project
    from projects.resources import ProjectResource, report_text_dataset
    from tests.report_text import report_text

    setup_test_environment()
    old_config = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        text = report_text(ROWS)
        print(f"report: {ROWS:,} rows, {len(text.encode()):,} bytes, database {connection.vendor}")

        started = time.perf_counter()
        dataset = report_text_dataset(text)
        read_seconds = time.perf_counter() - started
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            result = ProjectResource().import_data(dataset, use_transactions=True)
        import_seconds = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        assert not result.has_validation_errors(), result.invalid_rows[:3]
        print(f"split into rows: {read_seconds:.2f} s ({ROWS / read_seconds:,.0f} rows/s)")
        print(
            f"read cells + import: {import_seconds:.2f} s ({ROWS / import_seconds:,.0f} rows/s), "
            f"{len(queries)} queries, {Project.objects.count():,} projects saved"
        )
        total = read_seconds + import_seconds
        print(
            f"total: {total:.2f} s = {ROWS / total:,.0f} rows/s; "
            f"peak RSS of the process {peak / 2**20:.0f} MiB"
        )

        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            result = ProjectResource().import_data(dataset, use_transactions=True)
        seconds = time.perf_counter() - started
        print(
            f"re-import (all unchanged): {seconds:.2f} s ({ROWS / seconds:,.0f} rows/s), "
            f"{len(queries)} queries, skipped {result.totals['skip']:,}"
        )
        reset_queries()
    finally:
        connection.creation.destroy_test_db(old_config, verbosity=0)
        teardown_test_environment()


if __name__ == "__main__":
    main()
