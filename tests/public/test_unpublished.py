"""Drafts (not yet published by the coordinator) stay off the public pages and the open data."""

import json

import pytest

from tests.factories import make_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(kyosai, kyodo_room, meeting):
    return make_project(
        form=kyosai, department=kyodo_room, number=2, name="準備中の下書き", published=False
    )


def test_the_register_lists_only_published_projects(client, meeting, draft):
    response = client.get("/")

    assert "まちかどミーティング" in response.text
    assert "準備中の下書き" not in response.text


def test_a_drafts_page_is_not_found(client, draft):
    assert client.get(f"/projects/{draft.pk}/").status_code == 404


def test_a_year_of_drafts_only_is_not_offered(client, kyosai, kyodo_room, meeting):
    make_project(
        form=kyosai,
        department=kyodo_room,
        number=1,
        name="来年度の案",
        fiscal_year=2024,
        published=False,
    )

    assert "令和6年度" not in client.get("/").text
    assert "令和6年度" not in client.get("/opendata/").text
    assert client.get("/opendata/2024.csv").status_code == 404
    assert client.get("/opendata/2024.json").status_code == 404


def test_the_open_data_leaves_drafts_out(client, meeting, draft):
    csv_text = client.get("/opendata/2023.csv").content.decode("utf-8-sig")
    records = json.loads(client.get("/opendata/2023.json").content)

    assert "準備中の下書き" not in csv_text and "まちかどミーティング" in csv_text
    assert [r["name"] for r in records] == ["まちかどミーティング"]
