"""Data for the public pages, made with the ORM."""

import datetime

import pytest

from partners.models import Partner
from projects.models import Category, Form, ProjectPartner, Session
from tests.factories import make_project


@pytest.fixture
def kouen(db):
    return Form.objects.get(name="後援")


@pytest.fixture
def meeting(kyosai, kyodo_room):
    """まちかどミーティング, 令和5年度 共催 No.1, with a partner and two sessions (約300人)."""
    project = make_project(
        form=kyosai,
        department=kyodo_room,
        number=1,
        name="まちかどミーティング",
        since_year=1987,
        purpose="市長が各地区に出向いて懇談する。",
        effect="継続して行ってほしいという意見が出ている。",
    )
    partner = Partner.objects.create(name="苫小牧市町内会連合会")
    ProjectPartner.objects.create(project=project, partner=partner, count=82, written_as="町内会")
    Session.objects.create(
        project=project,
        order=0,
        group=0,
        start=datetime.date(2023, 8, 22),
        end=datetime.date(2023, 10, 31),
        participants=5,
    )
    Session.objects.create(
        project=project,
        order=1,
        group=1,
        start=datetime.date(2024, 1, 21),
        participants=300,
        approximate=True,
    )
    return project


@pytest.fixture
def concert(kouen, lifelong):
    """A 2023 後援 project of 生涯学習課, new, with a named partner."""
    project = make_project(
        form=kouen,
        department=lifelong,
        number=1,
        name="しおさいコンサート",
        category=Category.NEW,
        purpose="小・中学生のための演奏会。",
    )
    partner = Partner.objects.create(name="札幌交響楽団")
    ProjectPartner.objects.create(project=project, partner=partner)
    Session.objects.create(project=project, start=datetime.date(2023, 9, 23), participants=682)
    return project


@pytest.fixture
def older(kyosai, lifelong):
    """A 令和4年度 (2022) project, so the year selector has two years."""
    return make_project(
        form=kyosai, department=lifelong, number=1, name="昨年度の市民塾", fiscal_year=2022
    )
