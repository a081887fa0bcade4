"""Long requests meet the register's own Japanese refusals, never gunicorn's English pages:
Django's limit on a URL (KYODO_MAX_URL_BYTES) stands below gunicorn's (kyodo/gunicorn_conf.py).
And every download's Content-Disposition is RFC 6266's, which browsers read."""

import importlib
import re
from urllib.parse import unquote

import pytest
from django.conf import settings
from django.urls import reverse

from kyodo.http import content_disposition

pytestmark = pytest.mark.django_db


def test_gunicorns_limits_stand_above_djangos():
    conf = importlib.import_module("kyodo.gunicorn_conf")
    # gunicorn's default 4,094 answered 「414 URI Too Long」 in English below Django's limit.
    assert conf.limit_request_line == 8190  # gunicorn's largest (0 would be no limit at all)
    assert conf.limit_request_line > settings.KYODO_MAX_URL_BYTES + len("GET  HTTP/1.1")
    assert conf.limit_request_field_size > 8190
    assert conf.limit_request_fields >= 100


@pytest.mark.parametrize("path", ["/", "/api/projects/"])
def test_a_url_just_under_the_limit_is_read(client, meeting, path):
    query = "q=" + "a" * (settings.KYODO_MAX_URL_BYTES - len(path) - 2 - 100)
    assert client.get(f"{path}?{query}").status_code in (200, 400)  # the keyword's own limit


def test_a_url_over_the_limit_is_a_japanese_414(client, meeting):
    response = client.get("/?q=" + "%E5%8D%94" * 1000)  # 9,000 bytes in the URL
    assert response.status_code == 414
    page = response.content.decode()
    assert "URLが長すぎます" in page and "4,096バイト以内" in page


def test_the_api_answers_a_long_url_in_json(client):
    response = client.get("/api/projects/?q=" + "a" * 5000)
    assert response.status_code == 414
    assert response["Content-Type"] == "application/json"
    assert "URLが長すぎます" in response.json()["detail"]


def _parts(header: str) -> dict[str, str]:
    return dict(re.findall(r';\s*(filename\*?)=("?[^";]*"?)', header))


def test_content_disposition_has_an_ascii_fallback_and_the_utf8_name():
    header = content_disposition("012131_kyodo_2023_集計中.csv")
    assert header.startswith("attachment; ")
    parts = _parts(header)
    assert parts["filename"] == '"012131_kyodo_2023_.csv"'
    assert parts["filename*"].startswith("UTF-8''")
    assert unquote(parts["filename*"][len("UTF-8''") :]) == "012131_kyodo_2023_集計中.csv"
    assert header.isascii()


def test_an_ascii_name_needs_no_second_form_and_quotes_cannot_break_out():
    assert content_disposition("a.csv") == 'attachment; filename="a.csv"'
    header = content_disposition('a"b\\c.csv', attachment=False)
    assert header.startswith("inline; filename=\"abc.csv\"; filename*=UTF-8''a%22b%5Cc.csv")


def test_the_schema_is_sent_with_a_name_browsers_read(client):
    header = client.get("/api/schema/")["Content-Disposition"]
    assert "=?utf-8?" not in header.lower()  # RFC 2047, which browsers do not read
    assert header.startswith('inline; filename="')
    name = unquote(_parts(header)["filename*"][len("UTF-8''") :])
    assert name == f"{settings.SPECTACULAR_SETTINGS['TITLE']}.yaml"


def test_the_lists_csv_is_named_by_rfc_6266(client, meeting):
    header = client.get(reverse("public:register_csv"))["Content-Disposition"]
    assert header == 'attachment; filename="012131_kyodo_2023_list.csv"'
