"""「CSVダウンロード」 on the public list: the filtered rows, every page, as the annual CSV."""

import csv
import io

import pytest

from projects import layout
from tests.factories import make_project

pytestmark = pytest.mark.django_db

BOM = b"\xef\xbb\xbf"


def rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def names(response) -> list[str]:
    table = rows(response)
    return [row[table[0].index(layout.NAME)] for row in table[1:]]


def test_the_list_links_to_the_csv_of_its_filters(client, meeting, concert, kouen):
    text = client.get("/", {"form": kouen.pk, "page": 1}).text
    assert f'href="/projects.csv?form={kouen.pk}"' in text
    assert "CSVダウンロード" in text


def test_the_csv_holds_the_filtered_rows_in_the_annual_layout(client, meeting, concert, kouen):
    response = client.get("/projects.csv", {"form": kouen.pk})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(BOM)
    assert response["Content-Disposition"] == 'attachment; filename="012131_kyodo_2023_list.csv"'
    assert rows(response)[0] == list(layout.DATASET_COLUMNS)
    assert names(response) == ["しおさいコンサート (生涯学習課)"]


def test_it_follows_the_year_keyword_and_partner(client, meeting, concert, older):
    assert names(client.get("/projects.csv", {"year": 2022})) == ["昨年度の市民塾 (生涯学習課)"]
    assert names(client.get("/projects.csv", {"q": "演奏会"})) == [
        "しおさいコンサート (生涯学習課)"
    ]
    partner = meeting.partner_links.get().partner_id
    assert names(client.get("/projects.csv", {"partner": partner})) == [
        "まちかどミーティング (協働・男女平等参画室)"
    ]


def test_it_holds_every_page_and_no_draft(client, kyosai, kyodo_room):
    for number in range(1, 61):
        make_project(form=kyosai, department=kyodo_room, number=number, name=f"事業{number}")
    make_project(form=kyosai, department=kyodo_room, number=61, name="下書き", published=False)
    listed = names(client.get("/projects.csv"))
    assert len(listed) == 60
    assert "下書き (協働・男女平等参画室)" not in listed


def test_cells_are_neutralised(client, kyosai, kyodo_room):
    make_project(form=kyosai, department=kyodo_room, number=1, name="x", purpose="=HYPERLINK(1)")
    table = rows(client.get("/projects.csv"))
    assert table[1][table[0].index(layout.PURPOSE)] == "'=HYPERLINK(1)"


@pytest.mark.parametrize("count", [1, 200])
def test_the_download_costs_the_same_queries_for_one_and_two_hundred_projects(
    client, kyosai, kyodo_room, django_assert_num_queries, count
):
    for number in range(1, count + 1):
        make_project(form=kyosai, department=kyodo_room, number=number, name=f"事業{number}")
    # The years, the department checked by the filter, then projects, partners and sessions.
    with django_assert_num_queries(5):
        response = client.get("/projects.csv", {"department": kyodo_room.pk})
    assert len(rows(response)) == count + 1
