"""`/departments/<pk>/`: a department's published projects by year, with the year's totals."""

import datetime

import pytest

from projects.models import Session
from tests.factories import make_project

pytestmark = pytest.mark.django_db


def url(department) -> str:
    return f"/departments/{department.pk}/"


def test_it_shows_each_year_with_its_totals(client, meeting, kyosai, kyodo_room):
    earlier = make_project(
        form=kyosai, department=kyodo_room, number=1, name="前年度の懇談", fiscal_year=2022
    )
    Session.objects.create(project=earlier, start=datetime.date(2022, 7, 1), participants=40)
    response = client.get(url(kyodo_room))
    assert response.status_code == 200
    text = response.text
    assert "<h1>協働・男女平等参画室の協働事業</h1>" in text
    groups = response.context["years"]
    assert [g.fiscal_year for g in groups] == [2023, 2022]
    assert (groups[0].participants_total, groups[0].any_approximate) == (305, True)
    assert "約305人" in text and "40人" in text
    assert "令和4年度（2022年度）" in text
    make_project(form=kyosai, department=kyodo_room, number=2, name="人数不明", fiscal_year=2022)
    make_project(form=kyosai, department=kyodo_room, number=1, name="数えず", fiscal_year=2021)
    text = client.get(url(kyodo_room)).text
    assert "40人（人数不明 1件）" in text  # 2022: one project counted, one not
    assert "不明" in text.split("令和3年度（2021年度）")[1]  # 2021: nothing counted, not 0人
    assert f'href="/projects/{meeting.pk}/"' in text
    assert '<time datetime="2023-08-22">令和5年8月22日（2023年8月22日）</time>' in text


def test_the_list_and_the_project_page_link_to_it(client, meeting, kyodo_room):
    assert f'href="{url(kyodo_room)}"' in client.get("/").text
    assert f'href="{url(kyodo_room)}"' in client.get(f"/projects/{meeting.pk}/").text


def test_other_departments_and_drafts_are_left_out(client, meeting, concert, kyodo_room):
    make_project(form=meeting.form, department=kyodo_room, number=7, name="下書き", published=False)
    text = client.get(url(kyodo_room)).text
    assert "しおさいコンサート" not in text and "下書き" not in text


def test_a_department_without_published_projects_is_not_found(client, lifelong, kyosai):
    make_project(form=kyosai, department=lifelong, number=1, name="下書き", published=False)
    assert client.get(url(lifelong)).status_code == 404
    assert client.get("/departments/999999/").status_code == 404


@pytest.mark.parametrize("count", [1, 200])
def test_the_page_costs_the_same_queries_for_one_and_two_hundred_projects(
    client, kyosai, kyodo_room, django_assert_num_queries, count
):
    for number in range(1, count + 1):
        project = make_project(
            form=kyosai,
            department=kyodo_room,
            number=number,
            name=f"事業{number}",
            fiscal_year=2020 + number % 4,
        )
        Session.objects.create(
            project=project, start=datetime.date(project.fiscal_year, 6, 1), participants=3
        )
    # The department, then its projects with their participants.
    with django_assert_num_queries(2):
        response = client.get(url(kyodo_room))
    assert response.context["projects"] == count
    assert sum(g.participants_total for g in response.context["years"]) == 3 * count
