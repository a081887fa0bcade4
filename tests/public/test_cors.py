"""Open data and the API may be read from any site; the pages and the admin may not."""

import pytest

pytestmark = pytest.mark.django_db

ORIGIN = "https://opendata.example.org"


@pytest.mark.parametrize(
    "url",
    ["/opendata/2023.csv", "/opendata/2023.json", "/opendata/events/2023.csv", "/api/projects/"],
)
def test_open_data_and_the_api_allow_any_origin(client, meeting, url):
    response = client.get(url, headers={"Origin": ORIGIN})
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response


@pytest.mark.parametrize("url", ["/", "/admin/login/"])
def test_pages_and_the_admin_send_no_cors_header(client, meeting, url):
    response = client.get(url, headers={"Origin": ORIGIN})
    assert "Access-Control-Allow-Origin" not in response


def test_a_preflight_is_answered_for_reading_only(client, meeting):
    response = client.options(
        "/api/projects/",
        headers={"Origin": ORIGIN, "Access-Control-Request-Method": "GET"},
    )
    assert response.status_code == 200
    assert response["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
