"""Opening a survey: one answer per active department, the year's drafts, nothing more twice."""

from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command

from projects.models import Category, Department, Project
from surveys.models import Answer, Status, Survey
from surveys.services import SurveyError, survey_close, survey_open
from tests.factories import make_project
from tests.surveys.helpers import DEADLINE

pytestmark = pytest.mark.django_db


def test_it_creates_an_answer_per_active_department_and_the_years_drafts(last_year, room):
    Department.objects.create(name="旧○○課", active=False)
    outcome = survey_open(fiscal_year=2024, deadline=DEADLINE, user=None)

    answers = Answer.objects.filter(survey=outcome.survey)
    assert sorted(a.department.name for a in answers) == ["協働・男女平等参画室", "生涯学習課"]
    assert {a.status for a in answers} == {Status.NOT_STARTED}
    drafts = Project.objects.for_year(2024).order_by("name")
    # The annual projects, copied by the 次年度へ複製 rule (the year in the name moved on).
    assert [p.name for p in drafts] == ["令和6年度 まちかどミーティング", "市民塾"]
    assert not drafts.filter(published=True).exists()
    meeting = drafts.get(department=room)
    assert meeting.since_year == 2010
    assert [link.partner.name for link in meeting.partner_links.all()] == ["苫小牧市町内会連合会"]


def test_opening_again_creates_nothing_more(last_year):
    survey_open(fiscal_year=2024, deadline=DEADLINE, user=None)
    counts = (Answer.objects.count(), Project.objects.count(), Answer.history.count())

    outcome = survey_open(fiscal_year=2024, deadline=DEADLINE, user=None)

    assert not outcome.created and outcome.answers == [] and outcome.drafts == []
    assert (Answer.objects.count(), Project.objects.count(), Answer.history.count()) == counts


def test_a_biennial_project_is_drafted_for_the_year_it_runs_next(kyosai, room):
    make_project(form=kyosai, department=room, number=1, name="講座", category=Category.BIENNIAL)
    survey_open(fiscal_year=2024, deadline=DEADLINE, user=None)
    assert not Project.objects.for_year(2024).exists()

    survey_open(fiscal_year=2025, deadline=DEADLINE.replace(year=2026), user=None)
    assert Project.objects.for_year(2025).get().name == "講座"


def test_an_inactive_department_gets_no_answer_and_no_draft(kyosai):
    closed = Department.objects.create(name="廃止課", active=False)
    make_project(form=kyosai, department=closed, number=1, name="講座")
    survey_open(fiscal_year=2024, deadline=DEADLINE, user=None)
    assert not Project.objects.for_year(2024).exists()
    assert not Answer.objects.exists()


def test_only_the_coordinator_opens(last_year, clerk, coordinator):
    with pytest.raises(PermissionDenied):
        survey_open(fiscal_year=2024, deadline=DEADLINE, user=clerk)
    assert not Survey.objects.exists()
    outcome = survey_open(fiscal_year=2024, deadline=DEADLINE, user=coordinator)
    assert outcome.survey.opened_by == coordinator
    assert outcome.drafts[0].history.first().history_user == coordinator


def test_a_closed_survey_is_not_opened_again(survey, coordinator):
    survey_close(survey=survey.survey, user=coordinator, force=True)
    with pytest.raises(SurveyError, match="締め切られています"):
        survey_open(fiscal_year=2024, deadline=DEADLINE, user=coordinator)


def test_the_seed_gives_fourteen_departments_and_fifteen_drafts():
    call_command("loadseed", stdout=StringIO())
    out = StringIO()
    call_command("open_survey", "--fiscal-year", "2024", "--deadline", "2025-05-31", stdout=out)
    assert "新しい回答: 14課" in out.getvalue()
    status = StringIO()
    call_command("survey_status", "--fiscal-year", "2024", "--format", "json", stdout=status)
    import json

    document = json.loads(status.getvalue())
    assert document["counts"]["未着手"] == 14
    assert len(document["departments"]) == 14
    assert {d["status"] for d in document["departments"]} == {"未着手"}
    assert sum(d["projects"] for d in document["departments"]) == 15

    before = (Project.objects.count(), Answer.objects.count(), Project.history.count())
    again = StringIO()
    call_command("open_survey", "--fiscal-year", "2024", "--deadline", "2025-05-31", stdout=again)
    assert "すでに開始されています" in again.getvalue()
    assert (Project.objects.count(), Answer.objects.count(), Project.history.count()) == before


def test_the_command_refuses_a_bad_deadline():
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("open_survey", "--fiscal-year", "2024", "--deadline", "5月31日")
