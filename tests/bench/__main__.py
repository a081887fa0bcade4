"""`make bench`: run the figures on SQLite and on PostgreSQL, print one table, write JSON.

SQLite uses a fresh file in a temporary folder; PostgreSQL a fresh database `kyodo_bench` on the
server BENCH_POSTGRES (default postgres://postgres@127.0.0.1:5432), skipped with a note when the
server cannot be reached. BENCH_YEARS and BENCH_PER_YEAR make a quicker run (say 2 and 2000);
BENCH_DATABASES=postgresql (or sqlite) measures one of them only.
"""

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
POSTGRES = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
OUTPUT = ROOT / "bench-results.json"


def _postgres_url() -> str | None:
    import psycopg

    try:
        with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True, connect_timeout=3) as admin:
            admin.execute("DROP DATABASE IF EXISTS kyodo_bench WITH (FORCE)")
            admin.execute("CREATE DATABASE kyodo_bench")
    except psycopg.OperationalError as error:
        print(f"PostgreSQL not measured: {error}", file=sys.stderr)
        return None
    return f"{POSTGRES}/kyodo_bench"


def _measure(database_url: str) -> dict:
    env = {**os.environ, "DATABASE_URL": database_url, "DEBUG": "1"}
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "--verbosity", "0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    done = subprocess.run(
        [sys.executable, "-m", "tests.bench.database"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def _ratio(seconds: float, floor: float) -> str:
    return f"{floor}s ({seconds / floor:.1f}x)"


def _floor(result: dict, figures: dict) -> str:
    """The import's floor and its ratio to it: pg_restore of a big year, or executemany."""
    if "bulk_seconds" in figures:
        return _ratio(figures["seconds"], figures["bulk_seconds"])
    floor = result.get("floor")
    if floor is None or figures["projects"] != floor["projects"]:
        return "—"
    return _ratio(figures["seconds"], floor["seconds"])


def _table(results: list[dict]) -> str:
    names = [r["database"] for r in results]
    out = [f"{'':<48}" + "".join(f"{n:>22}" for n in names)]

    def row(label, values):
        out.append(f"{label:<48}" + "".join(f"{v:>22}" for v in values))

    imports = [r["imports"] for r in results]
    for index, first in enumerate(imports[0]):
        label = f"import FY{first['fiscal_year']} {first['projects']:,} projects"
        if index in (0, 1, len(imports[0]) - 1):  # the small year, the first and the last big one
            row(label + " s", [i[index]["seconds"] for i in imports])
            row("  rows/s", [f"{i[index]['rows_per_second']:,}" for i in imports])
            row("  peak MiB", [i[index]["peak_mib"] for i in imports])
            row(
                "  floor: pg_restore or executemany (ratio)",
                [_floor(r, r["imports"][index]) for r in results],
            )
    floors = [r.get("floor") for r in results]
    if any(floors):
        floor = next(f for f in floors if f)
        row(
            f"pg_restore of FY{floor['fiscal_year']} into a fresh database s",
            [f"{f['seconds']} ({f['rows']:,} rows)" if f else "—" for f in floors],
        )
        row(
            "  the import into a fresh database (ratio)",
            [
                f"{f['import_fresh_seconds']}s ({f['import_fresh_seconds'] / f['seconds']:.1f}x)"
                if f
                else "—"
                for f in floors
            ],
        )
    for kind in ("csv", "xlsx", "json"):
        exports = [r["exports"][kind] for r in results]
        row(f"export_report {kind} (last year) s", [e["seconds"] for e in exports])
    total = results[0]["total_projects"]
    for page in results[0]["pages"]:
        figures = [r["pages"][page] for r in results]
        row(
            f"{page} at {total:,}: median/p95 ms (queries)",
            [
                f"{f['median_ms']}/{f['p95_ms']} ({f['queries']})"
                if "median_ms" in f
                else f"HTTP {f['status']}"
                for f in figures
            ],
        )
    return "\n".join(out)


def main() -> None:
    started = time.perf_counter()
    results = []
    databases = os.environ.get("BENCH_DATABASES", "sqlite,postgresql").split(",")
    if "sqlite" in databases:
        with tempfile.TemporaryDirectory() as folder:
            print("measuring SQLite…", file=sys.stderr, flush=True)
            results.append(_measure(f"sqlite:///{Path(folder) / 'bench.sqlite3'}"))
    url = _postgres_url() if "postgresql" in databases else None
    if url:
        print("measuring PostgreSQL…", file=sys.stderr, flush=True)
        results.append(_measure(url))
    table = _table(results)
    print(table)
    print(f"\n{time.perf_counter() - started:.0f} s in all; figures in {OUTPUT.name}")
    OUTPUT.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n")


if __name__ == "__main__":
    main()
