"""Production-like serving (make serve): static files collected and served by whitenoise."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

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


def _run(args, env):
    unset = {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE", "KYODO_HTTPS"}
    base = {k: v for k, v in os.environ.items() if k not in unset}
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


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
    collected = _run(["manage.py", "collectstatic", "--noinput", "--verbosity", "0"], env)
    assert collected.returncode == 0, collected.stderr
    assert _run(["manage.py", "migrate", "--noinput"], env).returncode == 0

    probe = _run(["-c", PROBE], env)

    assert probe.returncode == 0, probe.stderr
    url, static_line, home = probe.stdout.splitlines()
    assert url.startswith("/static/projects/admin.") and url != "/static/projects/admin.css"
    status, cache = static_line.split(" ", 1)
    assert status == "200"
    assert "max-age=315360000" in cache  # hashed names never change: cached for good
    assert home == "200"  # plain http works on the loopback with KYODO_HTTPS=0
