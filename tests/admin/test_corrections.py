"""Saving a project of a published year asks why (訂正の理由); the reason is kept in the history
and as a correction, and the public page says when and why the project was corrected."""

import datetime

import pytest
from django.utils import timezone

from projects.models import Correction, Project, Session
from projects.services.editions import edition_publish

from .helpers import change_url, form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def published_year(own_project, coordinator):
    return edition_publish(fiscal_year=2023, user=coordinator)


def _edit(client, user, project) -> dict:
    client.force_login(user)
    return form_data(client.get(change_url(project)))


def test_a_project_of_a_published_year_is_not_saved_without_a_reason(
    client, clerk, own_project, published_year
):
    data = _edit(client, clerk, own_project)
    assert 'name="correction_reason"' in client.get(change_url(own_project)).text
    data["name"] = "まちかどミーティング（訂正）"

    response = client.post(change_url(own_project), data)

    assert response.status_code == 200
    assert "correction_reason" in response.context["adminform"].form.errors
    assert Project.objects.get(pk=own_project.pk).name == "まちかどミーティング"
    assert not Correction.objects.exists()


def test_a_changed_session_alone_also_needs_the_reason(client, clerk, own_project, published_year):
    data = _edit(client, clerk, own_project)
    data["sessions-0-participants"] = "31"

    response = client.post(change_url(own_project), data)

    assert response.status_code == 200
    assert "correction_reason" in response.context["adminform"].form.errors
    assert not Session.objects.filter(project=own_project, participants=31).exists()


def test_the_reason_is_stored_as_a_correction_and_in_the_history(
    client, clerk, own_project, published_year
):
    data = _edit(client, clerk, own_project)
    data["sessions-0-participants"] = "31"
    data["correction_reason"] = "参加人数の集計誤り"

    response = client.post(change_url(own_project), data)

    assert response.status_code == 302
    correction = Correction.objects.get()
    assert (correction.project, correction.fiscal_year, correction.reason, correction.user) == (
        own_project,
        2023,
        "参加人数の集計誤り",
        clerk,
    )
    assert Project.history.filter(id=own_project.pk).latest().history_change_reason == (
        "訂正：参加人数の集計誤り"
    )
    session = Session.history.filter(project_id=own_project.pk, participants=31).latest()
    assert session.history_change_reason == "訂正：参加人数の集計誤り"


def test_a_project_of_an_unpublished_year_is_saved_without_a_reason(client, clerk, own_project):
    data = _edit(client, clerk, own_project)
    assert 'name="correction_reason"' not in client.get(change_url(own_project)).text
    data["name"] = "まちかどミーティング（改）"

    assert client.post(change_url(own_project), data).status_code == 302
    assert Project.objects.get(pk=own_project.pk).name == "まちかどミーティング（改）"
    assert not Correction.objects.exists()


def test_the_public_page_says_when_and_why_the_project_was_corrected(
    client, clerk, own_project, published_year
):
    data = _edit(client, clerk, own_project)
    data["correction_reason"] = "参加人数の集計誤り"
    client.post(change_url(own_project), data)
    Correction.objects.update(corrected_at=timezone.make_aware(datetime.datetime(2026, 12, 4, 10)))
    client.logout()

    text = client.get(f"/projects/{own_project.pk}/").text

    when = '<time datetime="2026-12-04">令和8年12月4日（2026年12月4日）</time>'
    assert f"{when}に訂正：参加人数の集計誤り" in text


def test_an_uncorrected_project_has_no_correction_note(client, own_project, published_year):
    assert 'id="corrections"' not in client.get(f"/projects/{own_project.pk}/").text


def test_a_corrected_project_page_costs_one_query_more_than_an_uncorrected_one(
    client, coordinator, own_project, published_year, django_assert_num_queries
):
    url = f"/projects/{own_project.pk}/"
    # The project (with whether it was corrected), its partners, its sessions, its series.
    with django_assert_num_queries(4):
        client.get(url)
    Correction.objects.create(project=own_project, fiscal_year=2023, reason="誤記", user=None)
    with django_assert_num_queries(5):
        assert "に訂正：誤記" in client.get(url).text
