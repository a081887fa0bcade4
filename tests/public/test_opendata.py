"""`/opendata/`: the yearly downloads, CSV in the report layout and JSON records."""

import csv
import io
import json

import pytest
from django.core.management import call_command

from projects import layout
from tests.factories import make_project

pytestmark = pytest.mark.django_db

BOM = b"\xef\xbb\xbf"


def test_the_page_lists_each_year_with_its_downloads(client, meeting, older):
    response = client.get("/opendata/")
    assert response.status_code == 200
    text = response.text
    assert "令和5年度" in text and "令和4年度" in text
    assert 'href="/opendata/2023.csv"' in text
    assert 'href="/opendata/2022.json"' in text
    assert "012131_kyodo_2023.csv" in text


def test_the_csv_is_utf8_with_bom_in_the_report_layout(client, meeting, concert):
    response = client.get("/opendata/2023.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(BOM)
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == list(layout.DATASET_COLUMNS)
    assert "協働事業の名称 (担当課)" in rows[0]
    assert len(rows) == 3
    names = [row[rows[0].index(layout.NAME)] for row in rows[1:]]
    assert "まちかどミーティング (協働・男女平等参画室)" in names


def test_the_csv_is_an_attachment_named_with_the_city_code(client, meeting, settings):
    response = client.get("/opendata/2023.csv")
    assert response["Content-Disposition"] == 'attachment; filename="012131_kyodo_2023.csv"'
    settings.KYODO_CITY_CODE = "011002"
    response = client.get("/opendata/2023.csv")
    assert response["Content-Disposition"] == 'attachment; filename="011002_kyodo_2023.csv"'


def test_the_csv_neutralises_formulas(client, kyosai, kyodo_room):
    make_project(form=kyosai, department=kyodo_room, number=1, name="x", purpose="=1+1")
    content = client.get("/opendata/2023.csv").content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content)))
    assert rows[1][rows[0].index(layout.PURPOSE)] == "'=1+1"


def test_the_csv_holds_only_the_requested_year(client, meeting, older):
    content = client.get("/opendata/2022.csv").content.decode("utf-8-sig")
    assert "昨年度の市民塾" in content
    assert "まちかどミーティング" not in content


def test_the_json_parses_and_matches_the_export_command(client, meeting, concert):
    response = client.get("/opendata/2023.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="012131_kyodo_2023.json"'
    records = json.loads(response.content.decode("utf-8"))
    assert {record["name"] for record in records} == {"まちかどミーティング", "しおさいコンサート"}
    meeting_record = next(r for r in records if r["name"] == "まちかどミーティング")
    assert meeting_record["participants_total"] == 305
    assert meeting_record["partners"][0]["count"] == 82
    out = io.StringIO()
    call_command("export_report", fiscal_year=2023, format="json", stdout=out)
    assert json.loads(out.getvalue()) == records


@pytest.mark.parametrize("extension", ["csv", "json"])
def test_a_year_without_projects_is_not_found(client, meeting, extension):
    assert client.get(f"/opendata/2019.{extension}").status_code == 404


def test_the_downloads_are_read_only(client, meeting):
    assert client.post("/opendata/2023.csv").status_code == 405


def test_the_page_says_so_when_there_is_nothing_to_download(client, db):
    assert "公開している年度はまだありません" in client.get("/opendata/").text
