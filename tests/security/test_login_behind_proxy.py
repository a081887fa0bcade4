"""The login's lockout behind the city's reverse proxy: the client's address is read from
X-Forwarded-For only on requests from a trusted proxy, and a lockout stops a user name from one
address only. Password rules: 12 characters at least."""

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from kyodo.clientip import client_ip
from projects.permissions import COORDINATOR_GROUP
from tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/?next=/admin/"
PROXY = "10.0.0.5"


@pytest.fixture
def coordinator_user():
    return make_user(username="coordinator", group=COORDINATOR_GROUP)


@pytest.fixture
def behind_proxy(settings):
    settings.KYODO_TRUSTED_PROXY_COUNT = 1
    settings.KYODO_TRUSTED_PROXIES = ["10.0.0.0/24"]


def _login(client, password, *, remote=PROXY, forwarded=None, username="coordinator"):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return client.post(LOGIN, {"username": username, "password": password}, **extra)


def test_behind_the_proxy_a_lockout_from_one_address_leaves_another_free(
    client, coordinator_user, behind_proxy
):
    for _ in range(5):
        _login(client, "wrong", forwarded="203.0.113.9")
    assert _login(client, PASSWORD, forwarded="203.0.113.9").status_code == 429
    # The coordinator, through the same proxy, from the office's own address.
    assert _login(client, PASSWORD, forwarded="192.0.2.10").status_code == 302
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.9"}


def test_with_no_proxy_configured_the_header_is_ignored(client, coordinator_user):
    # KYODO_TRUSTED_PROXY_COUNT's default 0: REMOTE_ADDR only, whatever the header says.
    for number in range(5):
        _login(client, "wrong", remote="198.51.100.7", forwarded=f"192.0.2.{number}")
    assert _login(client, PASSWORD, remote="198.51.100.7", forwarded="192.0.2.99").status_code == (
        429
    )
    assert _login(client, PASSWORD, remote="198.51.100.8").status_code == 302


def test_a_forged_header_from_an_untrusted_address_changes_nothing(
    client, coordinator_user, behind_proxy
):
    # A client reaching the app directly (not through the proxy) forges a new address on each
    # try: it is still known by its own address, and locked out after 5.
    for number in range(5):
        _login(client, "wrong", remote="198.51.100.7", forwarded=f"192.0.2.{number}")
    response = _login(client, PASSWORD, remote="198.51.100.7", forwarded="192.0.2.200")
    assert response.status_code == 429
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == ["198.51.100.7"]


def test_entries_a_client_writes_before_the_proxys_are_never_chosen(
    client, coordinator_user, behind_proxy
):
    # The client sends "X-Forwarded-For: 192.0.2.N"; the proxy appends the address it saw.
    for number in range(5):
        _login(client, "wrong", forwarded=f"192.0.2.{number}, 203.0.113.9")
    assert _login(client, PASSWORD, forwarded="192.0.2.77, 203.0.113.9").status_code == 429


@pytest.mark.parametrize(
    ("remote", "forwarded", "count", "expected"),
    [
        (PROXY, "203.0.113.9", 1, "203.0.113.9"),
        (PROXY, "1.1.1.1, 203.0.113.9", 1, "203.0.113.9"),
        (PROXY, "1.1.1.1, 203.0.113.9, 10.0.0.7", 2, "203.0.113.9"),
        (PROXY, "203.0.113.9", 2, PROXY),  # fewer entries than proxies
        (PROXY, "not-an-address", 1, PROXY),
        (PROXY, "", 1, PROXY),
        ("198.51.100.7", "203.0.113.9", 1, "198.51.100.7"),  # not a trusted proxy
        (PROXY, "203.0.113.9", 0, PROXY),  # the default: no proxy
        (PROXY, "2001:db8::1", 1, "2001:db8::1"),
    ],
)
def test_the_client_address(rf, settings, remote, forwarded, count, expected):
    settings.KYODO_TRUSTED_PROXY_COUNT = count
    settings.KYODO_TRUSTED_PROXIES = ["10.0.0.0/24"]
    request = rf.get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


def test_the_coordinator_sees_who_is_locked_out(client, coordinator_user, behind_proxy):
    make_user(username="tanaka")
    for _ in range(5):
        _login(client, "wrong", forwarded="203.0.113.9", username="tanaka")
    client.force_login(coordinator_user)
    page = client.get("/admin/axes/accessattempt/").content.decode()
    assert "tanaka" in page and "203.0.113.9" in page


@pytest.mark.parametrize("password", ["kyodo-2026", "abcdefghijk", "Tomakomai1!"])
def test_a_password_under_twelve_characters_is_refused(password):
    with pytest.raises(ValidationError, match="12"):
        validate_password(password)


def test_a_long_uncommon_password_is_accepted():
    validate_password("sakura-kaigan-2026-kyodo")
