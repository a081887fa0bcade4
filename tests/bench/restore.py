"""PostgreSQL's floor for an import: pg_restore of the same year's rows into a fresh database.

A copy of the freshly migrated bench database imports one year (the import_report command); the
tables that import wrote to (rows counted before and after: projects, sessions, partner links,
partners and their spellings, 担当課, the history rows, …) are dumped with pg_dump --format=custom,
definitions, data, indexes and constraints. Into a new database holding the rest of the schema
and its rows (restored untimed, without foreign keys), `pg_restore --single-transaction` of that
dump is timed: creating the tables, COPYing the rows, building the indexes (the trigram ones too)
and checking the constraints, foreign keys included. The import's time over it is its ratio.
"""

import os
import shutil
import statistics
import subprocess
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg

SOURCE = "kyodo_bench_floor_source"
TARGET = "kyodo_bench_floor"
REPEAT = int(os.environ.get("BENCH_RESTORE_REPEAT", "3"))


def _url(database_url: str, name: str) -> str:
    parts = urlsplit(database_url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def _binary(name: str, server_major: int) -> str:
    """The client of the server's major version when installed side by side, else PATH's."""
    matching = Path(f"/usr/lib/postgresql/{server_major}/bin/{name}")
    if matching.exists():
        return str(matching)
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found: install the PostgreSQL client")
    return found


def _counts(url: str) -> dict[str, int]:
    with psycopg.connect(url, autocommit=True) as db:
        tables = [
            row[0]
            for row in db.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        ]
        return {t: db.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}


def _run(*args: str) -> None:
    done = subprocess.run(args, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{done.stderr[-3000:]}")


def pg_restore_floor(database_url: str, report: Path, folder: Path, import_child) -> dict:
    """Import ``report`` into a copy of the (freshly migrated, not yet imported) database at
    ``database_url`` with ``import_child(url, path) -> seconds``; time pg_restore of its rows."""
    bench = urlsplit(database_url).path.lstrip("/")
    with psycopg.connect(_url(database_url, "postgres"), autocommit=True) as admin:
        major = admin.info.server_version // 10000
        for name in (SOURCE, TARGET):
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.execute(f"CREATE DATABASE {SOURCE} TEMPLATE {bench}")
        admin.execute(f"CREATE DATABASE {TARGET}")
    source, target = _url(database_url, SOURCE), _url(database_url, TARGET)
    try:
        before = _counts(source)
        import_seconds = import_child(source, report)
        after = _counts(source)
        written = sorted(t for t, n in after.items() if n > before.get(t, 0))
        rows = sum(after[t] - before.get(t, 0) for t in written)

        year_dump, rest_dump = folder / "year.dump", folder / "rest.dump"
        pg_dump = _binary("pg_dump", major)
        tables = [f"--table=public.{t}" for t in written]
        _run(pg_dump, "--format=custom", f"--file={year_dump}", *tables, source)
        others = [f"--exclude-table=public.{t}" for t in written]
        _run(pg_dump, "--format=custom", f"--file={rest_dump}", *others, source)

        pg_restore = _binary("pg_restore", major)
        # The rest of the schema first, untimed; its foreign keys may point at the dumped tables.
        listing = subprocess.run(
            [pg_restore, "--list", str(rest_dump)], capture_output=True, text=True, check=True
        ).stdout
        rest_list = folder / "rest.list"
        rest_list.write_text(
            "\n".join(line for line in listing.splitlines() if " FK CONSTRAINT " not in line)
        )
        _run(pg_restore, "--exit-on-error", f"--use-list={rest_list}", f"--dbname={target}",
             str(rest_dump))  # fmt: skip

        runs = []
        for _ in range(REPEAT):
            with psycopg.connect(target, autocommit=True) as db:
                db.execute("DROP TABLE IF EXISTS " + ", ".join(f'"{t}"' for t in written))
                db.execute("CHECKPOINT")  # the previous round's writes flushed, not this one's
            started = time.perf_counter()
            _run(pg_restore, "--single-transaction", "--exit-on-error", f"--dbname={target}",
                 str(year_dump))  # fmt: skip
            runs.append(time.perf_counter() - started)
        restored = _counts(target)
        if sum(restored[t] for t in written) != sum(after[t] for t in written):
            raise SystemExit("pg_restore did not restore every row of the import")
        return {
            "import_fresh_seconds": round(import_seconds, 2),
            "seconds": round(statistics.median(runs), 3),
            "runs": [round(r, 3) for r in runs],
            "tables": written,
            "rows": rows,
            "dumped_rows": sum(after[t] for t in written),
            "dump_mib": round(year_dump.stat().st_size / 2**20, 1),
        }
    finally:
        with psycopg.connect(_url(database_url, "postgres"), autocommit=True) as admin:
            for name in (SOURCE, TARGET):
                admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
