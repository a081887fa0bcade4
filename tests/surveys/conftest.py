"""Data for the survey tests: two departments with clerks, last year's projects, a coordinator."""

import datetime

import pytest

from partners.models import Partner
from projects.models import Category, ProjectPartner, Session
from projects.permissions import CLERK_GROUP, COORDINATOR_GROUP
from surveys.services import survey_open
from tests.admin.conftest import make_user
from tests.factories import make_project

DEADLINE = datetime.date(2025, 5, 31)


@pytest.fixture
def room(kyodo_room):
    return kyodo_room


@pytest.fixture
def clerk(room):
    return make_user("clerk-room", CLERK_GROUP, [room])


@pytest.fixture
def other_clerk(lifelong):
    return make_user("clerk-lifelong", CLERK_GROUP, [lifelong])


@pytest.fixture
def coordinator(db):
    return make_user("coordinator", COORDINATOR_GROUP)


@pytest.fixture
def partner(db):
    return Partner.objects.create(name="苫小牧市町内会連合会")


@pytest.fixture
def last_year(room, lifelong, kyosai, partner):
    """FY2023: an annual project of each department (one with its 開始年), a new one."""
    meeting = make_project(
        form=kyosai,
        department=room,
        number=1,
        name="令和5年度 まちかどミーティング",
        since_year=2010,
        effect="市民の声を聞けた",
    )
    Session.objects.create(project=meeting, start=datetime.date(2023, 8, 22), participants=30)
    ProjectPartner.objects.create(project=meeting, partner=partner, order=1)
    school = make_project(form=kyosai, department=lifelong, number=2, name="市民塾")
    forum = make_project(
        form=kyosai, department=room, number=3, name="フォーラム", category=Category.NEW
    )
    return {"meeting": meeting, "school": school, "forum": forum}


@pytest.fixture
def survey(last_year, coordinator):
    return survey_open(fiscal_year=2024, deadline=DEADLINE, message="ご協力ください。", user=None)


@pytest.fixture
def room_answer(survey, room):
    return survey.survey.answers.get(department=room)


@pytest.fixture
def lifelong_answer(survey, lifelong):
    return survey.survey.answers.get(department=lifelong)


def complete(project) -> None:
    """Fill in what the checklist asks for: a session with a count, a partner, an effect."""
    Session.objects.create(
        project=project,
        start=datetime.date(project.fiscal_year, 9, 1),
        participants=25,
    )
    if not project.partner_links.exists():
        ProjectPartner.objects.create(
            project=project, partner=Partner.objects.get_or_create(name="協力団体")[0], order=1
        )
    project.effect = "参加者に好評でした"
    if project.category == Category.ANNUAL and project.since_year is None:
        project.since_year = 2010
    project.save()
