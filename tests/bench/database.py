"""The figures of one database (the one DATABASE_URL names), as one JSON document on stdout.

Steps, on an empty database: a 1,000-project year, then ten 10,000-project years one after the
other (FY2014 … FY2023: the cost of a growing database shows in the tenth), each imported by the
whole `import_report` command in a child process; the floor beside it (PostgreSQL: pg_restore of
the first big year into a fresh database, tests/bench/restore.py; SQLite: executemany of the same
rows, tests/bench/baseline.py); the exports of the last year; then the pages at 101,000 projects
through the test client (median and p95 of BENCH_REPEAT requests, and the query count).
"""

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
YEARS = int(os.environ.get("BENCH_YEARS", "10"))
PER_YEAR = int(os.environ.get("BENCH_PER_YEAR", "10000"))
SMALL = 1000
REPEAT = int(os.environ.get("BENCH_REPEAT", "15"))
FIRST_YEAR = 2014


def _child(*args: str, url: str | None = None) -> tuple[float, dict]:
    env = {**os.environ, "DEBUG": "1"}
    if url is not None:
        env["DATABASE_URL"] = url
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "tests.bench.command", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
    )
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return seconds, json.loads(done.stdout.strip().splitlines()[-1])


def _import(fiscal_year: int, projects: int, folder: Path) -> dict:
    from django.db import connection

    from tests.bench.data import yearly_report

    path = folder / f"fy{fiscal_year}.txt"
    text = yearly_report(fiscal_year, projects)
    path.write_text(text, encoding="utf-8")
    figures = {"fiscal_year": fiscal_year, "projects": projects}
    seconds, child = _child("import_report", str(path))
    figures |= {
        "seconds": round(seconds, 2),
        "rows_per_second": round(projects / seconds),
        "peak_mib": child["peak_mib"],
    }
    if connection.vendor != "postgresql":  # PostgreSQL's floor is pg_restore (_floor)
        from tests.bench.baseline import bulk_write_seconds

        figures["bulk_seconds"] = round(bulk_write_seconds(text), 3)
    return figures


def _floor(folder: Path) -> dict:
    """PostgreSQL: pg_restore of the first big year into a fresh database (tests.bench.restore)."""
    from tests.bench.data import yearly_report
    from tests.bench.restore import pg_restore_floor

    path = folder / "floor.txt"
    path.write_text(yearly_report(FIRST_YEAR, PER_YEAR), encoding="utf-8")
    floor = pg_restore_floor(
        os.environ["DATABASE_URL"],
        path,
        folder,
        lambda url, report: _child("import_report", str(report), url=url)[0],
    )
    return {"fiscal_year": FIRST_YEAR, "projects": PER_YEAR, **floor}


def _export_args(fiscal_year: int, kind: str, folder: Path) -> list[str]:
    output = str(folder / f"export.{kind}")
    return [
        "export_report",
        "--fiscal-year",
        str(fiscal_year),
        "--format",
        kind,
        "--output",
        output,
    ]


def _exports(fiscal_year: int, folder: Path) -> dict:
    figures = {}
    for kind in ("csv", "xlsx", "json"):
        seconds, child = _child(*_export_args(fiscal_year, kind, folder))
        figures[kind] = {"seconds": round(seconds, 2), "peak_mib": child["peak_mib"]}
    return figures


def _timed(client, path: str, before=None) -> dict:
    """Median and p95 of REPEAT requests; ``before`` runs before each one, untimed."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    response = client.get(path)  # warm-up, and the check that the page works
    if response.status_code != 200:
        return {"path": path, "status": response.status_code}
    connection.queries_log.clear()  # a full log (it keeps 9,000) would count nothing new
    if before:
        before()
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    times = []
    for _ in range(REPEAT):
        if before:
            before()
        started = time.perf_counter()
        client.get(path)
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return {
        "path": path,
        "median_ms": round(statistics.median(times), 1),
        "p95_ms": round(times[max(0, int(len(times) * 0.95) - 1)], 1),
        "queries": len(queries),
    }


def _pages(fiscal_year: int) -> dict:
    from django.contrib.auth import get_user_model
    from django.test import Client

    from projects.models import Project
    from projects.permissions import COORDINATOR_GROUP, ensure_groups

    user, _ = get_user_model().objects.get_or_create(username="bench", is_staff=True)
    user.groups.add(ensure_groups()[COORDINATOR_GROUP])
    client = Client()
    client.force_login(user)
    project = Project.objects.for_year(fiscal_year).order_by("number").first()
    pages = {
        "admin list": "/admin/projects/project/",
        "admin search 苫小牧": "/admin/projects/project/?q=苫小牧",
        "admin search, a rare word": "/admin/projects/project/?q=協働事業4242",
        "public list": f"/?year={fiscal_year}",
        "public keyword 苫小牧": f"/?year={fiscal_year}&q=苫小牧",
        "project page": f"/projects/{project.pk}/",
        "年次集計": f"/admin/projects/project/summary/?fiscal_year={fiscal_year}",
        "open data CSV": f"/opendata/{fiscal_year}.csv",
    }
    figures = {name: _timed(client, path) for name, path in pages.items()}
    # 年次集計 keeps each year's figures until a write changes the year: measured also as the
    # coordinator sees it right after a clerk's edit (the year counted again, the others kept),
    # and on a cold cache (every year counted: the first view after a restart).
    from django.core.cache import cache

    from projects.services.figures import figures_mark_changed

    summary = pages["年次集計"]
    figures["年次集計 after an edit of the year"] = _timed(
        client, summary, lambda: figures_mark_changed(years=[fiscal_year])
    )
    figures["年次集計 on a cold cache"] = _timed(client, summary, cache.clear)
    return figures


def main() -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kyodo.settings")
    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()  # the test client's host is allowed
    result = {"database": connection.vendor, "imports": [], "started": time.time()}
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        if connection.vendor == "postgresql":  # first: it copies the database as migrated
            result["floor"] = _floor(folder)
            print(f"  postgresql: pg_restore {result['floor']['seconds']} s", file=sys.stderr)
        result["imports"].append(_import(FIRST_YEAR - 1, SMALL, folder))
        last = FIRST_YEAR + YEARS - 1
        for year in range(FIRST_YEAR, FIRST_YEAR + YEARS):
            result["imports"].append(_import(year, PER_YEAR, folder))
            print(f"  {connection.vendor}: FY{year} imported", file=sys.stderr, flush=True)
        result["exports"] = _exports(last, folder)
    result["total_projects"] = SMALL + YEARS * PER_YEAR
    result["pages"] = _pages(last)
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
