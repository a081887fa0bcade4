"""`/partners/<pk>/`: every published project and year of a partner, with its spellings."""

import pytest

from partners.models import Partner
from projects.models import ProjectPartner
from tests.factories import make_project

pytestmark = pytest.mark.django_db


def url(partner) -> str:
    return f"/partners/{partner.pk}/"


@pytest.fixture
def federation(meeting, older):
    """苫小牧市町内会連合会 in まちかどミーティング (2023, 「町内会」) and 昨年度の市民塾 (2022)."""
    partner = Partner.objects.get(name="苫小牧市町内会連合会")
    ProjectPartner.objects.create(
        project=older, partner=partner, role="協力", written_as="(一社)町内会連合会"
    )
    return partner


def test_it_lists_each_project_by_year_with_its_names(client, federation, meeting, older):
    response = client.get(url(federation))
    assert response.status_code == 200
    text = response.text
    assert "<h1>苫小牧市町内会連合会</h1>" in text
    assert text.index("令和5年度（2023年度）") < text.index("令和4年度（2022年度）")
    assert f'href="/projects/{meeting.pk}/"' in text and f'href="/projects/{older.pk}/"' in text
    assert "まちかどミーティング" in text and "昨年度の市民塾" in text
    assert "82町内会" in text  # how the report wrote it there
    assert "協力：(一社)町内会連合会" in text
    assert [g.fiscal_year for g in response.context["years"]] == [2023, 2022]
    assert response.context["written_as"] == ["(一社)町内会連合会", "町内会"]


def test_it_links_to_the_departments_and_the_filtered_list(client, federation, meeting):
    text = client.get(url(federation)).text
    assert f'href="/departments/{meeting.department_id}/"' in text
    assert f"/?year=2023&amp;partner={federation.pk}" in text


def test_the_project_page_links_to_it(client, federation, meeting):
    assert f'href="{url(federation)}"' in client.get(f"/projects/{meeting.pk}/").text


def test_drafts_are_left_out_and_a_partner_of_drafts_only_is_not_found(
    client, kyosai, kyodo_room, federation
):
    draft = make_project(
        form=kyosai, department=kyodo_room, number=5, name="非公開の下書き", published=False
    )
    secret = Partner.objects.create(name="下書きだけの団体")
    ProjectPartner.objects.create(project=draft, partner=secret)
    ProjectPartner.objects.create(project=draft, partner=federation)
    assert "非公開の下書き" not in client.get(url(federation)).text
    assert client.get(url(secret)).status_code == 404
    assert client.get("/partners/999999/").status_code == 404


def test_the_list_narrowed_to_the_partner_says_so(client, federation, meeting, concert):
    response = client.get("/", {"partner": federation.pk})
    assert [row["project"].name for row in response.context["rows"]] == ["まちかどミーティング"]
    assert "関係団体「" in response.text and "苫小牧市町内会連合会" in response.text
    assert f'name="partner" value="{federation.pk}"' in response.text


@pytest.mark.parametrize("count", [1, 200])
def test_the_page_costs_the_same_queries_for_one_and_two_hundred_projects(
    client, kyosai, kyodo_room, django_assert_num_queries, count
):
    partner = Partner.objects.create(name="協賛団体")
    for number in range(1, count + 1):
        project = make_project(
            form=kyosai,
            department=kyodo_room,
            number=number,
            name=f"事業{number}",
            fiscal_year=2020 + number % 4,
        )
        ProjectPartner.objects.create(project=project, partner=partner, written_as=f"表記{number}")
    # The partner, its projects (with participants), the partner's links to them.
    with django_assert_num_queries(3):
        response = client.get(url(partner))
    assert response.context["projects"] == count
