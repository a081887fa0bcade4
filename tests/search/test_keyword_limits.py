"""A keyword past the documented limits (kyodo.limits: 200 characters, 10 words) is refused
with the reason in Japanese, before any query: the same on SQLite (which refused a LIKE pattern
over 50,000 bytes, a 503) and on PostgreSQL. Run with DATABASE_URL for the second."""

import pytest
from django.urls import reverse

from kyodo.limits import KEYWORD_MAX_CHARS, KEYWORD_MAX_WORDS
from tests.factories import make_user

pytestmark = pytest.mark.django_db

HUGE = "協" * 20_000  # 60,000 bytes: SQLite's "LIKE or GLOB pattern too complex" (a 503)
TOO_LONG = "あ" * (KEYWORD_MAX_CHARS + 1)
TOO_MANY = " ".join(["まち"] * (KEYWORD_MAX_WORDS + 1))


@pytest.mark.parametrize("path", ["/", "/api/projects/", "/admin/projects/project/"])
def test_the_tester_s_60000_bytes_never_reach_the_database(client, meeting, path):
    # In a URL they are over KYODO_MAX_URL_BYTES: the Japanese 414, before any view.
    response = client.get(path, {"q": HUGE})
    assert response.status_code == 414
    assert "URLが長すぎます" in response.content.decode()


@pytest.mark.parametrize("keyword", [TOO_LONG, TOO_MANY])
def test_the_public_list_refuses_it_with_the_reason(client, meeting, keyword):
    response = client.get("/", {"q": keyword})
    assert response.status_code == 400
    page = response.content.decode()
    assert "キーワードは" in page and "以内で入力してください" in page
    assert 'role="alert"' in page
    assert "まちかどミーティング" not in page.split("</form>", 1)[1]  # no rows listed


def test_the_csv_download_refuses_it(client, meeting):
    response = client.get(reverse("public:register_csv"), {"q": TOO_LONG})
    assert response.status_code == 400
    assert "Content-Disposition" not in response
    assert "キーワードは200文字以内" in response.content.decode()


@pytest.mark.parametrize("keyword", [TOO_LONG, TOO_MANY])
def test_the_api_answers_a_json_400(client, meeting, keyword):
    response = client.get("/api/projects/", {"q": keyword})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    (reason,) = response.json()["q"]
    assert reason.startswith("キーワードは") and "以内で入力してください" in reason


def test_a_keyword_at_the_limits_is_searched(client, meeting):
    at_limit = " ".join(["まちかど"] * KEYWORD_MAX_WORDS)
    assert client.get("/api/projects/", {"q": at_limit}).json()["count"] == 1
    longest = "ミーティング" + " " * (KEYWORD_MAX_CHARS - len("ミーティング"))
    assert client.get("/api/projects/", {"q": longest}).json()["count"] == 1
    assert client.get("/", {"q": at_limit}).status_code == 200


def test_the_admins_search_refuses_it_with_a_message(client, meeting):
    # A keyword of 201 characters: ~1,800 bytes in the URL, read by the admin.
    client.force_login(make_user(username="root", is_superuser=True))
    response = client.get("/admin/projects/project/", {"q": TOO_LONG})
    assert response.status_code == 200
    page = response.content.decode()
    assert "キーワードは200文字以内で入力してください" in page
    assert "まちかどミーティング" not in page
