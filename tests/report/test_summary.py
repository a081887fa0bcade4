"""The yearly summary: figures aggregated from the records, and the change against last year."""

import csv
import io
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from partners.models import PartnerKind
from projects.models import Category, Form
from projects.report.summary import yearly_series, yearly_summary
from tests.factories import day, make_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_years():
    Form.objects.get_or_create(name="委託", defaults={"order": 3})
    # 2022: two projects, 100 people, one partner
    make_project(
        fiscal_year=2022,
        name="令和4年度 苫小牧市民塾",
        department="生涯学習課",
        partners=[{"name": "女性団体連絡協議会", "kind": PartnerKind.COMMUNITY}],
        sessions=[{"start": day(2022, 9, 1), "participants": 60}],
    )
    make_project(
        fiscal_year=2022,
        name="講演会",
        department="生涯学習課",
        category=Category.NEW,
        sessions=[{"start": day(2022, 10, 1), "participants": 40}],
    )
    # 2023: three projects in two forms, 3 partners (one shared by two projects)
    make_project(
        name="令和5年度 苫小牧市民塾",
        department="生涯学習課",
        since_year=2007,
        partners=[{"name": "女性団体連絡協議会", "kind": PartnerKind.COMMUNITY}],
        sessions=[
            {"start": day(2023, 9, 13), "participants": 61},
            {"start": day(2023, 10, 13), "participants": 39},
        ],
    )
    make_project(
        name="防災フェスタ",
        department="危機管理室",
        category=Category.NEW,
        partners=[
            {"name": "株式会社栗林商会", "kind": PartnerKind.COMPANY},
            {"name": "女性団体連絡協議会", "kind": PartnerKind.COMMUNITY},
        ],
        sessions=[{"start": day(2023, 11, 4), "participants": 6000, "approximate": True}],
    )
    make_project(
        form="委託",
        number=1,
        name="ゼミナール",
        department="危機管理室",
        category=Category.BIENNIAL,
        partners=[{"name": "株式会社苫東", "kind": PartnerKind.COMPANY}],
        sessions=[{"start": day(2023, 5, 26)}],
    )


def test_the_summary_counts_projects_by_form_with_the_report_heading(two_years):
    summary = yearly_summary(2023)
    assert summary["fiscal_year"] == 2023
    assert summary["label"] == "令和5年度"
    assert summary["projects"] == 3
    assert summary["by_form"] == [
        {"form": "共催", "projects": 2, "label": "共催（2件）"},
        {"form": "委託", "projects": 1, "label": "委託（1件）"},
    ]


def test_the_summary_counts_every_category_including_those_with_none(two_years):
    summary = yearly_summary(2023)
    assert summary["by_category"] == [
        {"category": "例年実施", "projects": 1},
        {"category": "単年度(新規)実施", "projects": 1},
        {"category": "2年に一度実施", "projects": 1},
        {"category": "その他", "projects": 0},
    ]
    assert summary["new_vs_continuing"] == {"new": 1, "continuing": 2, "other": 0}


def test_participants_are_summed_by_department_and_approximation_is_flagged(two_years):
    summary = yearly_summary(2023)
    # ゼミナール (危機管理室) has no count: summed as nothing and counted apart.
    assert summary["by_department"] == [
        {
            "department": "危機管理室",
            "projects": 2,
            "participants": 6000,
            "approximate": True,
            "participants_unknown": 1,
        },
        {
            "department": "生涯学習課",
            "projects": 1,
            "participants": 100,
            "approximate": False,
            "participants_unknown": 0,
        },
    ]
    assert summary["participants_total"] == 6100
    assert summary["participants_approximate"] is True
    assert summary["participants_unknown"] == 1


def test_partners_are_counted_once_each_however_many_projects_they_joined(two_years):
    summary = yearly_summary(2023)
    assert summary["partners"] == 3
    assert summary["partners_by_kind"] == [
        {"kind": "企業", "partners": 2},
        {"kind": "地域団体", "partners": 1},
    ]


def test_the_previous_year_is_summarised_with_the_same_keys_and_the_change_against_it(two_years):
    summary = yearly_summary(2023)
    previous = summary["previous_year"]
    assert previous["label"] == "令和4年度"
    assert previous["projects"] == 2
    assert previous["participants_total"] == 100
    assert previous["participants_approximate"] is False
    assert previous["partners"] == 1
    assert summary["change"] == {"projects": 1, "participants_total": 6000, "partners": 2}


def test_the_previous_year_is_null_when_the_register_has_no_projects_that_year(two_years):
    summary = yearly_summary(2022)
    assert summary["previous_year"] is None
    assert summary["change"] is None


def test_the_series_lists_every_year_oldest_first(two_years):
    series = [
        (y["label"], y["projects"], y["participants_text"], y["partners"]) for y in yearly_series()
    ]
    assert series == [
        ("令和4年度", 2, "100人", 1),
        ("令和5年度", 3, "約6,100人（人数不明 1件）", 3),
    ]


def test_the_summary_command_prints_json_with_the_documented_keys(two_years):
    out = StringIO()
    call_command("summary", "--fiscal-year", "2023", "--format", "json", stdout=out)
    data = json.loads(out.getvalue())
    for key in (
        "fiscal_year",
        "label",
        "projects",
        "by_form",
        "by_category",
        "by_department",
        "participants_total",
        "participants_approximate",
        "partners",
        "previous_year",
    ):
        assert key in data
    assert data["previous_year"]["projects"] == 2


def test_the_summary_command_prints_japanese_text(two_years):
    out = StringIO()
    call_command("summary", "--fiscal-year", "2023", stdout=out)
    text = out.getvalue()
    assert "令和5年度 協働事業 年次集計" in text
    assert "① 共催（2件）" in text
    assert "約6,100人" in text
    assert "前年度（令和4年度）との比較" in text


def test_the_summary_command_writes_csv_rows(two_years):
    out = StringIO()
    call_command("summary", "--fiscal-year", "2023", "--format", "csv", stdout=out)
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert rows[0] == ["年度", "集計", "項目", "件数", "参加人数", "概数を含む"]
    assert ["令和5年度", "担当課", "危機管理室", "2", "6000", "はい"] in rows


def test_the_summary_of_an_empty_year_is_refused_in_japanese(two_years):
    with pytest.raises(CommandError, match="令和3年度の協働事業は登録されていません"):
        call_command("summary", "--fiscal-year", "2021")
