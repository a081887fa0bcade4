"""The survey in the project admin: no adding into an answered year, 「集計中」 on the reports,
担当課 marked inactive."""

import pytest
from django.urls import reverse

from projects.models import Department, Project
from surveys.services import answer_submit, survey_close
from tests.admin.helpers import change_url, form_data
from tests.surveys.helpers import complete

pytestmark = pytest.mark.django_db

ADD = reverse("admin:projects_project_add")
SUMMARY = reverse("admin:projects_project_summary")


@pytest.fixture
def submitted(room_answer, clerk):
    complete(Project.objects.get(fiscal_year=2024, department=room_answer.department))
    return answer_submit(answer=room_answer, user=clerk, explanations={})


def _new_project(client, department, kyosai, year="2024"):
    data = form_data(client.get(ADD))
    data.update(
        fiscal_year=year,
        form=str(kyosai.pk),
        number="9",
        name="追加した事業",
        department=str(department.pk),
        category="new",
    )
    return client.post(ADD, data)


def test_a_clerk_cannot_add_a_project_to_an_answered_year(client, clerk, submitted, kyosai):
    client.force_login(clerk)
    response = _new_project(client, submitted.department, kyosai)
    assert response.status_code == 200
    assert "令和6年度の調査に回答済みのため" in response.text
    assert not Project.objects.filter(name="追加した事業").exists()


def test_a_clerk_still_adds_to_a_year_not_answered(client, clerk, submitted, kyosai):
    client.force_login(clerk)
    response = _new_project(client, submitted.department, kyosai, year="2025")
    assert response.status_code == 302
    assert Project.objects.filter(name="追加した事業", fiscal_year=2025).exists()


def test_a_clerk_cannot_move_a_project_into_an_answered_year(client, clerk, submitted, last_year):
    forum = last_year["forum"]  # FY2023, still open to the clerk
    client.force_login(clerk)
    data = form_data(client.get(change_url(forum)))
    data["fiscal_year"] = "2024"
    response = client.post(change_url(forum), data)
    assert response.status_code == 200
    assert "回答済みのため" in response.text
    forum.refresh_from_db()
    assert forum.fiscal_year == 2023


def test_the_coordinator_adds_to_an_answered_year(client, coordinator, submitted, kyosai):
    client.force_login(coordinator)
    assert _new_project(client, submitted.department, kyosai).status_code == 302


def test_the_summary_says_collecting_while_the_survey_is_open(client, coordinator, survey):
    client.force_login(coordinator)
    page = client.get(SUMMARY + "?fiscal_year=2024").text
    assert "集計中（未提出 2課）" in page
    assert "集計中" not in client.get(SUMMARY + "?fiscal_year=2023").text
    survey_close(survey=survey.survey, user=coordinator, force=True)
    assert "集計中" not in client.get(SUMMARY + "?fiscal_year=2024").text


def test_the_printable_report_says_collecting(client, coordinator, submitted):
    client.force_login(coordinator)
    url = reverse("admin:projects_project_summary_print") + "?fiscal_year=2024"
    assert "集計中（未提出 1課）" in client.get(url).text


@pytest.mark.parametrize(
    ("name", "query", "file"),
    [
        ("projects_project_summary_csv", "", "協働事業"),
        ("projects_project_summary_xlsx", "", "協働事業"),
        ("projects_project_summary_summary_csv", "", "年次集計"),
    ],
)
def test_downloads_say_collecting_in_their_name_only(
    client, coordinator, survey, name, query, file
):
    client.force_login(coordinator)
    url = reverse(f"admin:{name}") + "?fiscal_year=2024" + query
    open_response = client.get(url)
    assert "%E9%9B%86%E8%A8%88%E4%B8%AD" in open_response["Content-Disposition"]  # 集計中
    survey_close(survey=survey.survey, user=coordinator, force=True)
    closed_response = client.get(url)
    assert "%E9%9B%86%E8%A8%88%E4%B8%AD" not in closed_response["Content-Disposition"]
    if not name.endswith("xlsx"):  # an XLSX carries its time of writing
        assert open_response.content == closed_response.content


def test_the_coordinator_marks_a_department_inactive(client, coordinator, lifelong):
    client.force_login(coordinator)
    url = reverse("admin:projects_department_change", args=[lifelong.pk])
    response = client.get(url)
    assert "使用中" in response.text
    data = {"name": lifelong.name, "members": []}  # 使用中 unticked
    assert client.post(url, data).status_code == 302
    assert not Department.objects.get(pk=lifelong.pk).active
