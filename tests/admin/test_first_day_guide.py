"""The first-day guide on the admin's home page: a clerk's projects of the latest year and what
they lack, the coordinator's view of the year; links to the pages; constant queries."""

import datetime

import pytest
from django.urls import reverse

from partners.models import Partner
from projects.guide import first_day_guide
from projects.models import Department, Project, ProjectPartner, Session
from tests.factories import make_project, make_user

pytestmark = pytest.mark.django_db

INDEX = reverse("admin:index")


@pytest.fixture
def year(kyodo_room, lifelong, kyosai):
    """Four projects of 2023 (one of another department), one of 2022."""
    partner = Partner.objects.create(name="苫小牧市町内会連合会")

    def project(number, name, department=kyodo_room, *, sessions=(), partner_linked=True, **kw):
        made = make_project(form=kyosai, department=department, number=number, name=name, **kw)
        for order, (start, people) in enumerate(sessions, start=1):
            Session.objects.create(project=made, order=order, start=start, participants=people)
        if partner_linked:
            ProjectPartner.objects.create(project=made, partner=partner, order=1)
        return made

    complete = project(
        1, "まちかどミーティング", sessions=[(datetime.date(2023, 8, 22), 30)], effect="好評。"
    )
    project(2, "男女平等参画フォーラム", effect="好評。", published=False)  # no session
    project(
        3, "協働のまちづくり講座", sessions=[(datetime.date(2023, 6, 3), None)],
        partner_linked=False,
    )  # fmt: skip
    project(4, "市民塾", lifelong, effect="")  # another department's
    project(1, "まちかどミーティング", fiscal_year=2022, effect="好評。")
    return complete


def test_a_clerk_sees_their_projects_of_the_latest_year_and_what_they_lack(client, clerk, year):
    client.force_login(clerk)
    page = client.get(INDEX).text

    assert "令和5年度の協働事業：協働・男女平等参画室" in page
    assert "協働事業 <strong>3件</strong>" in page
    guide = first_day_guide(clerk)
    lacking = {gap.code: [p["name"] for p in gap.projects] for gap in guide.gaps}
    assert lacking == {
        "session": ["男女平等参画フォーラム"],
        "count": ["協働のまちづくり講座"],
        "partner": ["協働のまちづくり講座"],
        "effect": ["協働のまちづくり講座"],
    }
    assert "市民塾" not in page  # not theirs
    assert reverse("admin:projects_project_import") in page
    assert reverse("admin:projects_project_history", args=[Project.objects.filter(
        fiscal_year=2023, department__name="協働・男女平等参画室"
    ).latest("pk").pk]) in page  # fmt: skip
    assert "非公開 1件" in page


def test_the_coordinator_sees_the_years_state(client, coordinator, year):
    client.force_login(coordinator)
    page = client.get(INDEX).text

    assert "令和5年度の協働事業の状況" in page
    assert "協働事業 <strong>4件</strong>" in page and "非公開 1件" in page
    guide = first_day_guide(coordinator)
    assert {gap.code: gap.count for gap in guide.gaps} == {
        "session": 2,
        "count": 1,
        "partner": 1,
        "effect": 2,
    }
    assert reverse("admin:projects_project_summary") + "?fiscal_year=2023" in page


def test_each_line_links_to_the_list_of_those_projects(client, coordinator, year):
    client.force_login(coordinator)
    gap = next(g for g in first_day_guide(coordinator).gaps if g.code == "session")

    response = client.get(gap.url)

    assert response.status_code == 200
    names = sorted(p.name for p in response.context["cl"].result_list)
    assert names == ["市民塾", "男女平等参画フォーラム"]
    assert "入力の不足" in response.text


def test_a_clerk_of_a_department_without_projects_this_year_is_told_how_to_start(
    client, year, kyosai
):
    empty = Department.objects.create(name="科学センター")
    user = make_user(username="clerk-science", group="担当課職員", departments=[empty])
    client.force_login(user)

    page = client.get(INDEX).text

    assert "令和5年度の協働事業はまだ登録されていません" in page


def _register(departments: int, projects: int, kyosai):
    made = [Department(name=f"課{i:02d}") for i in range(departments)]
    Department.objects.bulk_create(made)
    made = list(Department.objects.filter(name__startswith="課").order_by("name"))
    Project.objects.bulk_create(
        Project(
            fiscal_year=2023,
            form=kyosai,
            number=n + 1,
            name=f"事業{n + 1}",
            department=made[n % departments],
            category="annual",
        )
        for n in range(projects)
    )
    return made[0]


@pytest.mark.parametrize(("departments", "projects"), [(1, 1), (60, 200)])
def test_the_guide_runs_a_constant_number_of_queries(
    departments, projects, kyosai, django_assert_num_queries
):
    first = _register(departments, projects, kyosai)
    clerk = make_user(username="clerk-first", group="担当課職員", departments=[first])
    coordinator = make_user(username="coordinator-q", group="協働推進担当")

    # The clerk: role, departments, latest year, department names, projects, last change.
    with django_assert_num_queries(6):
        clerk_guide = first_day_guide(clerk)
    # The coordinator: role, latest year, the year's counts, last change.
    with django_assert_num_queries(4):
        coordinator_guide = first_day_guide(coordinator)

    assert clerk_guide.projects == len(range(0, projects, departments))
    assert coordinator_guide.projects == projects
