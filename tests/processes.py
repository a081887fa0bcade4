"""Running manage.py (or Python) in a child process, with an environment of the test's own.

The suite's process has settings a child must not inherit: DEBUG and the production
variables the test means to set itself, and DJANGO_ALLOW_ASYNC_UNSAFE, which the browser tests
set for their own process only.
"""

import os
import subprocess
import sys

from tests.factories import ROOT

# What a production start needs, for the tests of the settings (a database that is nowhere).
PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "k" * 20 + "-production-secret-for-the-test-only-" + "x" * 20,
    "ALLOWED_HOSTS": "kyodo.example.jp",
    "DATABASE_URL": "sqlite:///:memory:",
}

_NOT_INHERITED = {
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "KYODO_HTTPS",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
}


def child_env(**env: str) -> dict:
    """This process's environment less what a child must not inherit, plus `env`."""
    base = {k: v for k, v in os.environ.items() if k not in _NOT_INHERITED}
    return {**base, **env}


def run_python(*args: str, env: dict, timeout: float = 120, **options):
    """`python *args` in the project's folder with exactly `env`; output captured as text."""
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        **options,
    )


def manage(*args: str, timeout: float = 120, **env: str):
    """`manage.py *args` in a child process with child_env(**env)."""
    return run_python("manage.py", *args, env=child_env(**env), timeout=timeout)
