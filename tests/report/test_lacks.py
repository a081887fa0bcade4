"""What a project lacks is one rule: its SQL conditions and its Python reading agree project by
project, and the guide, the list filter and the survey's checklist all follow it."""

import datetime

import pytest
from django.db.models import Prefetch

from partners.models import Partner
from projects.lacks import COUNT, EFFECT, PARTNER, SESSION, lack_conditions, project_lacks
from projects.models import Category, Project, ProjectPartner, Session
from surveys.checklist import NO_PARTICIPANTS, project_points

pytestmark = pytest.mark.django_db

DAY = datetime.date(2023, 6, 1)


def _project(kyosai, department, number, *, sessions=(), partner=True, effect="よかった", **f):
    project = Project.objects.create(
        fiscal_year=2023,
        form=kyosai,
        number=number,
        name=f"事業{number}",
        department=department,
        category=Category.ANNUAL,
        effect=effect,
        **f,
    )
    for order, (group, participants) in enumerate(sessions):
        Session.objects.create(
            project=project,
            order=order,
            group=group,
            start=DAY + datetime.timedelta(days=order),
            participants=participants,
        )
    if partner:
        body, _ = Partner.objects.get_or_create(name="苫小牧市町内会連合会")
        ProjectPartner.objects.create(project=project, partner=body, order=0)
    return project


@pytest.fixture
def varied(kyosai, lifelong):
    make = _project
    return {
        "nothing missing": (make(kyosai, lifelong, 1, sessions=[(0, 30)]), set()),
        "no session": (make(kyosai, lifelong, 2), {SESSION}),
        "one date uncounted": (make(kyosai, lifelong, 3, sessions=[(0, 30), (0, None)]), {COUNT}),
        "a group counted on its first date": (
            make(kyosai, lifelong, 4, sessions=[(1, 46), (1, None)]),
            set(),
        ),
        "a group counted on its last date": (
            make(kyosai, lifelong, 5, sessions=[(1, None), (0, 12), (1, 46)]),
            set(),
        ),
        "a group without a count": (
            make(kyosai, lifelong, 6, sessions=[(1, None), (1, None), (0, 5)]),
            {COUNT},
        ),
        "a reported total stands for all": (
            make(kyosai, lifelong, 7, sessions=[(0, None)], reported_participants_total=165),
            set(),
        ),
        "no partner, no effect": (
            make(kyosai, lifelong, 8, sessions=[(0, 3)], partner=False, effect=""),
            {PARTNER, EFFECT},
        ),
    }


def _prefetched(pk: int) -> Project:
    return Project.objects.prefetch_related(
        Prefetch("sessions", queryset=Session.objects.order_by("order")), "partner_links"
    ).get(pk=pk)


def test_sql_and_python_say_the_same_of_every_project(varied):
    conditions = lack_conditions()
    for case, (project, expected) in varied.items():
        by_sql = {
            code
            for code, condition in conditions.items()
            if Project.objects.filter(pk=project.pk).filter(condition).exists()
        }
        by_python = project_lacks(_prefetched(project.pk))
        assert by_sql == by_python == expected, case


def test_the_survey_checklist_flags_a_count_exactly_where_the_rule_does(varied):
    for case, (project, expected) in varied.items():
        codes = {point.code for point in project_points(_prefetched(project.pk))}
        assert (NO_PARTICIPANTS in codes) == (COUNT in expected), case


def test_the_list_filter_finds_the_projects_the_guide_counts(client, coordinator, varied):
    client.force_login(coordinator)
    page = client.get("/admin/projects/project/", {"fiscal_year": 2023, "missing": COUNT})

    shown = {p.number for p in page.context["cl"].result_list}
    assert shown == {p.number for p, expected in varied.values() if COUNT in expected}
