"""Fast inserts for the importer: rows as dicts, written with their history, no model instances.

Building a model instance and a historical instance per row, then compiling an INSERT for them,
was most of an import's time. Here the rows go straight to the database: PostgreSQL's COPY, or
one executemany on SQLite. Primary keys are taken beforehand (from the table's sequence, or past
the largest id under SQLite's write lock), because the history rows record them and the children
refer to them. Everything runs inside the caller's transaction: nothing is half-written.
"""

import collections
import datetime
import operator
from collections.abc import Sequence

from django.db import connection, models


def _columns(model, row: dict) -> list[models.Field]:
    """The columns written: every concrete field but a primary key the row does not give (the
    database numbers the row)."""
    return [f for f in model._meta.concrete_fields if not f.primary_key or f.attname in row]


def allocate_ids(model, count: int) -> list[int]:
    """Primary keys for ``count`` new rows of the model, unique for good."""
    if count == 0:
        return []
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # The sequence looked up once (in the select list it was looked up for every id,
            # costing more than the ids themselves).
            cursor.execute(
                "SELECT nextval(sequence) FROM pg_get_serial_sequence(%s, %s) AS sequence, "
                "generate_series(1, %s)",
                [table, model._meta.pk.column, count],
            )
            return [row[0] for row in cursor.fetchall()]
        # SQLite: the transaction began with BEGIN IMMEDIATE, so no other writer can take these;
        # AUTOINCREMENT never reuses an id, hence the larger of the table's and its sequence's.
        cursor.execute(
            f"SELECT max(coalesce((SELECT max(id) FROM {table}), 0), "
            "coalesce((SELECT seq FROM sqlite_sequence WHERE name = %s), 0))",
            [table],
        )
        last = cursor.fetchone()[0]
    return list(range(last + 1, last + 1 + count))


def _memoized(adapt):
    # Most values repeat (every history row of a write has the same time, a year has 366 dates):
    # each is adapted once, not once a row.
    cache = {}

    def adapted(value):
        if value is None:
            return None
        try:
            return cache[value]
        except KeyError:
            cache[value] = result = adapt(value)
            return result

    return adapted


def _adapters(fields: list[models.Field]):
    if connection.vendor == "postgresql":  # psycopg adapts dates, datetimes and booleans itself
        return [None] * len(fields)
    ops = connection.ops
    adapters = []
    for field in fields:
        if isinstance(field, models.DateTimeField):
            adapters.append(_memoized(ops.adapt_datetimefield_value))
        elif isinstance(field, models.DateField):
            adapters.append(_memoized(ops.adapt_datefield_value))
        else:
            adapters.append(None)
    return adapters


def _complete(model, rows: list[dict], now: datetime.datetime) -> list[dict]:
    """Every concrete field of each row: a missing one takes its default, or now when it is
    filled in on save (auto_now, auto_now_add)."""
    fields = _columns(model, rows[0])
    missing = {}
    for field in fields:
        if field.attname in rows[0]:
            continue
        stamped = getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
        missing[field.attname] = now if stamped else field.get_default()
    return [{**missing, **row} for row in rows] if missing else rows


def _insert(model, rows: list[dict]) -> None:
    fields = _columns(model, rows[0])
    names = [f.attname for f in fields]
    adapters = list(zip(names, _adapters(fields), strict=True))
    if all(adapt is None for _, adapt in adapters):
        values = list(map(operator.itemgetter(*names), rows))
    else:
        values = [
            [row[name] if adapt is None else adapt(row[name]) for name, adapt in adapters]
            for row in rows
        ]
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    column_list = ", ".join(quote(f.column) for f in fields)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # psycopg's own cursor: its error raised as Django's class, as for any query
            with (
                connection.wrap_database_errors,
                cursor.cursor.copy(f"COPY {table} ({column_list}) FROM STDIN") as copy,
            ):
                for value in values:
                    copy.write_row(value)
            return
        marks = ", ".join(["%s"] * len(fields))
        cursor.executemany(f"INSERT INTO {table} ({column_list}) VALUES ({marks})", values)


def insert_with_history(model, rows: list[dict], *, user, reason: str) -> None:
    """Insert the rows (attname → value, each with its "id") and one history row each, as
    simple-history's bulk_create_with_history would, with the importing user and reason."""
    if not rows:
        return
    now = datetime.datetime.now(tz=datetime.UTC)
    insert_history(model, insert(model, rows, now=now), user=user, reason=reason, now=now)


def insert(model, rows: list[dict], *, now: datetime.datetime) -> list[dict]:
    """Insert the rows without history; return them with every column (defaults, timestamps)."""
    rows = _complete(model, rows, now)
    _insert(model, rows)
    return rows


def insert_history(
    model, rows: list[dict], *, user, reason: str, now: datetime.datetime, kind: str = "+"
) -> None:
    """One history row for each row (complete, as insert returns them): created ("+") or
    changed ("~") at ``now``. The history rows are numbered by the database, in the rows'
    order: nothing refers to them."""
    if not rows:
        return
    history = model.history.model
    stamps = {
        "history_date": now,
        "history_change_reason": reason,
        "history_type": kind,
        "history_user_id": getattr(user, "pk", None),
    }
    # The row's other columns (an untracked one such as Project.version) are not written.
    _insert(history, _complete(history, [{**row, **stamps} for row in rows], now))


def assign_ids(objects: Sequence[models.Model], ids: list[int]) -> None:
    """Give unsaved objects their ids (allocate_ids, IdPool.take), as saved objects have."""
    for obj, pk in zip(objects, ids, strict=True):
        obj.pk = pk
        obj._state.adding = False


class IdPool:
    """The ids of one model's new rows in an import.

    PostgreSQL: the ids expected for the whole file are taken at once (one query, not one a
    batch), more when needed; an id left over is a gap, as after any rollback. SQLite: taken
    when needed (past the largest id).
    """

    def __init__(self, model, expected: int):
        self.model = model
        postgresql = connection.vendor == "postgresql"
        self.ids = collections.deque(allocate_ids(model, expected) if postgresql else ())

    def take(self, count: int) -> list[int]:
        if len(self.ids) < count:
            self.ids.extend(allocate_ids(self.model, count - len(self.ids)))
        return [self.ids.popleft() for _ in range(count)]


def insert_new(model, objects: Sequence[models.Model], attnames, *, user, reason: str) -> None:
    """Give the unsaved objects their ids and write them (the attnames given, the other columns
    their defaults) with their history rows."""
    assign_ids(objects, allocate_ids(model, len(objects)))
    rows = [{name: getattr(obj, name) for name in attnames} for obj in objects]
    insert_with_history(model, rows, user=user, reason=reason)


# After this many new rows the planner's statistics are refreshed at once: until autovacuum
# gets to it, a table that grew by a whole year can be planned as if it were small (a series
# page was then slow after a big import).
ANALYZE_AFTER = 1000


def refresh_statistics(*models_, rows: int) -> None:
    if connection.vendor != "postgresql" or rows < ANALYZE_AFTER:
        return
    quote = connection.ops.quote_name
    tables = ", ".join(quote(model._meta.db_table) for model in models_)
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {tables}")


# ids in one DELETE: under SQLite's 999 parameters
CHUNK = 500


def delete_rows(model, pks: list[int]) -> None:
    # Children of a project have no children of their own: a plain DELETE is the whole delete.
    table = connection.ops.quote_name(model._meta.db_table)
    column = connection.ops.quote_name(model._meta.pk.column)
    with connection.cursor() as cursor:
        for start in range(0, len(pks), CHUNK):
            chunk = pks[start : start + CHUNK]
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute(f"DELETE FROM {table} WHERE {column} IN ({marks})", chunk)
