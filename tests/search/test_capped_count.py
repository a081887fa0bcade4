"""Long lists count only as far as their pages need (projects.paging): 「1,000件以上」, honestly.

The count of the admin's list and of the public list stops past 1,000 rows (or past the page
asked for), in the same single query whatever the size; below that it is the exact count.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from projects.models import Project
from projects.paging import CappedPaginator
from tests.search.helpers import found_projects as _projects

pytestmark = pytest.mark.django_db


def _paginator(page=None) -> CappedPaginator:
    return CappedPaginator(Project.objects.in_report_order(), 50, page=page)


def test_up_to_the_limit_the_count_is_exact(kyosai, kyodo_room):
    _projects(1000, kyosai, kyodo_room)
    paginator = _paginator()
    assert (paginator.count, paginator.capped, paginator.count_text) == (1000, False, "1,000件")
    assert paginator.num_pages == 20


def test_past_the_limit_the_count_says_at_least(kyosai, kyodo_room):
    _projects(1001, kyosai, kyodo_room)
    paginator = _paginator()
    assert paginator.capped
    assert paginator.count_text == "1,000件以上"
    assert paginator.page(21).has_other_pages()  # the 1,001st row is on a page of its own


def test_a_later_page_counts_on_so_every_page_stays_reachable(kyosai, kyodo_room):
    _projects(1600, kyosai, kyodo_room)
    page_30 = _paginator(page="30")
    assert page_30.count_text == "1,500件以上"
    assert page_30.page(30).has_next()
    last = _paginator(page="32")  # the limit reaches the end: the exact count again
    assert (last.count_text, last.num_pages) == ("1,600件", 32)
    assert [p.number for p in last.page(32).object_list] == list(range(1551, 1601))


def test_an_unreadable_page_counts_to_the_limit(kyosai, kyodo_room):
    _projects(3, kyosai, kyodo_room)
    assert _paginator(page="abc").limit == 1000
    assert _paginator(page="-4").count_text == "3件"


def test_the_public_list_says_1000_or_more_in_the_same_queries_as_for_one(
    client, kyosai, kyodo_room
):
    url = "/?year=2023&q=苫小牧"
    _projects(1, kyosai, kyodo_room)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    Project.objects.all().delete()
    _projects(1001, kyosai, kyodo_room)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert len(many) == len(one)
    text = response.text
    assert "1,000件以上（1～50件目を表示）" in text
    assert "この条件の1,000件以上" in text
    assert "1ページ目" in text and "/ 21ページ" not in text  # the last page is not known
    assert "1001" not in text and "1,001" not in text


def test_the_public_list_without_a_keyword_says_its_exact_count(client, kyosai, kyodo_room):
    _projects(1001, kyosai, kyodo_room)
    text = client.get("/?year=2023").text
    assert "1,001件（1～50件目を表示）" in text
    assert "1 / 21ページ" in text


def test_without_a_search_the_paginator_counts_every_row(kyosai, kyodo_room):
    _projects(1001, kyosai, kyodo_room)
    paginator = CappedPaginator(Project.objects.all(), 50, searched=False)
    assert (paginator.count, paginator.capped, paginator.count_text) == (1001, False, "1,001件")
