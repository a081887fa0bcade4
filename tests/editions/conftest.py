"""A year for the edition tests: 令和5年度 with two 共催 projects (the roles: tests/conftest.py)."""

import datetime

import pytest

from partners.models import Partner
from projects.models import ProjectPartner, Session
from tests.factories import make_project


@pytest.fixture
def meeting(kyosai, kyodo_room):
    project = make_project(
        form=kyosai, department=kyodo_room, number=1, name="まちかどミーティング", since_year=1987
    )
    partner = Partner.objects.create(name="苫小牧市町内会連合会")
    ProjectPartner.objects.create(project=project, partner=partner, count=82, written_as="町内会")
    Session.objects.create(project=project, start=datetime.date(2023, 8, 22), participants=30)
    return project


@pytest.fixture
def school(kyosai, lifelong):
    project = make_project(form=kyosai, department=lifelong, number=2, name="市民塾")
    Session.objects.create(project=project, start=datetime.date(2023, 9, 14), participants=58)
    return project


@pytest.fixture
def year_2023(meeting, school):
    return [meeting, school]
