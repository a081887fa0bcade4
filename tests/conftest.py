"""Fixtures shared by the test folders: departments, forms, users and a few projects.

They are made with the builders of tests/factories.py, which tests import for anything else.
"""

import datetime
from pathlib import Path

import pytest

from projects.models import Category, Form
from projects.permissions import CLERK_GROUP, COORDINATOR_GROUP
from tests.factories import (
    add_partner,
    make_department,
    make_form,
    make_project,
    make_session,
    make_user,
)

TESTS = Path(__file__).resolve().parent
# The markers (declared in pyproject.toml) that every test of a folder carries.
FOLDER_MARKERS = {"browser": "browser", "faults": "faults"}


def pytest_configure(config):
    # Every test user has a password (tests/factories.py): hashed with PBKDF2's million
    # rounds each costs a quarter of a second. The suite checks logins, not the hasher.
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def pytest_collection_modifyitems(config, items):
    for item in items:
        folder = item.path.relative_to(TESTS).parts[0]
        if folder in FOLDER_MARKERS:
            item.add_marker(FOLDER_MARKERS[folder])


@pytest.fixture
def kyodo_room(db):
    return make_department(name="協働・男女平等参画室")


@pytest.fixture
def lifelong(db):
    return make_department(name="生涯学習課")


@pytest.fixture
def kyosai(db):
    return Form.objects.get(name="共催")


@pytest.fixture
def kouen(db):
    return Form.objects.get(name="後援")


@pytest.fixture
def clerk(kyodo_room):
    return make_user(username="clerk-kyodo", group=CLERK_GROUP, departments=[kyodo_room])


@pytest.fixture
def second_clerk(kyodo_room):
    return make_user(username="clerk-kyodo-2", group=CLERK_GROUP, departments=[kyodo_room])


@pytest.fixture
def other_clerk(lifelong):
    return make_user(username="clerk-lifelong", group=CLERK_GROUP, departments=[lifelong])


@pytest.fixture
def coordinator(db):
    return make_user(username="coordinator", group=COORDINATOR_GROUP)


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
    add_partner(project=project, name="苫小牧市町内会連合会", count=82, written_as="町内会")
    make_session(
        project=project,
        order=0,
        group=0,
        start=datetime.date(2023, 8, 22),
        end=datetime.date(2023, 10, 31),
        participants=5,
    )
    make_session(
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
    add_partner(project=project, name="札幌交響楽団")
    make_session(project=project, start=datetime.date(2023, 9, 23), participants=682)
    return project


@pytest.fixture
def older(kyosai, lifelong):
    """A 令和4年度 (2022) project, so the year selector has two years."""
    return make_project(
        form=kyosai, department=lifelong, number=1, name="昨年度の市民塾", fiscal_year=2022
    )


@pytest.fixture
def draft_only(kyosai):
    """A draft (下書き) whose department, form and partner appear in no published project: what
    no public page, filter or API answer may name or count."""
    return make_project(
        form=make_form(name="下書きだけの形態"),
        department=make_department(name="下書きだけの課"),
        name="下書きの事業",
        published=False,
        partners=["下書きだけの団体"],
    )
