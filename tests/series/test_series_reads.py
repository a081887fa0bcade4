"""A project's years: the whole series in a fixed number of queries, partners added and gone."""

import pytest
from django.template.loader import render_to_string

from projects.models import Project
from projects.selectors import project_series, series_of
from tests.factories import add_partner, make_project, make_session

pytestmark = pytest.mark.django_db


def test_the_series_holds_every_year_from_any_of_them(chain):
    expected = {p.pk for p in chain.values()}
    for project in chain.values():
        assert set(series_of(project).values_list("pk", flat=True)) == expected


def test_a_fork_belongs_to_the_series_and_strangers_do_not(chain, kyosai, kyodo_room):
    fork = make_project(
        form=kyosai,
        department=kyodo_room,
        number=2,
        name="まちかどミーティング（出前）",
        previous=chain[2022],
    )
    stranger = make_project(form=kyosai, department=kyodo_room, number=3, name="別の事業")
    found = set(series_of(chain[2023]).values_list("pk", flat=True))
    assert fork.pk in found and stranger.pk not in found


def test_a_loop_written_past_the_rules_still_ends(chain):
    Project.objects.filter(pk=chain[2021].pk).update(previous=chain[2023].pk)
    assert series_of(chain[2022]).count() == 3


def test_the_years_show_sessions_participants_and_partner_changes(chain):
    add_partner(project=chain[2021], name="町内会連合会")
    add_partner(project=chain[2022], name="町内会連合会")
    add_partner(project=chain[2022], name="青年会議所", order=1)
    add_partner(project=chain[2023], name="青年会議所")
    make_session(project=chain[2022], month=6, participants=100)
    make_session(project=chain[2022], month=9, participants=50, approximate=True)
    make_session(project=chain[2023], month=7)

    rows = project_series(chain[2022])

    assert [row.project.fiscal_year for row in rows] == [2021, 2022, 2023]
    assert [row.current for row in rows] == [False, True, False]
    middle, last = rows[1].project, rows[2].project
    assert (middle.session_count, middle.participants_total, middle.any_approximate) == (
        2,
        150,
        True,
    )
    assert (last.session_count, last.participants_total) == (1, None)
    assert rows[0].partners_added == [] and rows[0].partners_gone == []
    assert rows[1].partners_added == ["青年会議所"] and rows[1].partners_gone == []
    assert rows[2].partners_added == [] and rows[2].partners_gone == ["町内会連合会"]


def test_a_project_alone_has_no_series(kyosai, kyodo_room):
    project = make_project(form=kyosai, department=kyodo_room, number=1, name="単独の事業")
    assert project_series(project) == []


def test_unpublished_years_stay_off_the_public_series(chain):
    Project.objects.filter(pk=chain[2022].pk).update(published=False)
    add_partner(project=chain[2021], name="町内会連合会")
    add_partner(project=chain[2023], name="青年会議所")
    rows = project_series(chain[2023])
    assert [row.project.fiscal_year for row in rows] == [2021, 2023]
    assert rows[1].partners_added == ["青年会議所"]  # against 2021, the year shown before it
    assert len(project_series(chain[2023], published_only=False)) == 3


@pytest.mark.parametrize("years", [2, 200])
def test_a_series_costs_two_queries_however_long(
    kyosai, kyodo_room, django_assert_num_queries, years
):
    previous = None
    for year in range(1900, 1900 + years):
        previous = make_project(
            form=kyosai, department=kyodo_room, number=1, name="長い事業", fiscal_year=year,
            previous=previous,
        )  # fmt: skip
        add_partner(project=previous, name=f"団体{year % 3}")
    with django_assert_num_queries(2):
        rows = project_series(previous)
    assert len(rows) == years


def test_the_years_include_serves_the_admin_too(chain):
    html = render_to_string(
        "public/includes/series.html",
        {
            "series": project_series(chain[2023], published_only=False),
            "series_link_name": "admin:projects_project_change",
        },
    )
    assert f'href="/admin/projects/project/{chain[2021].pk}/change/"' in html
    assert "令和3年度（2021年度）" in html
