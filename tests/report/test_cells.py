"""Each report cell is rebuilt from the structured records in the report's own wording."""

import pytest

from projects.models import Category
from projects.report import cells
from projects.selectors import projects_for_report
from tests.factories import day, make_project

pytestmark = pytest.mark.django_db


def reload(project):
    """The project as the export reads it: with the report's prefetches."""
    return projects_for_report(fiscal_year=project.fiscal_year).get(pk=project.pk)


def test_the_name_cell_puts_the_department_in_parentheses_after_the_name():
    project = make_project(name="まちかどミーティング", department="協働・男女平等参画室")
    assert cells.name_cell(reload(project)) == "まちかどミーティング (協働・男女平等参画室)"


def test_the_category_cell_of_a_recurring_project_says_since_when_in_the_era_calendar():
    project = make_project(category=Category.ANNUAL, since_year=1987)
    assert cells.category_cell(project) == "例年実施 (昭和62年頃から継続実施)"


def test_the_category_cell_writes_the_first_year_of_an_era_as_gannen():
    project = make_project(category=Category.ANNUAL, since_year=2019)
    assert cells.category_cell(project) == "例年実施 (令和元年頃から継続実施)"


@pytest.mark.parametrize(
    ("category", "expected"),
    [
        (Category.ANNUAL, "例年実施"),
        (Category.NEW, "単年度(新規)実施"),
        (Category.BIENNIAL, "2年に一度実施"),
        (Category.OTHER, "その他"),
    ],
)
def test_the_category_cell_without_a_since_year_is_the_category_alone(category, expected):
    project = make_project(category=category)
    assert cells.category_cell(project) == expected


def test_partners_are_joined_with_the_ideographic_comma_in_link_order():
    project = make_project(partners=["乙の会", "甲の会", "丙株式会社"])
    assert cells.partners_cell(reload(project)) == "乙の会、甲の会、丙株式会社"


def test_a_partner_is_written_as_the_report_wrote_it_and_falls_back_to_its_name():
    project = make_project(
        partners=[
            {
                "name": "公益財団法人苫小牧市スポーツ協会",
                "written_as": "(公財) 苫小牧市スポーツ協会",
            },
            "安平町",
        ]
    )
    assert cells.partners_cell(reload(project)) == "(公財) 苫小牧市スポーツ協会、安平町"


def test_a_partner_with_a_count_is_prefixed_with_it():
    project = make_project(partners=[{"name": "町内会", "count": 82}, "市民の会"])
    assert cells.partners_cell(reload(project)) == "82町内会、市民の会"


def test_role_labels_are_written_once_before_each_run_of_partners_sharing_them():
    project = make_project(
        partners=[
            "職業訓練協会",
            {"name": "造園組合", "role": "庭木の剪定"},
            {"name": "大工会", "role": "日曜大工"},
            {"name": "塗装組合", "role": "日曜大工"},
            {"name": "左官組合", "role": "左官"},
        ]
    )
    assert cells.partners_cell(reload(project)) == (
        "職業訓練協会 庭木の剪定：造園組合 日曜大工：大工会、塗装組合 左官：左官組合"
    )
    assert cells.partners_lines(reload(project)) == [
        "職業訓練協会",
        "庭木の剪定：造園組合",
        "日曜大工：大工会、塗装組合",
        "左官：左官組合",
    ]


def test_a_single_day_session_is_the_era_date_with_its_count():
    project = make_project(sessions=[{"start": day(2023, 5, 14), "participants": 3723}])
    assert cells.sessions_cell(reload(project)) == "令和5年5月14日 (3,723人)"


def test_a_range_in_the_same_year_drops_the_year_from_its_end():
    project = make_project(
        sessions=[
            {
                "start": day(2023, 8, 22),
                "end": day(2023, 10, 31),
                "participants": 305,
                "note": "16地区にて開催",
            }
        ]
    )
    assert cells.sessions_cell(reload(project)) == "令和5年8月22日～10月31日 (305人) 16地区にて開催"


def test_a_range_in_the_same_month_drops_the_month_from_its_end_and_may_have_no_count():
    project = make_project(sessions=[{"start": day(2023, 11, 11), "end": day(2023, 11, 13)}])
    assert cells.sessions_cell(reload(project)) == "令和5年11月11日～13日"


def test_a_range_across_the_new_year_writes_the_end_in_full():
    project = make_project(
        sessions=[{"start": day(2023, 12, 28), "end": day(2024, 1, 5), "participants": 12}]
    )
    assert cells.sessions_cell(reload(project)) == "令和5年12月28日～令和6年1月5日 (12人)"


def test_an_approximate_count_reads_yaku_and_keeps_the_thousands_separator():
    project = make_project(
        sessions=[{"start": day(2023, 11, 4), "participants": 6000, "approximate": True}]
    )
    assert cells.sessions_cell(reload(project)) == "令和5年11月4日 (約6,000人)"


def test_the_unit_is_written_as_stored():
    project = make_project(sessions=[{"start": day(2023, 5, 13), "participants": 21, "unit": "名"}])
    assert cells.sessions_cell(reload(project)) == "令和5年5月13日 (21名)"


def test_sessions_sharing_a_count_are_joined_with_a_comma_and_followed_by_it_once():
    project = make_project(
        sessions=[
            {"start": day(2023, 6, 24), "group": 1, "participants": 46, "label": "交流会"},
            {"start": day(2024, 1, 21), "group": 1, "label": "交流会"},
            {"start": day(2023, 10, 1), "group": 2, "participants": 24, "label": "運動会"},
            {"start": day(2024, 2, 17), "end": day(2024, 2, 18), "group": 3, "participants": 137},
        ]
    )
    assert cells.sessions_cell(reload(project)) == (
        "・交流会 令和5年6月24日、令和6年1月21日 (46人) ・運動会 令和5年10月1日 (24人) "
        "令和6年2月17日～18日 (137人)"
    )


def test_separate_sessions_are_separated_by_a_space_each_with_its_own_count():
    project = make_project(
        sessions=[
            {"start": day(2023, 9, 13), "participants": 6},
            {"start": day(2023, 9, 14), "participants": 7},
        ]
    )
    assert cells.sessions_lines(reload(project)) == ["令和5年9月13日 (6人)", "令和5年9月14日 (7人)"]


def test_sessions_entered_in_the_admin_without_a_group_keep_their_own_counts():
    # The admin starts every new session at group 0, which means "a count of its own".
    project = make_project(
        sessions=[
            {"start": day(2023, 9, 13), "participants": 6, "group": 0},
            {"start": day(2023, 9, 14), "participants": 7, "group": 0},
        ]
    )
    assert cells.sessions_lines(reload(project)) == ["令和5年9月13日 (6人)", "令和5年9月14日 (7人)"]


def test_the_closing_total_follows_the_sessions():
    project = make_project(
        sessions=[
            {"start": day(2023, 5, 13), "participants": 21, "unit": "名"},
            {"start": day(2023, 6, 18), "participants": 14, "unit": "名"},
        ],
        reported_session_count=2,
        reported_participants_total=35,
    )
    assert cells.sessions_cell(reload(project)) == (
        "令和5年5月13日 (21名) 令和5年6月18日 (14名) 全2回 延べ35人"
    )


def test_the_report_row_has_the_year_label_the_form_and_the_seven_columns():
    project = make_project(
        name="消費生活講演会",
        department="市民生活課",
        category=Category.NEW,
        purpose="目的の文",
        effect="効果の文",
        partners=["苫小牧消費者協会"],
        sessions=[{"start": day(2024, 2, 17), "participants": 20}],
    )
    assert cells.report_row(reload(project)) == [
        "令和5年度",
        "共催",
        "1",
        "消費生活講演会 (市民生活課)",
        "単年度(新規)実施",
        "目的の文",
        "苫小牧消費者協会",
        "令和6年2月17日 (20人)",
        "効果の文",
    ]


def test_rendering_prefetched_projects_runs_no_query_per_project(django_assert_num_queries):
    for number in range(3):
        make_project(
            name=f"事業{number}",
            partners=["甲の会", {"name": "乙の会", "role": "協力"}],
            sessions=[{"start": day(2023, 6, 1), "participants": 5}],
        )
    with django_assert_num_queries(3):
        rows = [cells.report_row(p) for p in projects_for_report(fiscal_year=2023)]
    assert len(rows) == 3
