"""The survey's pages run the same number of queries for 1 department as for 60."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from partners.models import Partner
from projects.models import Department, Project, ProjectPartner, Session
from surveys.models import Answer, Status, Survey, Transition
from tests.factories import make_project

pytestmark = pytest.mark.django_db

# Measured once and fixed: a change here means a page started to query per row.
STATUS_PAGE = 8
ANSWER_PAGE = 13
# The survey's part of the admin home page (the page has other parts of its own).
CLERK_PANEL = 10
COORDINATOR_PANEL = 7


def build(count: int, kyosai, clerk, coordinator) -> Survey:
    """count departments, each with 3 projects of FY2024 (sessions, partners), last year's with
    its 開始年, an answer and a transition; the clerk is a member of every department."""
    survey = Survey.objects.create(
        fiscal_year=2024,
        deadline=datetime.date(2025, 5, 31),
        opened_at=timezone.now(),
        message="よろしくお願いします。",
    )
    partner = Partner.objects.create(name="協力団体")
    number = 0
    for index in range(count):
        department = Department.objects.create(name=f"第{index}課")
        department.members.add(clerk)
        for k in range(3):
            number += 1
            make_project(
                form=kyosai,
                department=department,
                number=number,
                name=f"講座{number}",
                since_year=2000,
            )
            project = make_project(
                form=kyosai,
                department=department,
                number=number,
                name=f"講座{number}",
                fiscal_year=2024,
            )
            Session.objects.create(project=project, start=datetime.date(2024, 6, 1 + k))
            if k:
                ProjectPartner.objects.create(project=project, partner=partner)
        answer = Answer.objects.create(survey=survey, department=department)
        Transition.objects.create(
            answer=answer,
            from_status=Status.NOT_STARTED,
            to_status=Status.IN_PROGRESS,
            user=clerk,
            at=timezone.now(),
        )
        Answer.objects.filter(pk=answer.pk).update(status=Status.IN_PROGRESS)
    Project.objects.filter(fiscal_year=2024).first().save()  # a history record to show
    return survey


@pytest.fixture(params=[1, 60], ids=["1 department", "60 departments"])
def register(request, kyosai, clerk, coordinator):
    return build(request.param, kyosai, clerk, coordinator)


def test_the_status_page(client, coordinator, register, django_assert_num_queries):
    client.force_login(coordinator)
    url = reverse("admin:surveys_survey_status", args=[register.pk])
    with django_assert_num_queries(STATUS_PAGE):
        response = client.get(url + "?o=-changed")
    assert response.status_code == 200
    assert response.text.count('class="button" href="/admin/surveys/answer/') == (
        register.answers.count()
    )


def test_the_answer_page(client, clerk, register, django_assert_num_queries):
    # One department, with 3 projects or with 180 (all moved into it).
    answer = register.answers.first()
    Project.objects.filter(fiscal_year__in=[2023, 2024]).update(department=answer.department)
    client.force_login(clerk)
    url = reverse("admin:surveys_answer_change", args=[answer.pk])
    with django_assert_num_queries(ANSWER_PAGE):
        response = client.get(url)
    assert response.status_code == 200
    # Every draft lacks its effect and the 開始年 last year's project had.
    drafts = Project.objects.for_year(2024).count()
    assert response.text.count("取組の効果、市民からの反響等が空欄です") == drafts
    assert response.text.count("前年度は平成12年頃から") == drafts


def _panel(rf, user):
    from django.template import Context, Template

    request = rf.get("/admin/")
    request.user = type(user).objects.get(pk=user.pk)  # a new request's user: caches empty
    template = Template("{% load surveys %}{% surveys_index_panel %}")
    return template.render(Context({"request": request}))


def test_the_clerks_panel_on_the_index(rf, clerk, register, django_assert_num_queries):
    with django_assert_num_queries(CLERK_PANEL):
        html = _panel(rf, clerk)
    assert html.count("kyodo-index-answer") == register.answers.count()


def test_the_coordinators_panel_on_the_index(rf, coordinator, register, django_assert_num_queries):
    with django_assert_num_queries(COORDINATOR_PANEL):
        html = _panel(rf, coordinator)
    assert "令和6年度の協働事業の調査（受付中）" in html
