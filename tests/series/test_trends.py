"""年次集計's trend over up to ten years: figures, CSV rows, charts and the template include."""

import pytest
from django.template.loader import render_to_string

from partners.models import PartnerKind
from projects.models import Category
from projects.report.summary import SUMMARY_CSV_HEADERS, yearly_summary
from projects.report.trends import trend_charts, trend_rows, trends
from tests.factories import add_partner, make_project, make_session

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_years(chain, kyosai, kouen, lifelong):
    """2022: まちかどミーティング (linked) and a new 後援 concert; 2023: the meeting only."""
    make_project(
        form=kouen,
        department=lifelong,
        number=1,
        name="コンサート",
        fiscal_year=2022,
        category=Category.NEW,
    )
    add_partner(project=chain[2022], name="株式会社テスト", kind=PartnerKind.COMPANY)
    add_partner(project=chain[2022], name="町内会連合会", kind=PartnerKind.COMMUNITY, order=1)
    add_partner(project=chain[2023], name="町内会連合会", kind=PartnerKind.COMMUNITY)
    make_session(project=chain[2022], month=6, participants=120)
    make_session(project=chain[2023], month=6, participants=300, approximate=True)
    make_session(project=chain[2023], month=1, participants=20)
    return chain


def test_each_year_has_its_figures(two_years):
    trend = trends(2023)
    assert [y.fiscal_year for y in trend.years] == [2021, 2022, 2023]
    y2022, y2023 = trend.years[1], trend.years[2]
    assert (y2022.projects, y2023.projects) == (2, 1)
    assert trend.forms == ["共催", "後援"]
    assert y2022.by_form == {"共催": 1, "後援": 1}
    assert y2022.by_category == {"例年実施": 1, "単年度(新規)実施": 1}
    assert (y2022.participants, y2022.participants_approximate) == (120, False)
    assert y2023.participants_text == "約320人"
    assert y2022.partners_by_kind == {"企業": 1, "地域団体": 1}
    assert (y2023.partners, y2023.partners_by_kind) == (1, {"地域団体": 1})
    assert trend.kinds == ["企業", "地域団体"]


def test_new_and_continuing_follow_the_category_as_each_years_card_does(two_years):
    first, middle, last = trends(2023).years
    assert (first.new, first.continuing) == (0, 1)  # 例年実施
    assert (middle.new, middle.continuing) == (1, 1)  # the new concert, the annual meeting
    assert (last.new, last.continuing) == (0, 1)
    for year in (first, middle, last):
        card = yearly_summary(year.fiscal_year)["new_vs_continuing"]
        assert (year.new, year.continuing, year.other) == (
            card["new"],
            card["continuing"],
            card["other"],
        )


def test_at_most_ten_years_up_to_the_chosen_one(kyosai, kyodo_room):
    for year in range(2010, 2025):
        make_project(form=kyosai, department=kyodo_room, number=1, name="事業", fiscal_year=year)
    years = [y.fiscal_year for y in trends(2023).years]
    assert years == list(range(2014, 2024))
    assert [y.fiscal_year for y in trends(2023, years=3).years] == [2021, 2022, 2023]


def test_the_csv_rows_fit_the_summary_csv(two_years):
    rows = trend_rows(trends(2023))
    assert all(len(row) == len(SUMMARY_CSV_HEADERS) for row in rows)
    assert ["令和4年度", "推移：協働の形態", "後援", 1, "", ""] in rows
    assert ["令和5年度", "推移：合計", "参加人数", "", 320, "はい"] in rows
    assert ["令和4年度", "推移：新規・継続", "新規", 1, "", ""] in rows
    assert ["令和4年度", "推移：関係団体の種別", "企業", 1, "", ""] in rows


def test_the_charts_and_the_include_show_every_year(two_years):
    trend = trends(2023)
    charts = trend_charts(trend)
    assert [c["title"] for c in charts] == [
        "協働事業の件数の推移",
        "参加人数の推移",
        "関係団体の数の推移",
        "継続の協働事業の推移",
    ]
    assert "令和4年度" in charts[0]["svg"] and "約320人" in charts[1]["svg"]
    html = render_to_string(
        "admin/projects/summary_trends.html", {"trends": trend, "trend_charts": charts}
    )
    assert "推移（令和3年度～令和5年度、3年度）" in html
    assert "令和4年度" in html and "2022年度" in html
    assert "単年度(新規)実施" in html and "企業" in html


def test_one_year_alone_shows_no_trend(kyosai, kyodo_room):
    make_project(form=kyosai, department=kyodo_room, number=1, name="事業")
    html = render_to_string(
        "admin/projects/summary_trends.html", {"trends": trends(2023), "trend_charts": []}
    )
    assert html.strip() == ""


@pytest.mark.parametrize("count", [1, 200])
def test_the_trend_costs_the_same_queries_for_one_and_two_hundred_projects(
    kyosai, kyodo_room, django_assert_num_queries, count
):
    for number in range(1, count + 1):
        project = make_project(
            form=kyosai, department=kyodo_room, number=number, name=f"事業{number}"
        )
        add_partner(project=project, name=f"団体{number % 7}")
        make_session(project=project, month=6, participants=10)
    # The register's years, the years' tokens (the saves made them), 5 aggregates; once counted,
    # the figures are kept and the next trend reads the years and the tokens only.
    with django_assert_num_queries(1 + 1 + 5):
        trend = trends(2023)
    assert trend.years[0].projects == count
    assert trend.years[0].participants == 10 * count
    with django_assert_num_queries(2):
        assert trends(2023) == trend


def test_a_year_without_counts_is_unknown_not_zero(chain, kyosai, kyodo_room):
    make_session(project=chain[2022], month=6, participants=12)
    make_project(form=kyosai, department=kyodo_room, number=2, name="人数不明", fiscal_year=2022)
    first, middle, _last = trends(2023).years
    assert first.participants_text == "不明"  # 2021: no count at all
    assert middle.participants_text == "12人（人数不明 1件）"
    rows = trend_rows(trends(2023))
    assert ["令和3年度", "推移：合計", "参加人数", "", "不明", ""] in rows
    assert ["令和4年度", "推移：合計", "人数不明の協働事業", 1, "", ""] in rows
