"""A project's years in the admin: shown on its page; linked or unlinked by the coordinator only."""

import pytest

from projects.models import Project
from tests.factories import make_project

from .helpers import change_url, form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def last_year(kyodo_room, kyosai):
    return make_project(
        form=kyosai, department=kyodo_room, number=1, name="令和4年度市民塾", fiscal_year=2022
    )


def test_the_change_page_shows_every_year_of_the_series(
    client, coordinator, own_project, last_year
):
    own_project.previous = last_year
    own_project.save()
    client.force_login(coordinator)

    page = client.get(change_url(own_project)).content.decode()

    assert "年度ごとの実施状況" in page
    assert "令和4年度市民塾" in page
    assert f'href="{change_url(last_year)}"' in page


def test_the_coordinator_links_the_year_before_by_hand(client, coordinator, own_project, last_year):
    client.force_login(coordinator)
    data = form_data(client.get(change_url(own_project)))
    data["previous"] = str(last_year.pk)

    response = client.post(change_url(own_project), data)

    assert response.status_code == 302
    own_project.refresh_from_db()
    assert own_project.previous == last_year
    assert own_project.history.first().previous_id == last_year.pk


def test_a_clerk_cannot_link_years_even_by_posting_the_field(client, clerk, own_project, last_year):
    client.force_login(clerk)
    data = form_data(client.get(change_url(own_project)))
    assert "previous" not in data  # read only for a clerk
    data["previous"] = str(last_year.pk)

    client.post(change_url(own_project), data)

    assert Project.objects.get(pk=own_project.pk).previous is None
