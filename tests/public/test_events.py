"""`/opendata/events/<year>.csv`: the national 「イベント一覧」 dataset, one row per session."""

import csv
import datetime
import io

import pytest
from django.core.management import CommandError, call_command

from projects.models import Session
from projects.opendata.events import EVENT_COLUMNS
from tests.factories import make_project

pytestmark = pytest.mark.django_db

BOM = b"\xef\xbb\xbf"
URL = "/opendata/events/2023.csv"

# The standard's header line, in its order (自治体標準オープンデータセット「イベント一覧」).
STANDARD_HEADER = (
    "都道府県コード又は市区町村コード,NO,都道府県名,市区町村名,イベント名,イベント名_カナ,"
    "イベント名_英語,開始日,終了日,開始時間,終了時間,開始日時特記事項,説明,料金(基本),料金(詳細),"
    "連絡先名称,連絡先電話番号,連絡先内線番号,主催者,場所名称,住所,方書,緯度,経度,アクセス方法,"
    "駐車場情報,定員,参加申込終了日,参加申込終了時間,参加申込方法,URL,備考"
)
STANDARD = next(csv.reader([STANDARD_HEADER]))


def records(content: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


def test_the_header_is_the_standards(client, meeting):
    response = client.get(URL)
    assert response.status_code == 200
    assert response.content.startswith(BOM)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="012131_event_2023.csv"'
    header = next(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert header == STANDARD == list(EVENT_COLUMNS)
    assert b"\r\n" in response.content


def test_one_row_per_session_with_its_dates(client, meeting, concert):
    rows = records(client.get(URL).content)
    assert [(r["イベント名"], r["開始日"], r["終了日"]) for r in rows] == [
        ("まちかどミーティング", "2023-08-22", "2023-10-31"),
        ("まちかどミーティング", "2024-01-21", "2024-01-21"),  # one day: it ends as it starts
        ("しおさいコンサート", "2023-09-23", "2023-09-23"),
    ]
    assert [r["NO"] for r in rows] == [f"{meeting.pk}-1", f"{meeting.pk}-2", f"{concert.pk}-1"]


def test_the_city_comes_from_settings(client, meeting, settings):
    settings.KYODO_CITY_CODE, settings.KYODO_PREFECTURE_NAME = "011002", "北海道"
    settings.KYODO_CITY_NAME = "札幌市"
    row = records(client.get(URL).content)[0]
    assert row["都道府県コード又は市区町村コード"] == "011002"
    assert (row["都道府県名"], row["市区町村名"]) == ("北海道", "札幌市")


def test_the_organisers_contact_url_and_remarks(client, meeting):
    first, second = records(client.get(URL).content)
    # each partner as the report printed it (「82町内会」), not the partner's current name
    assert first["主催者"] == "苫小牧市 協働・男女平等参画室、82町内会"
    assert first["連絡先名称"] == "協働・男女平等参画室"
    assert first["説明"] == "市長が各地区に出向いて懇談する。"
    assert first["URL"] == f"http://testserver/projects/{meeting.pk}/"
    assert first["備考"] == "参加人数 5人"
    assert second["備考"] == "参加人数 約300人"


def test_what_the_register_does_not_know_is_empty(client, meeting):
    row = records(client.get(URL).content)[0]
    unknown = ["イベント名_カナ", "イベント名_英語", "開始時間", "終了時間", "料金(基本)"]
    unknown += ["連絡先電話番号", "場所名称", "住所", "緯度", "経度", "定員", "参加申込方法"]
    assert all(row[column] == "" for column in unknown)


def test_drafts_sessions_and_formulas(client, meeting, kyosai, kyodo_room):
    draft = make_project(
        form=kyosai, department=kyodo_room, number=2, name="下書き", published=False
    )
    Session.objects.create(project=draft, start=datetime.date(2023, 5, 1))
    risky = make_project(form=kyosai, department=kyodo_room, number=3, name="=cmd()")
    Session.objects.create(project=risky, start=datetime.date(2023, 5, 2))
    names = [r["イベント名"] for r in records(client.get(URL).content)]
    assert "下書き" not in names
    assert "'=cmd()" in names


def test_a_year_without_published_projects_is_not_found(client, meeting):
    assert client.get("/opendata/events/2019.csv").status_code == 404


def test_the_opendata_page_links_it_with_the_licence(client, meeting, settings):
    text = client.get("/opendata/").text
    assert 'href="/opendata/events/2023.csv"' in text
    assert "012131_event_2023.csv" in text
    assert (
        'href="https://creativecommons.org/licenses/by/4.0/deed.ja" rel="license">CC BY 4.0' in text
    )
    settings.KYODO_OPENDATA_LICENCE = "政府標準利用規約（第2.0版）"
    assert "ライセンス：政府標準利用規約（第2.0版）" in client.get("/opendata/").text


def test_the_command_writes_what_the_page_serves(client, meeting, concert, tmp_path):
    path = tmp_path / "events.csv"
    call_command("export_events", fiscal_year=2023, output=str(path), base_url="http://testserver/")
    assert path.read_bytes() == client.get(URL).content


def test_the_command_without_a_site_address_leaves_the_url_empty(meeting, tmp_path, settings):
    settings.KYODO_SITE_URL = ""
    path = tmp_path / "events.csv"
    call_command("export_events", fiscal_year=2023, output=str(path), base_url="")
    assert {r["URL"] for r in records(path.read_bytes())} == {""}
    with pytest.raises(CommandError, match="令和元年度"):
        call_command("export_events", fiscal_year=2019, output=str(path))


@pytest.mark.parametrize("count", [1, 200])
def test_the_dataset_costs_the_same_queries_for_one_and_two_hundred_projects(
    client, kyosai, kyodo_room, django_assert_num_queries, count
):
    for number in range(1, count + 1):
        project = make_project(
            form=kyosai, department=kyodo_room, number=number, name=f"事業{number}"
        )
        Session.objects.create(project=project, start=datetime.date(2023, 6, 1))
        Session.objects.create(project=project, start=datetime.date(2023, 7, 1))
    # Whether the year has published projects, then projects, partners and sessions.
    with django_assert_num_queries(4):
        response = client.get(URL)
    assert len(records(response.content)) == 2 * count
