"""The project page shows the project's years (its series) as a table and a small chart."""

import datetime

import pytest

from partners.models import Partner
from projects.models import Project, ProjectPartner, Session
from tests.factories import make_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def last_year(meeting):
    """まちかどミーティング of 令和4年度, linked as the year before the fixture's 令和5年度."""
    project = make_project(
        form=meeting.form,
        department=meeting.department,
        number=1,
        name="まちかどミーティング",
        fiscal_year=2022,
        since_year=1987,
    )
    Session.objects.create(project=project, start=datetime.date(2022, 9, 1), participants=250)
    ProjectPartner.objects.create(project=project, partner=Partner.objects.create(name="旧団体"))
    Project.objects.filter(pk=meeting.pk).update(previous=project)
    return project


def test_both_years_are_shown_with_their_figures_and_partner_changes(client, meeting, last_year):
    response = client.get(f"/projects/{meeting.pk}/")
    text = response.text
    assert "年度ごとの実施状況" in text
    assert [row.project.fiscal_year for row in response.context["series"]] == [2022, 2023]
    assert f'href="/projects/{last_year.pk}/"' in text
    assert 'aria-current="page"' in text
    assert "250人" in text and "約305人" in text and "2回" in text
    # added in 2023, named as 2023's report printed it (the partner is 苫小牧市町内会連合会)
    assert response.context["series"][1].partners_added == ["町内会"]
    assert "町内会" in text.split("年度ごとの実施状況")[1]
    assert "旧団体" in text.split("年度ごとの実施状況")[1]  # gone since 2022
    assert "<svg" in text and "参加人数の推移" in text


def test_the_earlier_years_page_shows_the_later_year(client, meeting, last_year):
    response = client.get(f"/projects/{last_year.pk}/")
    assert f'href="/projects/{meeting.pk}/"' in response.text


def test_a_draft_year_is_not_shown(client, meeting, last_year):
    Project.objects.filter(pk=last_year.pk).update(published=False)
    response = client.get(f"/projects/{meeting.pk}/")
    assert response.context["series"] == []
    assert "年度ごとの実施状況" not in response.text


@pytest.mark.parametrize("years", [2, 200])
def test_the_page_costs_the_same_queries_for_two_and_two_hundred_years(
    client, kyosai, kyodo_room, django_assert_num_queries, years
):
    previous = None
    for year in range(1900, 1900 + years):
        previous = make_project(
            form=kyosai, department=kyodo_room, number=1, name="長寿事業", fiscal_year=year,
            previous=previous,
        )  # fmt: skip
        Session.objects.create(project=previous, start=datetime.date(year, 6, 1), participants=1)
    # The project, its partners, its sessions; the series and the series' partners.
    with django_assert_num_queries(5):
        response = client.get(f"/projects/{previous.pk}/")
    assert len(response.context["series"]) == years
