"""Production-like serving (make serve): static files collected and served by whitenoise."""

import pytest

from tests.processes import child_env, manage, run_python

pytestmark = pytest.mark.subprocess

PROBE = """
import django
django.setup()
from django.test import Client
from django.templatetags.static import static
client = Client()
url = static("projects/admin.css")
response = client.get(url)
print(url)
print(response.status_code, response.headers.get("Cache-Control", ""))
print(client.get("/").status_code)
"""


def test_static_files_are_served_with_hashed_names_and_long_caching_when_debug_is_off(tmp_path):
    env = {
        "DJANGO_SETTINGS_MODULE": "kyodo.settings",
        "DEBUG": "0",
        "KYODO_HTTPS": "0",
        "SECRET_KEY": "s" * 30 + "-serving-test-only-" + "t" * 30,
        "ALLOWED_HOSTS": "testserver",
        "STATIC_ROOT": str(tmp_path / "static"),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    collected = manage("collectstatic", "--noinput", "--verbosity", "0", **env)
    assert collected.returncode == 0, collected.stderr
    assert manage("migrate", "--noinput", **env).returncode == 0

    probe = run_python("-c", PROBE, env=child_env(**env))

    assert probe.returncode == 0, probe.stderr
    url, static_line, home = probe.stdout.splitlines()
    assert url.startswith("/static/projects/admin.") and url != "/static/projects/admin.css"
    status, cache = static_line.split(" ", 1)
    assert status == "200"
    assert "max-age=315360000" in cache  # hashed names never change: cached for good
    assert home == "200"  # plain http works on the loopback with KYODO_HTTPS=0
