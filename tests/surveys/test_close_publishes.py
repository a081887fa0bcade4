"""The page that closes a survey can publish the year's edition (公表版) right after."""

import pytest
from django.urls import reverse

from projects.models import Edition, Project

pytestmark = pytest.mark.django_db


def close_url(survey) -> str:
    return reverse("admin:surveys_survey_close", args=[survey.survey.pk])


def test_the_closing_page_offers_to_publish_the_edition(client, coordinator, survey):
    client.force_login(coordinator)
    page = client.get(close_url(survey)).text
    assert "締め切った後、この年度の報告書の公表版を作成する" in page
    assert 'name="publish"' in page


def test_closing_with_the_box_ticked_publishes_edition_1_of_the_year(client, coordinator, survey):
    Project.objects.for_year(2024).update(published=True)
    client.force_login(coordinator)

    response = client.post(
        close_url(survey), {"force": "on", "publish": "on", "note": "調査の締切"}, follow=True
    )

    survey.survey.refresh_from_db()
    assert not survey.survey.is_open
    edition = Edition.objects.get()
    assert (edition.fiscal_year, edition.number, edition.note) == (2024, 1, "調査の締切")
    assert edition.published_by == coordinator
    assert "令和6年度 公表版 第1版を公表しました。" in response.text


def test_closing_without_the_box_publishes_nothing(client, coordinator, survey):
    Project.objects.for_year(2024).update(published=True)
    client.force_login(coordinator)
    client.post(close_url(survey), {"force": "on"})
    assert not Edition.objects.exists()


def test_the_survey_closes_even_when_the_edition_is_refused(client, coordinator, survey):
    # The survey's drafts are not published yet: no edition, with the reason, but closed.
    client.force_login(coordinator)
    response = client.post(close_url(survey), {"force": "on", "publish": "on"}, follow=True)
    survey.survey.refresh_from_db()
    assert not survey.survey.is_open
    assert not Edition.objects.exists()
    assert (
        "公表版は作成していません：令和6年度には公開していない協働事業があります" in response.text
    )
