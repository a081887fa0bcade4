"""Data for the admin tests, made with the ORM: two departments, their clerks, a coordinator."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from partners.models import Partner, PartnerAlias, PartnerKind
from projects.models import Category, Form, ProjectPartner, Session
from projects.permissions import CLERK_GROUP, COORDINATOR_GROUP
from tests.factories import make_project

PASSWORD = "kyodo-test-password-1"


def make_user(username, group_name, departments=()):
    user = get_user_model().objects.create_user(
        username=username, password=PASSWORD, is_staff=True, last_name=username
    )
    user.groups.add(Group.objects.get(name=group_name))
    for department in departments:
        department.members.add(user)
    return user


@pytest.fixture
def kouen(db):
    return Form.objects.get(name="後援")


@pytest.fixture
def clerk(kyodo_room):
    return make_user("clerk-kyodo", CLERK_GROUP, [kyodo_room])


@pytest.fixture
def other_clerk(lifelong):
    return make_user("clerk-lifelong", CLERK_GROUP, [lifelong])


@pytest.fixture
def second_clerk(kyodo_room):
    return make_user("clerk-kyodo-2", CLERK_GROUP, [kyodo_room])


@pytest.fixture
def coordinator(db):
    return make_user("coordinator", COORDINATOR_GROUP)


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
    Session.objects.create(
        project=project, order=1, start=datetime.date(2023, 8, 22), participants=30
    )
    Session.objects.create(
        project=project,
        order=2,
        start=datetime.date(2023, 10, 1),
        participants=300,
        approximate=True,
    )
    ProjectPartner.objects.create(project=project, partner=sports_association, order=1)
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
    Session.objects.create(
        project=project, order=1, start=datetime.date(2023, 5, 13), participants=21
    )
    return project
