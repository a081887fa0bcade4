"""Login throttling (django-axes) and the content security policy, as a visitor meets them."""

import pytest

from projects.permissions import COORDINATOR_GROUP
from tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/?next=/admin/"


@pytest.fixture
def clerk():
    return make_user(username="tanaka")


def _login(client, password):
    return client.post(LOGIN, {"username": "tanaka", "password": password})


def test_the_right_password_logs_in(client, clerk):
    response = _login(client, PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_after_five_wrong_passwords_even_the_right_one_is_refused_in_japanese(client, clerk):
    for _ in range(4):
        assert _login(client, "wrong").status_code == 200  # the form again, with its error
    assert _login(client, "wrong").status_code == 429  # the fifth failure locks

    response = _login(client, PASSWORD)

    assert response.status_code == 429
    text = response.content.decode()
    assert "ログインを一時停止しています" in text
    assert "5回" in text
    assert "_auth_user_id" not in client.session


def test_four_wrong_passwords_then_the_right_one_still_logs_in(client, clerk):
    for _ in range(4):
        _login(client, "wrong")

    assert _login(client, PASSWORD).status_code == 302


def test_another_username_from_the_same_address_is_not_locked_out(client, clerk):
    make_user(username="sato")
    for _ in range(5):
        _login(client, "wrong")

    response = client.post(LOGIN, {"username": "sato", "password": PASSWORD})

    assert response.status_code == 302


@pytest.mark.parametrize("path", ["/", "/admin/login/"])
def test_pages_carry_a_content_security_policy_without_inline_scripts(client, path):
    policy = client.get(path)["Content-Security-Policy"]

    directives = dict(
        (part.split()[0], part.split()[1:]) for part in policy.split(";") if part.strip()
    )
    assert directives["script-src"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["object-src"] == ["'none'"]


def test_the_coordinator_sees_login_lockouts_under_a_japanese_heading(client):
    coordinator = make_user(username="coordinator", group=COORDINATOR_GROUP)
    client.force_login(coordinator)

    page = client.get("/admin/").content.decode()

    assert "ログインの制限" in page
    assert "ログインの試行" in page
    assert "Access attempts" not in page
