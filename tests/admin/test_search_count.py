"""The admin's search of a long list says 「1,000件以上」 (projects.paging), in constant queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from partners.models import Partner
from projects.models import Project
from tests.search.helpers import found_projects

pytestmark = pytest.mark.django_db

ADMIN = "/admin/projects/project/"


def test_the_admin_search_says_1000_or_more_in_the_same_queries_as_for_one(
    client, coordinator, kyosai, kyodo_room
):
    client.force_login(coordinator)
    partner = Partner.objects.create(name="苫小牧市体育協会")
    url = ADMIN + "?q=苫小牧"
    found_projects(1, kyosai, kyodo_room, partner=partner)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    Project.objects.all().delete()
    found_projects(1001, kyosai, kyodo_room, partner=partner)  # found by the partner only
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert len(many) == len(one)
    text = response.text
    assert "1,000件以上の協働事業" in text  # under the list
    assert '<span class="kyodo-search-count">1,000件以上</span>' in text  # beside the search
    assert "1,000件以上ある協働事業を全て選択" in text
    assert response.context["selection_note_all"] == "1,000件以上の全件が選択されています"
    assert "1001" not in text and "1,001" not in text
    assert client.get(url + "&p=21").context["cl"].result_list.count() == 1


def test_the_admin_shows_the_exact_count_of_a_short_search(client, coordinator, kyosai, kyodo_room):
    client.force_login(coordinator)
    found_projects(3, kyosai, kyodo_room)
    text = client.get(ADMIN + "?q=苫小牧").text
    assert '<span class="kyodo-search-count">3件</span>' in text
    assert "3件の協働事業" in text


def test_a_list_without_a_keyword_keeps_its_exact_count_past_1000(
    client, coordinator, kyosai, kyodo_room
):
    # Filters by indexed columns cost little to count: a coordinator sees how many there are.
    client.force_login(coordinator)
    found_projects(1001, kyosai, kyodo_room)
    response = client.get(ADMIN + "?fiscal_year__exact=2023")
    assert response.context["cl"].paginator.count == 1001
    assert "1,001件の協働事業" in response.text
    assert "以上" not in response.text
