"""SQLite's floor for an import: the same rows written by its fastest bulk path.

The projects, sessions and partner links of a generated report, and one history row each, go
into scratch tables shaped like the register's (every column, the CHECK and UNIQUE constraints
and the indexes; no foreign keys) by executemany, in one transaction. What an import does beyond
this (reading the text, checking every cell, looking up departments and partners, linking the
series) is its cost. PostgreSQL's floor is a real pg_restore (tests/bench/restore.py).
"""

import datetime
import re
import time

from django.db import connection, models, transaction

from projects.models import Project, ProjectPartner, Session

NOW = datetime.datetime(2026, 11, 29, tzinfo=datetime.UTC)
HISTORY = {"history_date": NOW, "history_change_reason": "取込", "history_type": "+"}


def bulk_write_seconds(text: str) -> float:
    projects, sessions, links = _rows(text)
    writes = []
    for model, rows in ((Project, projects), (Session, sessions), (ProjectPartner, links)):
        history = model.history.model
        writes.append((model, [_complete(model, row) for row in rows]))
        writes.append((history, [_complete(history, {**row, **HISTORY}) for row in rows]))
    names = [_scratch(model) for model, _ in writes]
    try:
        started = time.perf_counter()
        with transaction.atomic(), connection.cursor() as cursor:
            for name, (_, rows) in zip(names, writes, strict=True):
                _write(cursor, name, rows)
        return time.perf_counter() - started
    finally:
        with connection.cursor() as cursor:
            for name in names:
                cursor.execute(f"DROP TABLE IF EXISTS {name}")


def _rows(text: str) -> tuple[list[dict], list[dict], list[dict]]:
    """The rows an import of the report writes, read plainly from its tab-separated lines."""
    projects, sessions, links = [], [], []
    for line in text.splitlines():
        cells = line.split("\t")
        if len(cells) != 7 or not cells[0].isdigit():
            continue
        pk = len(projects) + 1
        projects.append(
            {"id": pk, "fiscal_year": 2000, "number": pk, "name": cells[1], "category": "annual"}
            | {"purpose": cells[3], "effect": cells[6], "form_id": 1, "department_id": 1}
        )
        for order, label in enumerate(cells[5].split("、")):
            sessions.append(
                {"id": len(sessions) + 1, "project_id": pk, "order": order, "group": order}
                | {"label": label[:100], "start": datetime.date(2000, 6, 1), "participants": 10}
            )
        for order, name in enumerate(cells[4].split("、")):
            links.append(
                {"id": len(links) + 1, "project_id": pk, "partner_id": order + 1, "order": order}
                | {"written_as": name}
            )
    return projects, sessions, links


def _complete(model, row: dict) -> dict:
    """Every column of the model's table: given, else its default, else an empty value."""
    complete = {}
    for field in model._meta.concrete_fields:
        if field.attname in row:
            complete[field.attname] = row[field.attname]
        elif isinstance(field, models.AutoField):
            continue  # numbered by the database (a history row's history_id)
        elif field.has_default():
            complete[field.attname] = field.get_default()
        elif isinstance(field, models.DateTimeField):
            complete[field.attname] = NOW
        else:
            complete[field.attname] = None if field.null else ""
    return complete


def _scratch(model) -> str:
    """A table shaped like the model's, empty; its name."""
    table = model._meta.db_table
    name = f"bench_{table}"
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {name}")
        cursor.execute(
            "SELECT sql FROM sqlite_master WHERE tbl_name = %s AND sql IS NOT NULL "
            "ORDER BY type = 'index'",
            [table],
        )
        for (sql,) in cursor.fetchall():
            sql = re.sub(r' REFERENCES "\w+" \("\w+"\)( DEFERRABLE INITIALLY DEFERRED)?', "", sql)
            sql = re.sub(r'INDEX "(\w+)"', r'INDEX "bench_\1"', sql)
            cursor.execute(sql.replace(f'"{table}"', f'"{name}"'))
    return name


def _write(cursor, name: str, rows: list[dict]) -> None:
    columns = list(rows[0])
    quoted = ", ".join(connection.ops.quote_name(column) for column in columns)
    values = [[row[column] for column in columns] for row in rows]
    marks = ", ".join(["%s"] * len(columns))
    cursor.executemany(f"INSERT INTO {name} ({quoted}) VALUES ({marks})", values)
