"""Unknown is not zero: a project without a count (「-」 in the report) is never summed as 0人;
年次集計, its text and its CSV say 不明 and count such projects apart."""

import csv
import io

import pytest

from projects.report.summary import (
    for_display,
    summary_csv,
    summary_text,
    yearly_series,
    yearly_summary,
)
from tests.factories import day, make_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def year_with_unknown_counts():
    make_project(
        number=1,
        name="市民講座",
        department="生涯学習課",
        sessions=[{"start": day(2023, 9, 13), "participants": 12054}],
    )
    make_project(
        number=2,
        name="防災講座",
        department="危機管理室",
        sessions=[{"start": day(2023, 10, 1)}],  # 「令和5年10月1日 -」
    )
    make_project(number=3, name="写真展", department="生涯学習課", sessions=[])  # no session
    make_project(
        fiscal_year=2022,
        name="防災講座",
        department="危機管理室",
        sessions=[{"start": day(2022, 10, 1)}],
    )


def test_a_department_without_any_count_is_unknown_not_zero(year_with_unknown_counts):
    shown = for_display(yearly_summary(2023))

    by_department = {d["department"]: d["participants_text"] for d in shown["by_department"]}
    assert by_department == {"生涯学習課": "12,054人（人数不明 1件）", "危機管理室": "不明"}
    assert shown["participants_text"] == "12,054人（人数不明 2件）"
    assert "0人" not in str(by_department)
    # The year before had no count at all.
    assert shown["previous_year"]["participants_text"] == "不明"


def test_the_series_says_unknown_for_a_year_without_counts(year_with_unknown_counts):
    texts = {y["label"]: y["participants_text"] for y in yearly_series()}

    assert texts == {"令和4年度": "不明", "令和5年度": "12,054人（人数不明 2件）"}


def test_the_text_and_the_csv_count_unknown_projects_apart(year_with_unknown_counts):
    summary = yearly_summary(2023)

    text = summary_text(summary)
    assert "危機管理室：1件 不明" in text
    assert "合計 12,054人（人数不明 2件）" in text

    rows = list(csv.reader(io.StringIO(summary_csv(summary).decode("utf-8-sig"))))
    assert ["令和5年度", "担当課", "危機管理室", "1", "不明", ""] in rows
    assert ["令和5年度", "担当課：人数不明", "生涯学習課", "1", "不明", ""] in rows
    assert ["令和5年度", "合計", "参加人数", "", "12054", ""] in rows
    assert ["令和5年度", "合計", "人数不明の協働事業", "2", "", ""] in rows
    assert all(len(row) == 6 for row in rows)


def test_the_chart_labels_an_unknown_department_unknown(year_with_unknown_counts):
    from projects.report.charts import summary_charts

    charts = {c["title"]: str(c["svg"]) for c in summary_charts(yearly_summary(2023))}

    assert "不明" in charts["担当課別 参加人数"]
    assert ">0人<" not in charts["担当課別 参加人数"]
