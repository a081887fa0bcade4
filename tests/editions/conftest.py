"""A published year for the edition tests: 令和5年度 with two 共催 projects, and the two roles."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command

from partners.models import Partner
from projects.models import ProjectPartner, Session
from projects.permissions import CLERK_GROUP, COORDINATOR_GROUP
from tests.admin.conftest import make_user
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


@pytest.fixture
def coordinator(db):
    return make_user("coordinator", COORDINATOR_GROUP)


@pytest.fixture
def clerk(kyodo_room):
    return make_user("clerk-kyodo", CLERK_GROUP, [kyodo_room])


def run(command: str, *args: str) -> str:
    out = StringIO()
    call_command(command, *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def export(fiscal_year: int, kind: str, tmp_path) -> bytes:
    """What `export_report` writes for the whole year."""
    target = tmp_path / f"export.{kind}"
    call_command(
        "export_report",
        "--fiscal-year",
        str(fiscal_year),
        "--format",
        kind,
        "--output",
        str(target),
        stdout=StringIO(),
        stderr=StringIO(),
    )
    return target.read_bytes()
