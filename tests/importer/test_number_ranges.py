"""Numbers and texts beyond what the database can store are refused by the reader.

PostgreSQL would stop at its column's range (a DataError traceback) while SQLite stores
anything: the reader checks every number and text length itself, so both databases give the
same clear message naming the row, the column and the text, and save nothing.
"""

import pytest

from projects.models import Project
from tests.report_text import report_row, report_text

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("row", "column", "expected"),
    [
        (report_row(1).replace("1\t", "40000\t", 1), "No.", "32,767"),
        (
            report_row(1, sessions="令和5年8月22日 (3,000,000,000人)"),
            "実施年月日、参加人数",
            "2,147,483,647",
        ),
        (
            report_row(1, sessions="令和5年8月22日 (30人) 全40000回"),
            "実施年月日、参加人数",
            "32,767",
        ),
        (report_row(1, partners="3000000000町内会"), "取組に関係した団体等", "2,147,483,647"),
        (report_row(1, category="例年実施 (9999年頃から継続実施)"), "実施区分", "2200"),
        (report_row(1, name="長" * 301 + " (市民課)"), "協働事業の名称 (担当課)", "300"),
        (report_row(1, name="事業 (" + "課" * 101 + ")"), "協働事業の名称 (担当課)", "100"),
        (report_row(1, partners="団" * 201), "取組に関係した団体等", "200"),
    ],
    ids=[
        "No.",
        "participants",
        "session count",
        "partner count",
        "since year",
        "name",
        "department",
        "partner name",
    ],
)
def test_a_value_beyond_its_column_is_a_clear_error_and_nothing_is_saved(
    refused, row, column, expected
):
    errors = refused(report_text([row]))

    assert f"「{column}」" in errors
    assert expected in errors
    assert Project.objects.count() == 0


def test_the_largest_values_that_fit_are_saved(import_report):
    row = report_row(
        32767, sessions="令和5年8月22日 (2,147,483,647人) 全1回", name="長" * 300 + " (市民課)"
    )

    import_report(report_text([row]))

    project = Project.objects.get()
    assert project.number == 32767
    assert project.sessions.get().participants == 2_147_483_647
