"""E-mail settings come from EMAIL_URL or the EMAIL_* variables and fail loudly on bad values."""

import pytest

from tests.processes import PRODUCTION, manage

pytestmark = pytest.mark.subprocess

SHOW = (
    "shell",
    "-c",
    "from django.conf import settings as s; print(s.EMAIL_BACKEND, s.EMAIL_HOST, s.EMAIL_PORT, "
    "s.EMAIL_HOST_USER, s.EMAIL_USE_TLS, s.EMAIL_USE_SSL, s.DEFAULT_FROM_EMAIL)",
)


def _settings(**env) -> str:
    result = manage(*SHOW, **{**PRODUCTION, **env})
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]  # after the shell's own notice


def test_without_mail_settings_mails_go_to_the_console():
    assert _settings().startswith("django.core.mail.backends.console.EmailBackend")


def test_smtp_from_email_url():
    shown = _settings(
        EMAIL_URL="submission://kyodo:secret@mail.example.jp:587",
        DEFAULT_FROM_EMAIL="kyodo@city.example.jp",
    )
    assert shown == (
        "django.core.mail.backends.smtp.EmailBackend mail.example.jp 587 kyodo True False "
        "kyodo@city.example.jp"
    )


def test_smtp_from_the_email_variables():
    shown = _settings(
        EMAIL_HOST="mail.example.jp",
        EMAIL_PORT="465",
        EMAIL_USE_TLS="0",
        EMAIL_USE_SSL="1",
        EMAIL_HOST_USER="kyodo",
    )
    assert shown.startswith(
        "django.core.mail.backends.smtp.EmailBackend mail.example.jp 465 kyodo False True"
    )


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"EMAIL_URL": "smtp://mail.example.jp:abc"}, "EMAIL_URL"),
        ({"EMAIL_URL": "ftp://mail.example.jp"}, "EMAIL_URL"),
        ({"EMAIL_HOST": "mail.example.jp", "EMAIL_PORT": "smtp"}, "EMAIL_PORT"),
        ({"EMAIL_HOST": "mail.example.jp", "EMAIL_USE_TLS": "maybe"}, "EMAIL_USE_TLS"),
        ({"EMAIL_HOST": "h", "EMAIL_USE_TLS": "1", "EMAIL_USE_SSL": "1"}, "EMAIL_USE_SSL"),
        ({"DEFAULT_FROM_EMAIL": "kyodo"}, "DEFAULT_FROM_EMAIL"),
        ({"KYODO_SITE_URL": "kyodo.example.jp"}, "KYODO_SITE_URL"),
    ],
)
def test_it_refuses_to_start_with_a_bad_mail_setting(env, message):
    result = manage("check", **{**PRODUCTION, **env})
    assert result.returncode != 0
    assert message in result.stderr
