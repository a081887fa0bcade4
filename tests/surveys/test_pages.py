"""The survey's admin pages as each user sees them, and the buttons' POSTs."""

import pytest
from django.urls import reverse

from projects.models import Project
from surveys.models import Status
from surveys.services import answer_submit
from tests.surveys.helpers import complete

pytestmark = pytest.mark.django_db


def answer_url(answer):
    return reverse("admin:surveys_answer_change", args=[answer.pk])


def status_url(survey):
    return reverse("admin:surveys_survey_status", args=[survey.pk])


def test_a_clerk_sees_their_answer_on_the_admin_index(client, clerk, room_answer):
    client.force_login(clerk)
    page = client.get(reverse("admin:index")).text
    assert "令和6年度の協働事業の調査：協働・男女平等参画室" in page
    assert "2025-05-31（令和7年5月31日）" in page
    assert "ご協力ください。" in page
    assert "令和6年度 まちかどミーティング" in page
    assert "実施年月日がありません。" in page
    assert answer_url(room_answer) in page
    assert "生涯学習課" not in page


def test_the_coordinator_sees_the_counts_on_the_admin_index(client, coordinator, survey):
    client.force_login(coordinator)
    page = client.get(reverse("admin:index")).text
    assert "令和6年度の協働事業の調査（受付中）" in page
    assert status_url(survey.survey) in page


def test_the_answer_page_shows_the_checklist_with_links_to_fix(client, clerk, room_answer):
    draft = Project.objects.get(fiscal_year=2024, department=room_answer.department)
    client.force_login(clerk)
    page = client.get(answer_url(room_answer)).text
    assert "実施年月日がありません。" in page
    assert reverse("admin:projects_project_change", args=[draft.pk]) in page
    assert f'name="reason-{draft.pk}:no_session"' in page
    assert 'id="submit-button"' in page
    assert 'id="confirm-button"' not in page


def test_a_clerk_submits_from_the_page_with_reasons(client, clerk, room_answer):
    draft = Project.objects.get(fiscal_year=2024, department=room_answer.department)
    client.force_login(clerk)
    response = client.post(answer_url(room_answer), {"action": "submit"})
    assert response.status_code == 200
    assert "理由を書いてください" in response.text
    data = {
        "action": "submit",
        f"reason-{draft.pk}:no_session": "中止",
        f"reason-{draft.pk}:no_effect": "中止",
    }
    response = client.post(answer_url(room_answer), data, follow=True)
    assert "提出しました" in response.text
    room_answer.refresh_from_db()
    assert room_answer.status == Status.SUBMITTED
    assert "回答済みのため" in response.text


def test_a_clerk_posting_another_departments_submit_is_refused(client, clerk, lifelong_answer):
    client.force_login(clerk)
    response = client.post(answer_url(lifelong_answer), {"action": "none"})
    assert response.status_code == 403
    response = client.post(answer_url(lifelong_answer), {"action": "submit"})
    assert response.status_code == 403
    lifelong_answer.refresh_from_db()
    assert lifelong_answer.status == Status.NOT_STARTED


def test_a_clerk_confirming_their_own_answer_is_refused(client, clerk, room_answer):
    complete(Project.objects.get(fiscal_year=2024, department=room_answer.department))
    answer_submit(answer=room_answer, user=clerk, explanations={})
    client.force_login(clerk)
    assert client.post(answer_url(room_answer), {"action": "confirm"}).status_code == 403
    response = client.post(answer_url(room_answer), {"action": "return", "comment": "x"})
    assert response.status_code == 403
    room_answer.refresh_from_db()
    assert room_answer.status == Status.SUBMITTED


def test_a_clerk_cannot_open_the_status_page_or_remind_or_close(client, clerk, survey):
    client.force_login(clerk)
    assert client.get(status_url(survey.survey)).status_code == 403
    url = reverse("admin:surveys_survey_remind", args=[survey.survey.pk])
    assert client.post(url).status_code == 403
    url = reverse("admin:surveys_survey_close", args=[survey.survey.pk])
    assert client.post(url, {"force": "on"}).status_code == 403
    survey.survey.refresh_from_db()
    assert survey.survey.is_open


def test_the_coordinator_returns_with_a_comment_the_clerk_then_sees(
    client, clerk, coordinator, room_answer
):
    complete(Project.objects.get(fiscal_year=2024, department=room_answer.department))
    answer_submit(answer=room_answer, user=clerk, explanations={})
    client.force_login(coordinator)
    response = client.post(
        answer_url(room_answer), {"action": "return", "comment": ""}, follow=True
    )
    assert "差戻しの理由（コメント）を書いてください" in response.text
    client.post(answer_url(room_answer), {"action": "return", "comment": "人数を確かめて"})
    room_answer.refresh_from_db()
    assert room_answer.status == Status.RETURNED
    client.force_login(clerk)
    page = client.get(reverse("admin:index")).text
    assert "人数を確かめて" in page


def test_the_status_page_lists_sorts_and_filters(client, coordinator, survey, room_answer):
    client.force_login(coordinator)
    page = client.get(status_url(survey.survey)).text
    assert page.index("協働・男女平等参画室") < page.index("生涯学習課")
    assert "未着手 <strong>2</strong>" in page.replace("</span>", "")
    page = client.get(status_url(survey.survey) + "?o=-department").text
    body = page[page.index('id="status-table"') :]
    assert body.index("生涯学習課") < body.index("協働・男女平等参画室")
    page = client.get(status_url(survey.survey) + "?status=submitted").text
    assert "この状況の担当課はありません" in page


def test_opening_from_the_admin(client, coordinator, last_year):
    client.force_login(coordinator)
    response = client.post(
        reverse("admin:surveys_survey_add"),
        {"fiscal_year": "2024", "deadline": "2025-05-31", "message": "お願いします"},
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).text
    assert "調査の状況（令和6年度）" in page
    assert Project.objects.for_year(2024).count() == 2
    again = client.post(
        reverse("admin:surveys_survey_add"),
        {"fiscal_year": "2024", "deadline": "2025-05-31", "message": ""},
    )
    assert "すでに開始されています" in again.text


def test_closing_names_the_departments_still_open(client, coordinator, survey):
    client.force_login(coordinator)
    url = reverse("admin:surveys_survey_close", args=[survey.survey.pk])
    page = client.get(url).text
    assert "協働・男女平等参画室" in page and "生涯学習課" in page
    client.post(url, {})
    survey.survey.refresh_from_db()
    assert survey.survey.is_open
    client.post(url, {"force": "on"})
    survey.survey.refresh_from_db()
    assert not survey.survey.is_open


def test_the_answers_history_is_in_japanese_and_read_only(client, coordinator, room_answer):
    client.force_login(coordinator)
    url = reverse("admin:surveys_answer_history", args=[room_answer.pk])
    page = client.get(url)
    assert page.status_code == 200 and "変更履歴" in page.text
    record = room_answer.history.first()
    url = reverse("admin:surveys_answer_simple_history", args=[room_answer.pk, record.history_id])
    assert client.post(url, {"status": "confirmed"}).status_code == 403


def test_a_clerk_does_not_see_another_departments_answer(client, clerk, lifelong_answer):
    client.force_login(clerk)
    assert client.get(answer_url(lifelong_answer)).status_code == 403
    url = reverse("admin:surveys_answer_history", args=[lifelong_answer.pk])
    assert client.get(url).status_code == 403
    listing = client.get(reverse("admin:surveys_answer_changelist")).text
    assert "生涯学習課" not in listing.split('id="result_list"')[-1]


def test_the_last_change_leaves_out_the_drafts_opening_made(client, clerk, coordinator, survey):
    from surveys.selectors import status_rows

    rows = {row.department.name: row for row in status_rows(survey.survey)}
    assert rows["協働・男女平等参画室"].last_change_at is None
    project = Project.objects.get(fiscal_year=2024, department__name="協働・男女平等参画室")
    project._history_user = coordinator
    project.save()
    rows = {row.department.name: row for row in status_rows(survey.survey)}
    assert rows["協働・男女平等参画室"].last_change_by == coordinator
