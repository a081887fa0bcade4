"""The database going away mid-request: a clean page, and the next request works again."""

import pytest
from django.db import connection

from tests.postgres import another_session

pytestmark = pytest.mark.django_db


@pytest.fixture
def quiet_client(client):
    # Let the handler turn exceptions into responses, as it does for a real visitor.
    client.raise_request_exception = False
    return client


@pytest.mark.django_db(transaction=True)  # the page closes the connection: no test transaction
@pytest.mark.urls("tests.security.fault_urls")
def test_a_lost_database_gives_a_japanese_503_page_without_a_traceback(quiet_client):
    response = quiet_client.get("/database-gone/")

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    text = response.content.decode()
    assert "ただいま利用できません" in text
    assert "Traceback" not in text and "OperationalError" not in text


@pytest.mark.urls("tests.security.fault_urls")
def test_a_bug_is_still_a_500_not_a_database_page(quiet_client):
    response = quiet_client.get("/bug/")

    assert response.status_code == 500
    assert "エラーが発生しました" in response.content.decode()


@pytest.mark.urls("tests.security.fault_urls")
def test_an_unknown_page_is_a_japanese_404(quiet_client):
    response = quiet_client.get("/projects/999999/")

    assert response.status_code == 404
    assert "ページが見つかりません" in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_after_the_server_drops_the_connection_the_next_request_connects_again(quiet_client):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite is a file, there is no server to drop the link")
    assert quiet_client.get("/").status_code == 200
    backend_pid = connection.connection.info.backend_pid

    # The server ends this process's connection, as a restart or a failover would.
    with another_session() as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", [backend_pid])

    dropped = quiet_client.get("/")
    again = quiet_client.get("/")

    assert dropped.status_code == 503
    assert again.status_code == 200
    assert connection.connection.info.backend_pid != backend_pid
