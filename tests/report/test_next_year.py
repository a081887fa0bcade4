"""次年度へ複製: next year's drafts of recurring projects."""

import pytest
from django.core.exceptions import PermissionDenied

from projects.models import Category, Project, Session
from projects.rules import name_for_year
from projects.services.next_year import project_copy_to_next_year
from tests.factories import day, make_project, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator():
    return make_user(username="coordinator", is_superuser=True)


@pytest.fixture
def clerk():
    return make_user(username="clerk", departments=["生涯学習課"])


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("令和5年度 苫小牧市民塾", "令和6年度 苫小牧市民塾"),
        ("令和5年度第1回 苫小牧地域振興ゼミナール", "令和6年度第1回 苫小牧地域振興ゼミナール"),
        ("2023年度サテライト・ゼミ 苫小牧", "2024年度サテライト・ゼミ 苫小牧"),
        ("ノーザンホースパークマラソン2023", "ノーザンホースパークマラソン2024"),
        ("第35回苫小牧ハスカップトライアスロン大会", "第35回苫小牧ハスカップトライアスロン大会"),
        ("令和4年から続く講座 令和5年度版", "令和4年から続く講座 令和6年度版"),
        ("まちかどミーティング", "まちかどミーティング"),
        ("２０２３年度ＱＣ研修", "２０２４年度ＱＣ研修"),
        ("20231 は番号", "20231 は番号"),
    ],
)
def test_a_name_with_the_year_in_it_gets_the_next_year(name, expected):
    assert name_for_year(name, from_year=2023, to_year=2024) == expected


def test_the_era_changes_when_the_year_moves_into_a_new_one():
    assert name_for_year("平成30年度 講座", from_year=2018, to_year=2019) == "令和元年度 講座"


def test_an_annual_project_is_copied_to_next_year_without_sessions_or_effect(coordinator):
    source = make_project(
        name="令和5年度 苫小牧市民塾",
        department="生涯学習課",
        since_year=2007,
        purpose="医療費の講座",
        effect="好評だった",
        partners=[
            {"name": "一般社団法人訓練協会", "written_as": "(一社)訓練協会"},
            {"name": "造園組合", "role": "庭木の剪定", "count": 3},
        ],
        sessions=[{"start": day(2023, 9, 13), "participants": 61}],
    )
    [copy] = project_copy_to_next_year(projects=[source], user=coordinator)
    copy.refresh_from_db()
    assert copy.fiscal_year == 2024
    assert copy.name == "令和6年度 苫小牧市民塾"
    assert (copy.form, copy.department, copy.category) == (
        source.form,
        source.department,
        Category.ANNUAL,
    )
    assert copy.since_year == 2007
    assert copy.purpose == "医療費の講座"
    assert copy.effect == ""
    assert not Session.objects.filter(project=copy).exists()
    links = [
        (link.partner.name, link.role, link.count, link.written_as, link.order)
        for link in copy.partner_links.order_by("order")
    ]
    assert links == [
        ("一般社団法人訓練協会", "", None, "(一社)訓練協会", 0),
        ("造園組合", "庭木の剪定", 3, "造園組合", 1),  # saved without one: the name then
    ]
    assert copy.history.first().history_user == coordinator


def test_next_years_drafts_are_not_published(coordinator):
    source = make_project(name="令和5年度 苫小牧市民塾", category=Category.ANNUAL)
    Project.objects.filter(pk=source.pk).update(published=True)

    (copy,) = project_copy_to_next_year(projects=[source], user=coordinator)

    assert copy.published is False


def test_a_biennial_project_is_copied_two_years_on(coordinator):
    source = make_project(name="令和5年度第1回 ゼミナール", category=Category.BIENNIAL)
    [copy] = project_copy_to_next_year(projects=[source], user=coordinator)
    assert copy.fiscal_year == 2025
    assert copy.name == "令和7年度第1回 ゼミナール"


def test_one_year_and_other_projects_are_skipped(coordinator):
    new = make_project(name="備えるフェスタ", category=Category.NEW)
    other = make_project(name="その他の事業", category=Category.OTHER)
    assert project_copy_to_next_year(projects=[new, other], user=coordinator) == []
    assert not Project.objects.filter(fiscal_year=2024).exists()


def test_the_copy_takes_the_next_free_number_of_its_year_and_form(coordinator):
    make_project(fiscal_year=2024, name="既存の事業", number=7)
    first = make_project(name="甲の事業")
    second = make_project(name="乙の事業")
    copies = project_copy_to_next_year(projects=[first, second], user=coordinator)
    assert [c.number for c in copies] == [8, 9]


def test_copying_twice_creates_nothing_more(coordinator):
    source = make_project(name="令和5年度 苫小牧市民塾", partners=["女性団体連絡協議会"])
    assert len(project_copy_to_next_year(projects=[source], user=coordinator)) == 1
    assert project_copy_to_next_year(projects=[source], user=coordinator) == []
    assert Project.objects.filter(fiscal_year=2024).count() == 1


def test_a_clerk_copies_their_own_departments_projects(clerk):
    source = make_project(name="市民塾", department="生涯学習課")
    [copy] = project_copy_to_next_year(projects=[source], user=clerk)
    assert copy.department.name == "生涯学習課"


def test_a_clerk_cannot_copy_another_departments_project_and_nothing_is_created(clerk):
    own = make_project(name="市民塾", department="生涯学習課")
    other = make_project(name="マラソン", department="スポーツ都市推進課")
    with pytest.raises(PermissionDenied, match="マラソン"):
        project_copy_to_next_year(projects=[own, other], user=clerk)
    assert not Project.objects.filter(fiscal_year=2024).exists()
