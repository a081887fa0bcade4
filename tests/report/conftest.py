"""Projects built with the ORM for the report's tests, and the seed for the fidelity tests."""

import datetime
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from partners.models import Partner, PartnerKind
from projects.models import Category, Department, Form, Project, ProjectPartner, Session

SEED = Path(__file__).resolve().parents[2] / "seeds" / "r05_kyosai_report.txt"


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "seed: imports the seed report with import_report (the whole import path)",
    )


def make_project(
    *,
    name="まちかどミーティング",
    department="協働・男女平等参画室",
    form="共催",
    fiscal_year=2023,
    number=None,
    category=Category.ANNUAL,
    since_year=None,
    purpose="",
    effect="",
    partners=(),
    sessions=(),
    reported_session_count=None,
    reported_participants_total=None,
) -> Project:
    """A project with its partner links and sessions.

    partners: names, or dicts of ProjectPartner fields plus ``name`` (and ``kind``).
    sessions: dicts of Session fields; ``group`` defaults to the session's position.
    """
    form_obj, _ = Form.objects.get_or_create(name=form)
    department_obj, _ = Department.objects.get_or_create(name=department)
    if number is None:
        number = Project.objects.filter(fiscal_year=fiscal_year, form=form_obj).count() + 1
    project = Project.objects.create(
        fiscal_year=fiscal_year,
        form=form_obj,
        number=number,
        name=name,
        department=department_obj,
        category=category,
        since_year=since_year,
        purpose=purpose,
        effect=effect,
        reported_session_count=reported_session_count,
        reported_participants_total=reported_participants_total,
    )
    for order, entry in enumerate(partners):
        entry = {"name": entry} if isinstance(entry, str) else dict(entry)
        partner, _ = Partner.objects.get_or_create(
            name=entry.pop("name"), defaults={"kind": entry.pop("kind", PartnerKind.OTHER)}
        )
        entry.pop("kind", None)
        ProjectPartner.objects.create(project=project, partner=partner, order=order, **entry)
    for order, entry in enumerate(sessions):
        entry = dict(entry)
        entry.setdefault("group", order)
        Session.objects.create(project=project, order=order, **entry)
    return project


def day(year, month, date) -> datetime.date:
    return datetime.date(year, month, date)


@pytest.fixture
def seeded(db):
    """The seed report imported through the importer's command (the command as a user runs it)."""
    call_command("import_report", str(SEED), stdout=StringIO(), stderr=StringIO())
