"""The API's errors: JSON, in Japanese, the same for a draft_only as for nothing at all."""

import pytest
from django.db import OperationalError

from api.errors import NOT_FOUND

pytestmark = pytest.mark.django_db

URL = "/api/projects/"


def _japanese(text: str) -> bool:
    return any("\u3040" <= c <= "\u30ff" or "\u4e00" <= c <= "\u9fff" for c in text)


EMPTY = {"count": 0, "next": None, "previous": None, "results": []}


@pytest.mark.parametrize("unknown", [0, -1, 10**9, 10**30])
def test_a_draft_only_id_and_an_unknown_id_get_the_same_empty_list(
    client, meeting, draft_only, unknown
):
    partner = draft_only.partners.get()
    secrets = {
        "partner": partner.pk,
        "department": draft_only.department_id,
        "form": draft_only.form_id,
    }
    for name, secret in secrets.items():
        hidden = client.get(URL, {name: secret})
        missing = client.get(URL, {name: unknown})
        assert hidden.status_code == missing.status_code == 200
        assert hidden.json() == missing.json() == EMPTY


def test_no_id_at_all_is_a_400_in_japanese(client, meeting):
    response = client.get(URL, {"partner": "abc"})
    assert response.status_code == 400
    assert response.json() == {"partner": ["関係団体は数字のIDで指定してください。"]}


def test_a_published_partner_still_filters(client, meeting, draft_only):
    partner = meeting.partners.get()
    response = client.get(URL, {"partner": partner.pk})
    assert response.status_code == 200
    assert [r["name"] for r in response.json()["results"]] == ["まちかどミーティング"]


@pytest.mark.parametrize(
    "url", [f"{URL}0/", f"{URL}999999/", f"{URL}abc/", f"{URL}?page=0", f"{URL}?page=99", "/api/x/"]
)
def test_a_404_is_json_in_japanese(client, meeting, url):
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert set(response.json()) == {"detail"}
    assert _japanese(response.json()["detail"])
    assert "No Project matches" not in response.content.decode()


def test_a_draft_is_the_same_404_as_nothing(client, draft_only):
    assert client.get(f"{URL}{draft_only.pk}/").json() == {"detail": NOT_FOUND}
    assert client.get(f"{URL}999999/").json() == {"detail": NOT_FOUND}


@pytest.mark.parametrize(
    "params", [{"partner": "1.5"}, {"department": "abc"}, {"year": "abc"}, {"category": "x"}]
)
def test_a_400_is_json_in_japanese_even_when_english_is_asked(client, meeting, params):
    response = client.get(URL, params, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.status_code == 400
    assert list(response.json()) == list(params)
    assert all(_japanese(reason) for reason in response.json()[next(iter(params))])


def test_a_405_is_in_japanese(client, meeting):
    response = client.post(URL, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 405
    assert _japanese(response.json()["detail"])


def test_a_lost_database_is_a_json_503(client, meeting, monkeypatch):
    def lost(self, *args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr("api.views.ProjectViewSet.list", lost)
    response = client.get(URL)
    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert response["Retry-After"] == "30"
    assert "データベースに接続できませんでした" in response.json()["detail"]


def test_a_throttled_request_is_told_when_to_come_back_in_japanese(rf):
    from rest_framework.exceptions import Throttled

    from api.errors import exception_handler

    response = exception_handler(Throttled(wait=12.2), {})
    assert response.status_code == 429
    assert response.data == {"detail": "リクエストが多すぎます。13秒後にもう一度お試しください。"}
    assert response["Retry-After"] == "13"
