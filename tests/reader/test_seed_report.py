"""The seed, the city's 令和5年度 共催 table extracted from the PDF, read cell by cell."""

import pytest

from projects import layout
from projects.reader.cells import parse_category, parse_name, parse_partners, parse_sessions
from projects.reader.table import decode_source, read_report
from tests.factories import SEED


@pytest.fixture(scope="module")
def table():
    return read_report(decode_source(SEED.read_bytes()))


def test_the_seed_has_23_rows_of_fiscal_year_2023_in_the_form_kyosai(table):
    assert (len(table.rows), table.fiscal_year, table.form, table.declared_count) == (
        23,
        2023,
        "共催",
        23,
    )
    assert [row.cells[layout.NUMBER] for row in table.rows] == [str(n) for n in range(1, 24)]


def test_every_cell_of_every_row_is_read(table):
    for row in table.rows:
        parse_name(row.cells[layout.NAME])
        parse_category(row.cells[layout.CATEGORY])
        parse_partners(row.cells[layout.PARTNERS])
        parse_sessions(row.cells[layout.SESSIONS])


def test_the_participants_add_up_to_12054(table):
    assert (
        sum(parse_sessions(row.cells[layout.SESSIONS]).participants_total for row in table.rows)
        == 12054
    )


def test_every_session_lies_in_the_fiscal_year(table):
    for row in table.rows:
        for session in parse_sessions(row.cells[layout.SESSIONS]).sessions:
            assert (
                "2023-04-01"
                <= str(session.start)
                <= str(session.end or session.start)
                <= "2024-03-31"
            )


def test_the_reported_totals_agree_with_the_sessions(table):
    cell = parse_sessions(table.rows[22].cells[layout.SESSIONS])
    assert (cell.reported_session_count, cell.reported_participants_total) == (9, 165)
    assert (len(cell.sessions), cell.participants_total) == (9, 165)


def test_the_categories_are_15_annual_7_new_1_biennial(table):
    categories = [parse_category(row.cells[layout.CATEGORY])[0] for row in table.rows]
    assert {c: categories.count(c) for c in set(categories)} == {
        "annual": 15,
        "new": 7,
        "biennial": 1,
    }


def test_there_are_14_departments(table):
    departments = {parse_name(row.cells[layout.NAME])[1] for row in table.rows}
    assert len(departments) == 14
    assert "協働・男女平等参画室" in departments and "スポーツ都市推進課" in departments


def test_there_are_42_partners_each_once_however_written(table):
    partners = [p for row in table.rows for p in parse_partners(row.cells[layout.PARTNERS])]
    names = {p.name for p in partners}
    assert len(names) == 42
    sports = {p.written_as for p in partners if p.name == "公益財団法人苫小牧市スポーツ協会"}
    assert sports == {"(公財) 苫小牧市スポーツ協会", "公益財団法人苫小牧市スポーツ協会"}
    assert sum(1 for p in partners if p.name == "公益財団法人苫小牧市スポーツ協会") == 3
    assert sum(1 for p in partners if p.name == "株式会社苫小牧民報社") == 2


def test_the_first_row_is_read_as_printed(table):
    cells = table.rows[0].cells
    assert parse_name(cells[layout.NAME]) == ("まちかどミーティング", "協働・男女平等参画室")
    assert parse_category(cells[layout.CATEGORY]) == ("annual", 1987)
    (partner,) = parse_partners(cells[layout.PARTNERS])
    assert (partner.name, partner.count) == ("町内会", 82)
    (session,) = parse_sessions(cells[layout.SESSIONS]).sessions
    assert (session.participants, session.note) == (305, "16地区にて開催")
