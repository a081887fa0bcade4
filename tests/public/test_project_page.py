"""`/projects/<pk>/`: one project, every field in the report's wording."""

import pytest

from tests.factories import make_project

pytestmark = pytest.mark.django_db


def url(project) -> str:
    return f"/projects/{project.pk}/"


def test_the_page_shows_every_field_in_the_reports_wording(client, meeting):
    response = client.get(url(meeting))
    assert response.status_code == 200
    text = response.text
    assert "令和5年度" in text
    assert "共催" in text
    assert "まちかどミーティング (協働・男女平等参画室)" in text
    assert "例年実施 (昭和62年頃から継続実施)" in text
    assert "市長が各地区に出向いて懇談する。" in text
    assert "82町内会" in text
    assert "令和5年8月22日～10月31日 (5人)" in text
    assert "令和6年1月21日 (約300人)" in text
    assert "継続して行ってほしいという意見が出ている。" in text


def test_the_page_links_back_to_its_years_register(client, meeting):
    assert 'href="/?year=2023"' in client.get(url(meeting)).text


def test_the_register_links_to_the_project_page(client, meeting):
    assert f'href="{url(meeting)}"' in client.get("/").text


def test_an_unknown_project_is_not_found(client, db):
    assert client.get("/projects/999999/").status_code == 404


def test_a_project_without_partners_or_sessions_still_renders(client, kyosai, kyodo_room):
    project = make_project(form=kyosai, department=kyodo_room, number=2, name="準備中の事業")
    response = client.get(url(project))
    assert response.status_code == 200
    assert "準備中の事業" in response.text


def test_a_script_tag_in_any_field_is_escaped(client, kyosai, kyodo_room):
    project = make_project(
        form=kyosai,
        department=kyodo_room,
        number=3,
        name="<script>alert(1)</script>",
        purpose="<b>太字</b>\n二行目",
    )
    text = client.get(url(project)).text
    assert "<script>alert(1)</script>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "<b>" not in text
    assert "&lt;b&gt;太字&lt;/b&gt;<br>二行目" in text


def test_the_page_costs_a_fixed_number_of_queries(client, meeting, django_assert_num_queries):
    # The project with its form and department, its partners, its sessions, then its series
    # (no other year: nothing more to read).
    with django_assert_num_queries(4):
        client.get(url(meeting))
