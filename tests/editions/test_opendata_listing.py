"""`/opendata/` lists each year's editions with their date, note, files and hashes."""

import pytest
from django.utils import timezone

from projects.models import EditionFile, Session
from tests.editions.helpers import run
from tests.factories import make_project

pytestmark = pytest.mark.django_db


def test_the_listing_shows_each_edition_with_date_note_links_and_hashes(client, year_2023):
    run("publish_report", "--fiscal-year", "2023", "--note", "当初の公表")
    run("publish_report", "--fiscal-year", "2023", "--note", "参加人数を訂正")

    text = client.get("/opendata/").text

    assert '<h2 id="editions">公表版</h2>' in text
    assert "令和5年度（2023年度）" in text
    first, second = text.index('id="edition-2023-1"'), text.index('id="edition-2023-2"')
    assert first < second  # edition 1 first
    assert "当初の公表" in text[first:second] and "参加人数を訂正" in text[second:]
    today = timezone.localdate()
    assert f"（{today.year}年{today.month}月{today.day}日）" in text[first:second]
    for file in EditionFile.objects.select_related("edition"):
        assert f'href="{file.path}"' in text
        assert file.sha256 in text


def test_the_listing_says_when_nothing_is_published_yet(client, year_2023):
    assert "公表版はまだありません。" in client.get("/opendata/").text


@pytest.mark.parametrize("editions", [1, 4])
def test_the_listing_costs_the_same_queries_for_one_edition_as_for_many(
    client, kyosai, kyodo_room, django_assert_num_queries, editions
):
    for year in range(2020, 2020 + editions):
        project = make_project(
            form=kyosai, department=kyodo_room, number=1, name="事業", fiscal_year=year
        )
        Session.objects.create(project=project, start=timezone.datetime(year, 6, 1).date())
        run("publish_report", "--fiscal-year", str(year))
    # The years with their counts, the editions, and their files without their contents.
    with django_assert_num_queries(3) as captured:
        response = client.get("/opendata/")
    assert response.text.count('id="edition-') == editions
    assert not any("content" in query["sql"] for query in captured.captured_queries)
