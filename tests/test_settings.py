"""Settings come from the environment and fail loudly on bad values."""

import pytest

from tests.processes import PRODUCTION, manage


@pytest.mark.subprocess
def test_the_production_settings_pass_check_deploy():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)

    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


@pytest.mark.subprocess
@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"SECRET_KEY": ""}, "SECRET_KEY"),
        ({"SECRET_KEY": "django-insecure-" + "x" * 60}, "SECRET_KEY"),
        ({"ALLOWED_HOSTS": "*"}, "ALLOWED_HOSTS"),
        ({"ALLOWED_HOSTS": ""}, "ALLOWED_HOSTS"),
        ({"DEBUG": "maybe"}, "DEBUG='maybe'"),
        ({"CONN_MAX_AGE": "forever"}, "CONN_MAX_AGE"),
        ({"KYODO_CITY_CODE": "01213"}, "KYODO_CITY_CODE"),
        ({"KYODO_PREFECTURE_NAME": "苫小牧"}, "KYODO_PREFECTURE_NAME"),
        ({"KYODO_OPENDATA_LICENCE": " "}, "KYODO_OPENDATA_LICENCE"),
        ({"KYODO_IMPORT_LOCK_WAIT": "a minute"}, "KYODO_IMPORT_LOCK_WAIT='a minute'"),
        ({"KYODO_IMPORT_LOCK_WAIT": "-1"}, "KYODO_IMPORT_LOCK_WAIT='-1'"),
        ({"KYODO_IMPORT_LOCK_WAIT": "nan"}, "KYODO_IMPORT_LOCK_WAIT='nan'"),
        ({"KYODO_IMPORT_MAX_ROWS": "many"}, "KYODO_IMPORT_MAX_ROWS='many'"),
        ({"KYODO_IMPORT_MAX_ROWS": "0"}, "KYODO_IMPORT_MAX_ROWS must be 1 or more"),
        ({"KYODO_IMPORT_MAX_CELL_CHARS": "-5"}, "KYODO_IMPORT_MAX_CELL_CHARS must be 1 or more"),
        ({"KYODO_IMPORT_MAX_PARTNERS": "3.5"}, "KYODO_IMPORT_MAX_PARTNERS='3.5'"),
        ({"KYODO_IMPORT_MAX_SESSIONS": ""}, "KYODO_IMPORT_MAX_SESSIONS=''"),
        ({"KYODO_IMPORT_MAX_CELLS_PER_ROW": "0"}, "KYODO_IMPORT_MAX_CELLS_PER_ROW must be"),
        ({"KYODO_IMPORT_MAX_UNPACKED_MB": "0"}, "KYODO_IMPORT_MAX_UNPACKED_MB must be 1 or more"),
        ({"KYODO_IMPORT_MAX_RATIO": "inf"}, "KYODO_IMPORT_MAX_RATIO='inf'"),
        ({"KYODO_TRUSTED_PROXY_COUNT": "-1"}, "KYODO_TRUSTED_PROXY_COUNT"),
        ({"KYODO_TRUSTED_PROXY_COUNT": "one"}, "KYODO_TRUSTED_PROXY_COUNT='one'"),
        ({"KYODO_TRUSTED_PROXY_COUNT": "1", "KYODO_TRUSTED_PROXIES": ""}, "KYODO_TRUSTED_PROXIES"),
        ({"KYODO_TRUSTED_PROXIES": "proxy.city.local"}, "KYODO_TRUSTED_PROXIES"),
        ({"KYODO_MAX_URL_BYTES": "100000"}, "KYODO_MAX_URL_BYTES"),
    ],
)
def test_it_refuses_to_start_with_a_bad_setting(env, message):
    result = manage("check", **{**PRODUCTION, **env})

    assert result.returncode != 0
    assert message in result.stderr


@pytest.mark.subprocess
def test_without_debug_there_is_no_development_secret_key():
    env = {k: v for k, v in PRODUCTION.items() if k != "SECRET_KEY"}
    result = manage("check", **env)

    assert result.returncode != 0
    assert "Set the environment variable SECRET_KEY" in result.stderr


def test_the_city_comes_from_settings(settings):
    assert settings.KYODO_CITY_NAME == "苫小牧市"
    assert settings.KYODO_CITY_CODE == "012131"
    assert settings.KYODO_PREFECTURE_NAME == "北海道"
    assert settings.KYODO_OPENDATA_LICENCE == "CC BY 4.0"
    assert settings.LANGUAGE_CODE == "ja" and settings.TIME_ZONE == "Asia/Tokyo"


PRINT_OPTIONS = "from django.conf import settings; print(settings.DATABASES['default']['OPTIONS'])"


@pytest.mark.subprocess
@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("postgres://kyodo@db.example.jp/kyodo", "'options': '-c jit=off'"),
        ("postgres://kyodo@db.example.jp/kyodo?options=-c%20work_mem%3D64MB", "work_mem=64MB"),
        ("sqlite:///kyodo.sqlite3", "'transaction_mode': 'IMMEDIATE'"),
    ],
)
def test_postgresql_runs_without_jit_unless_the_url_says_otherwise(url, expected):
    # Settings only: no connection is made.
    result = manage("shell", "-v", "0", "-c", PRINT_OPTIONS, **{**PRODUCTION, "DATABASE_URL": url})

    assert result.returncode == 0, result.stderr
    assert expected in result.stdout
    if "work_mem" in expected:
        assert "jit" not in result.stdout


def test_the_import_bounds_come_from_the_settings(settings):
    from projects.reader.bounds import Limits
    from projects.services.report_import import import_limits

    assert import_limits() == Limits(
        rows=20_000,
        cells_per_row=50,
        cell_chars=20_000,
        partners=300,
        sessions=500,
        unpacked_bytes=100 * 2**20,
        ratio=100.0,
    )
    settings.KYODO_IMPORT_MAX_PARTNERS = 12
    assert import_limits().partners == 12


def test_the_login_reads_remote_addr_only_unless_a_proxy_is_configured(settings):
    assert settings.KYODO_TRUSTED_PROXY_COUNT == 0
    assert settings.AXES_CLIENT_IP_CALLABLE == "kyodo.clientip.client_ip"
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]
    minimum = next(v for v in settings.AUTH_PASSWORD_VALIDATORS if "MinimumLength" in v["NAME"])
    assert minimum["OPTIONS"]["min_length"] == 12
    assert settings.LANGUAGES == [("ja", "日本語")]
