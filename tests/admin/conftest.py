"""Data for the admin tests, made with the ORM: a partner with an alias, a project of each
department (the departments, clerks and coordinator are tests/conftest.py's)."""

import datetime

import pytest

from partners.models import Partner, PartnerAlias, PartnerKind
from projects.models import Category
from tests.factories import add_partner, make_project, make_session


@pytest.fixture
def sports_association(db):
    partner = Partner.objects.create(
        name="公益財団法人苫小牧市スポーツ協会",
        legal_form="公益財団法人",
        kind=PartnerKind.PUBLIC_INTEREST,
    )
    PartnerAlias.objects.create(partner=partner, name="(公財)苫小牧市スポーツ協会")
    return partner


@pytest.fixture
def own_project(kyodo_room, kyosai, sports_association):
    project = make_project(
        department=kyodo_room,
        form=kyosai,
        number=1,
        name="まちかどミーティング",
        purpose="市民と市長の対話",
        category=Category.ANNUAL,
    )
    make_session(project=project, order=1, start=datetime.date(2023, 8, 22), participants=30)
    make_session(
        project=project,
        order=2,
        start=datetime.date(2023, 10, 1),
        participants=300,
        approximate=True,
    )
    add_partner(project=project, partner=sports_association, order=1)
    return project


@pytest.fixture
def others_project(lifelong, kyosai):
    project = make_project(
        department=lifelong,
        form=kyosai,
        number=2,
        name="子ども広報部「びとこま」",
        category=Category.NEW,
    )
    make_session(project=project, order=1, start=datetime.date(2023, 5, 13), participants=21)
    return project
