"""`/`: the register of one fiscal year, filtered, paginated, in a constant number of queries."""

import datetime

import pytest
from django.urls import reverse

from partners.models import Partner
from projects.models import ProjectPartner, Session
from tests.factories import make_project

pytestmark = pytest.mark.django_db

URL = "/"


def names(response) -> list[str]:
    return [row["project"].name for row in response.context["rows"]]


def test_the_register_is_served_at_the_root_without_login(client, meeting):
    response = client.get(URL)
    assert response.status_code == 200
    assert reverse("public:register") == URL
    assert '<html lang="ja">' in response.text
    assert "苫小牧市" in response.text


def test_the_latest_year_is_shown_by_default_in_wareki(client, meeting, older):
    response = client.get(URL)
    assert response.context["year"] == 2023
    assert "令和5年度" in response.text
    assert names(response) == ["まちかどミーティング"]


def test_another_year_can_be_chosen(client, meeting, older):
    response = client.get(URL, {"year": 2022})
    assert names(response) == ["昨年度の市民塾"]
    assert "令和4年度" in response.text


def test_an_unknown_year_falls_back_to_the_latest(client, meeting, older):
    assert client.get(URL, {"year": "1999"}).context["year"] == 2023
    assert client.get(URL, {"year": "abc"}).context["year"] == 2023


def test_a_row_shows_the_first_date_in_wareki_and_the_approximate_total(client, meeting):
    response = client.get(URL)
    row = response.context["rows"][0]
    assert row["first_date"] == datetime.date(2023, 8, 22)
    assert '<time datetime="2023-08-22">令和5年8月22日（2023年8月22日）</time>' in response.text
    assert row["participants"] == "約305人"
    assert "約305人" in response.text
    assert "協働・男女平等参画室" in response.text
    assert "例年実施" in response.text


def test_an_exact_total_has_no_approximation_mark(client, concert):
    row = client.get(URL).context["rows"][0]
    assert row["participants"] == "682人"


def test_the_form_filter_narrows_the_list(client, meeting, concert, kouen):
    assert sorted(names(client.get(URL))) == ["しおさいコンサート", "まちかどミーティング"]
    assert names(client.get(URL, {"form": kouen.pk})) == ["しおさいコンサート"]


def test_the_category_filter_narrows_the_list(client, meeting, concert):
    assert names(client.get(URL, {"category": "new"})) == ["しおさいコンサート"]


def test_the_department_filter_narrows_the_list(client, meeting, concert, kyodo_room):
    assert names(client.get(URL, {"department": kyodo_room.pk})) == ["まちかどミーティング"]


def test_the_keyword_searches_name_purpose_effect_and_partner_names(client, meeting, concert):
    assert names(client.get(URL, {"q": "まちかど"})) == ["まちかどミーティング"]
    assert names(client.get(URL, {"q": "演奏会"})) == ["しおさいコンサート"]
    assert names(client.get(URL, {"q": "継続して"})) == ["まちかどミーティング"]
    assert names(client.get(URL, {"q": "交響楽団"})) == ["しおさいコンサート"]
    assert names(client.get(URL, {"q": "該当なし"})) == []


def test_a_partner_match_does_not_inflate_the_participants_total(client, meeting, kyodo_room):
    # Two partners both match 「苫小牧」; a join would double the sessions' sum.
    ProjectPartner.objects.create(
        project=meeting, partner=Partner.objects.create(name="苫小牧観光協会")
    )
    response = client.get(URL, {"q": "苫小牧"})
    assert names(response) == ["まちかどミーティング"]
    assert response.context["rows"][0]["participants"] == "約305人"


def test_the_year_and_filters_combine(client, meeting, concert, older, lifelong):
    assert names(client.get(URL, {"year": 2022, "department": lifelong.pk})) == ["昨年度の市民塾"]


def test_the_list_is_paginated_by_fifty(client, kyosai, kyodo_room):
    for number in range(1, 61):
        make_project(form=kyosai, department=kyodo_room, number=number, name=f"事業{number}")
    first = client.get(URL)
    assert len(first.context["rows"]) == 50
    assert first.context["page"].paginator.num_pages == 2
    assert "page=2" in first.text
    second = client.get(URL, {"page": 2})
    assert [row["project"].number for row in second.context["rows"]] == list(range(51, 61))


def test_pagination_links_keep_the_filters(client, kyosai, kyodo_room):
    for number in range(1, 61):
        make_project(form=kyosai, department=kyodo_room, number=number, name=f"事業{number}")
    response = client.get(URL, {"department": kyodo_room.pk})
    assert f"department={kyodo_room.pk}&amp;page=2" in response.text


# The years, the chosen 担当課 (validating the filter), the keyword's probe (which projects it
# finds, projects.querysets.matching), the paginator's count, the page, and the 協働の形態 and
# 担当課 choices of the filter form.
REGISTER_QUERIES = 7


def _projects(count, form, department):
    for number in range(1, count + 1):
        project = make_project(
            form=form, department=department, number=number, name=f"事業{number}"
        )
        Session.objects.create(
            project=project, start=datetime.date(2023, 6, 1), participants=10, approximate=True
        )
        Session.objects.create(project=project, start=datetime.date(2023, 7, 1), participants=5)


@pytest.mark.parametrize("count", [1, 60])
def test_the_number_of_queries_is_the_same_for_one_and_sixty_projects(
    client, kyosai, kyodo_room, django_assert_num_queries, count
):
    _projects(count, kyosai, kyodo_room)
    with django_assert_num_queries(REGISTER_QUERIES):
        response = client.get(URL, {"q": "事業", "department": kyodo_room.pk})
    assert len(response.context["rows"]) == min(count, 50)
    assert response.context["rows"][0]["participants"] == "約15人"


def test_a_script_tag_in_a_name_is_escaped(client, kyosai, kyodo_room):
    make_project(form=kyosai, department=kyodo_room, number=1, name="<script>alert(1)</script>")
    response = client.get(URL)
    assert "<script>alert(1)</script>" not in response.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text


def test_the_page_says_so_when_nothing_matches(client, meeting):
    assert "条件に合う協働事業はありません" in client.get(URL, {"q": "該当なし"}).text


def test_an_empty_register_still_renders(client, db):
    response = client.get(URL)
    assert response.status_code == 200
    assert response.context["rows"] == []


def test_the_register_is_read_only(client, meeting):
    assert client.post(URL).status_code == 405
