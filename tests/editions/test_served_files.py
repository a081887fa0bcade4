"""An edition's files are served at stable paths, byte for byte, whatever the register becomes."""

import hashlib

import pytest
from django.db.models import ProtectedError

from projects.models import Edition, EditionFile, Session
from tests.editions.helpers import run

pytestmark = pytest.mark.django_db

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
    "json": "application/json; charset=utf-8",
}


@pytest.fixture
def published(year_2023):
    run("publish_report", "--fiscal-year", "2023")
    return {f.kind: f for f in EditionFile.objects.all()}


@pytest.mark.parametrize("kind", ["csv", "xlsx", "json", "pdf"])
def test_each_file_is_served_with_its_type_name_etag_and_cache_headers(client, published, kind):
    response = client.get(f"/opendata/editions/2023/1/kyodo-2023-1.{kind}")

    stored = published[kind]
    assert response.status_code == 200
    assert response.content == bytes(stored.content)
    assert response["Content-Type"] == CONTENT_TYPES[kind]
    assert response["Content-Disposition"] == (
        f"attachment; filename=\"kyodo-2023-1.{kind}\"; filename*=UTF-8''kyodo-2023-1.{kind}"
    )
    assert response["ETag"] == f'"{stored.sha256}"'
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"
    assert response["Content-Length"] == str(stored.size)


def test_the_served_bytes_and_hash_stay_as_published_after_the_register_changes(
    client, published, year_2023
):
    before = client.get("/opendata/editions/2023/1/kyodo-2023-1.csv").content
    meeting = year_2023[0]
    meeting.name = "まちかどミーティング（名称変更）"
    meeting.purpose = "後から書き足した目的"
    meeting.save()
    Session.objects.filter(project=meeting).update(participants=999)

    response = client.get("/opendata/editions/2023/1/kyodo-2023-1.csv")

    assert response.content == before == bytes(published["csv"].content)
    assert hashlib.sha256(response.content).hexdigest() == published["csv"].sha256
    assert response["ETag"] == f'"{published["csv"].sha256}"'
    assert "名称変更".encode() not in response.content
    # The register's own download shows the change: the edition is not the register.
    assert "名称変更".encode() in client.get("/opendata/2023.csv").content


def test_a_client_holding_the_etag_gets_not_modified(client, published):
    etag = f'"{published["json"].sha256}"'
    response = client.get("/opendata/editions/2023/1/kyodo-2023-1.json", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response.content == b""


@pytest.mark.parametrize(
    "path",
    [
        "/opendata/editions/2023/2/kyodo-2023-2.csv",  # no edition 2
        "/opendata/editions/2023/1/kyodo-2022-1.csv",  # a name that is not this edition's
        "/opendata/editions/2023/1/kyodo-2023-1.exe",
    ],
)
def test_any_other_path_is_not_found(client, published, path):
    assert client.get(path).status_code == 404


def test_files_are_only_read_not_written_through_the_public_path(client, published):
    assert client.post("/opendata/editions/2023/1/kyodo-2023-1.csv").status_code == 405


def test_the_database_refuses_to_delete_an_edition_that_has_files(published):
    with pytest.raises(ProtectedError):
        Edition.objects.all().delete()
    assert EditionFile.objects.count() == 4
