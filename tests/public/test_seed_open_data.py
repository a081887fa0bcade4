"""After `loadseed` (令和5年度 共催, 23 projects): the event dataset and the API on the seed."""

import csv
import io
from io import StringIO

import pytest
from django.core.management import call_command

from projects import layout
from projects.reader.cells import parse_sessions
from projects.reader.table import decode_source, read_report
from tests.factories import SEED

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(db):
    call_command("loadseed", stdout=StringIO())


def seed_dates() -> list[tuple[str, str]]:
    """Every dated session of the seed as the reader reads it, in the report's order."""
    table = read_report(decode_source(SEED.read_bytes()))
    dates = []
    for row in table.rows:
        for session in parse_sessions(row.cells[layout.SESSIONS]).sessions:
            dates.append((session.start.isoformat(), (session.end or session.start).isoformat()))
    return dates


def test_the_event_dataset_has_the_seeds_47_sessions_and_their_dates(client, seeded):
    response = client.get("/opendata/events/2023.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header, body = rows[0], rows[1:]
    assert header[:5] == [
        "都道府県コード又は市区町村コード",
        "NO",
        "都道府県名",
        "市区町村名",
        "イベント名",
    ]
    assert len(body) == 47
    start, end = header.index("開始日"), header.index("終了日")
    assert [(row[start], row[end]) for row in body] == seed_dates()
    assert {row[0] for row in body} == {"012131"}


def test_the_api_counts_seven_new_projects(client, seeded):
    data = client.get("/api/projects/", {"year": 2023, "category": "new"}).json()
    assert data["count"] == 7
    assert {r["category"] for r in data["results"]} == {"単年度(新規)実施"}
