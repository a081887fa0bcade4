"""Linking a project to its previous year: the rule, hand links, idempotence, queries."""

import pytest
from django.core.exceptions import ValidationError

from projects.models import Category, Project
from projects.services.series import (
    LINK_REASON,
    UNLINK_REASON,
    previous_candidates,
    project_link_previous,
    series_link,
)
from tests.factories import make_project, make_user

pytestmark = pytest.mark.django_db


def linked(project) -> int | None:
    project.refresh_from_db()
    return project.previous_id


def test_the_name_with_its_year_moved_on_finds_last_year(juku):
    assert previous_candidates([juku[2023]]) == {juku[2023].pk: juku[2022]}


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("マラソン2022", "マラソン2023"),
        ("令和4年度第1回 講座", "令和5年度第1回 講座"),
        ("まちかどミーティング", "まちかどミーティング"),
        ("ｼﾐﾝ 講座", "シミン講座"),  # compared as the importer compares names (NFKC, no spaces)
    ],
)
def test_names_match_as_next_year_copies_name_them(kyosai, lifelong, old, new):
    before = make_project(form=kyosai, department=lifelong, number=1, name=old, fiscal_year=2022)
    after = make_project(form=kyosai, department=lifelong, number=1, name=new)
    assert previous_candidates([after]) == {after.pk: before}


def test_another_department_form_or_name_is_not_last_year(juku, kyosai, kyodo_room, kouen):
    make_project(
        form=kyosai, department=kyodo_room, number=2, name="令和5年度 市民塾", fiscal_year=2023
    )
    other_department = Project.objects.get(department=kyodo_room)
    other_form = make_project(
        form=kouen, department=juku[2023].department, number=1, name="令和5年度 市民塾"
    )
    other_name = make_project(
        form=kyosai, department=juku[2023].department, number=4, name="令和5年度 市民大学"
    )
    assert previous_candidates([other_department, other_form, other_name]) == {}


def test_a_biennial_project_finds_the_year_two_years_back(kyosai, lifelong):
    before = make_project(
        form=kyosai,
        department=lifelong,
        number=1,
        name="2021 港まつり",
        fiscal_year=2021,
        category=Category.BIENNIAL,
    )
    after = make_project(
        form=kyosai, department=lifelong, number=1, name="2023 港まつり", category=Category.BIENNIAL
    )
    assert previous_candidates([after]) == {after.pk: before}


def test_the_nearest_year_wins(kyosai, lifelong):
    make_project(form=kyosai, department=lifelong, number=1, name="講座", fiscal_year=2021)
    last = make_project(form=kyosai, department=lifelong, number=1, name="講座", fiscal_year=2022)
    this = make_project(form=kyosai, department=lifelong, number=1, name="講座")
    assert previous_candidates([this]) == {this.pk: last}


def test_two_equal_candidates_leave_the_choice_to_the_coordinator(kyosai, lifelong):
    make_project(form=kyosai, department=lifelong, number=1, name="講座", fiscal_year=2022)
    make_project(form=kyosai, department=lifelong, number=2, name="講座", fiscal_year=2022)
    this = make_project(form=kyosai, department=lifelong, number=1, name="講座")
    assert previous_candidates([this]) == {}


def test_series_link_saves_the_link_with_its_history_and_a_new_version(juku):
    version = juku[2023].version
    assert series_link([juku[2023]]) == [juku[2023]]
    assert linked(juku[2023]) == juku[2022].pk
    assert juku[2023].version == version + 1
    record = juku[2023].history.latest()
    assert record.previous_id == juku[2022].pk
    assert record.history_change_reason == LINK_REASON


def test_linking_twice_changes_nothing(juku):
    series_link([juku[2023]])
    records = juku[2023].history.count()
    project = Project.objects.get(pk=juku[2023].pk)
    assert series_link([project]) == []
    assert juku[2023].history.count() == records


def test_a_link_made_by_hand_is_kept(juku, kyosai, lifelong):
    other = make_project(
        form=kyosai, department=lifelong, number=9, name="前身の事業", fiscal_year=2021
    )
    user = make_user(username="coordinator")
    project_link_previous(juku[2023], other, user=user)
    assert series_link([Project.objects.get(pk=juku[2023].pk)]) == []
    assert linked(juku[2023]) == other.pk


def test_a_link_taken_off_by_hand_is_not_made_again(juku):
    series_link([juku[2023]])
    user = make_user(username="coordinator")
    project_link_previous(Project.objects.get(pk=juku[2023].pk), None, user=user)
    assert juku[2023].history.latest().history_change_reason == UNLINK_REASON
    assert series_link([Project.objects.get(pk=juku[2023].pk)]) == []
    assert linked(juku[2023]) is None


def test_a_hand_link_must_point_to_an_earlier_year(juku):
    user = make_user(username="coordinator")
    with pytest.raises(ValidationError):
        project_link_previous(juku[2022], juku[2023], user=user)
    with pytest.raises(ValidationError):
        project_link_previous(juku[2023], juku[2023], user=user)
    assert linked(juku[2022]) is None


def _years(count, kyosai, lifelong):
    for number in range(1, count + 1):
        for year in (2022, 2023):
            make_project(
                form=kyosai,
                department=lifelong,
                number=number,
                name=f"{year}年度 講座{number}",
                fiscal_year=year,
            )
    return list(Project.objects.for_year(2023))


@pytest.mark.parametrize("count", [1, 200])
def test_a_batch_costs_the_same_queries_for_one_and_two_hundred(
    kyosai, lifelong, django_assert_num_queries, count
):
    projects = _years(count, kyosai, lifelong)
    # Candidates, the departments' successions, the history of hand-made unlinks, the update
    # (one executemany), its history rows (one INSERT … SELECT); and the transaction's
    # savepoint and release.
    with django_assert_num_queries(7):
        done = series_link(projects)
    assert len(done) == count
    assert Project.objects.filter(previous__isnull=False).count() == count
