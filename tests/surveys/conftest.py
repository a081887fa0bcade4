"""Data for the survey tests: last year's projects and the survey of the year after (the
departments, their clerks and the coordinator are tests/conftest.py's)."""

import datetime

import pytest

from projects.models import Category
from surveys.services import survey_open
from tests.factories import add_partner, make_partner, make_project, make_session
from tests.surveys.helpers import DEADLINE


@pytest.fixture
def room(kyodo_room):
    return kyodo_room


@pytest.fixture
def partner(db):
    return make_partner(name="苫小牧市町内会連合会")


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
    make_session(project=meeting, start=datetime.date(2023, 8, 22), participants=30)
    add_partner(project=meeting, partner=partner, order=1)
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
