"""年次集計 shows the year's latest edition and what changed since; only the coordinator
publishes one, checked on the server."""

import pytest
from django.urls import reverse

from projects.models import Edition, EditionFile, Session
from projects.services.editions import edition_publish

pytestmark = pytest.mark.django_db

SUMMARY = "/admin/projects/project/summary/?fiscal_year=2023"
PUBLISH = "/admin/projects/project/summary/publish/"


def test_the_summary_says_no_edition_yet_and_offers_the_coordinator_edition_1(
    client, coordinator, own_project
):
    client.force_login(coordinator)
    text = client.get(SUMMARY).text
    assert "この年度の公表版はまだありません。" in text
    assert "第1版を公表する" in text


def test_the_coordinator_publishes_from_the_summary_with_a_note(client, coordinator, own_project):
    client.force_login(coordinator)
    response = client.post(PUBLISH, {"fiscal_year": "2023", "note": "年次報告"}, follow=True)

    edition = Edition.objects.get()
    assert (edition.number, edition.note, edition.published_by) == (1, "年次報告", coordinator)
    assert set(EditionFile.objects.filter(edition=edition).values_list("kind", flat=True)) == {
        "csv",
        "xlsx",
        "json",
        "pdf",
    }
    assert "令和5年度 公表版 第1版を公表しました。" in response.text
    assert "公表後の変更 0件" in response.text
    assert "第2版を公表する" in response.text


def test_the_summary_shows_the_edition_and_the_changes_since(
    client, coordinator, own_project, others_project
):
    edition_publish(fiscal_year=2023, user=coordinator)
    Session.objects.filter(project=own_project, start="2023-08-22").update(participants=31)
    client.force_login(coordinator)

    response = client.get(SUMMARY)

    text = response.text
    assert "公表版 第1版（<time" in text
    assert "公表後の変更 1件" in text
    changes = response.context["edition"].changes
    assert [(c.form, c.no, c.column) for c in changes] == [("共催", 1, "実施年月日、参加人数")]
    assert "令和5年8月22日 (31人)" in text


def test_a_clerk_sees_the_edition_but_no_publish_button(client, clerk, own_project, coordinator):
    edition_publish(fiscal_year=2023, user=coordinator)
    client.force_login(clerk)
    text = client.get(SUMMARY).text
    assert "公表版 第1版" in text
    assert 'id="publish-edition"' not in text


def test_a_clerk_posting_directly_cannot_publish(client, clerk, own_project):
    client.force_login(clerk)
    response = client.post(PUBLISH, {"fiscal_year": "2023"})
    assert response.status_code == 403
    assert not Edition.objects.exists()


def test_publishing_is_a_post_only(client, coordinator, own_project):
    client.force_login(coordinator)
    assert client.get(PUBLISH + "?fiscal_year=2023").status_code == 405
    assert not Edition.objects.exists()


def test_a_year_with_a_draft_is_refused_with_the_reason(client, coordinator, own_project):
    own_project.published = False
    own_project.save()
    client.force_login(coordinator)
    response = client.post(PUBLISH, {"fiscal_year": "2023"}, follow=True)
    assert "公開していない協働事業があります（共催 No.1）" in response.text
    assert not Edition.objects.exists()


def test_the_admin_offers_no_way_to_change_or_delete_an_edition(client, coordinator, own_project):
    edition = edition_publish(fiscal_year=2023, user=coordinator)
    client.force_login(coordinator)
    change = reverse("admin:projects_edition_change", args=[edition.pk])
    delete = reverse("admin:projects_edition_delete", args=[edition.pk])

    page = client.get(change)
    assert page.status_code == 200  # shown, read only
    assert "kyodo-2023-1.csv" in page.text
    assert client.post(change, {"note": "書き換え"}).status_code == 403
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert Edition.objects.get().note == ""
    listing = client.get(reverse("admin:projects_edition_changelist"))
    assert "delete_selected" not in listing.text
