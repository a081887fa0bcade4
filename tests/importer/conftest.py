"""Running import_report on a file written for the test, as a user runs it."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tests.factories import SEED


@pytest.fixture
def seed_path():
    return SEED


@pytest.fixture
def import_report(tmp_path):
    """import_report(text_or_bytes, *args) → (stdout, stderr); raises CommandError."""

    def run(content, *args, suffix=".txt", name="report"):
        path = tmp_path / f"{name}{suffix}"
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_bytes(content)
        stdout, stderr = StringIO(), StringIO()
        try:
            call_command("import_report", str(path), *args, stdout=stdout, stderr=stderr)
        except CommandError as error:
            error.stderr = stderr.getvalue()
            raise
        return stdout.getvalue(), stderr.getvalue()

    return run


@pytest.fixture
def refused(import_report):
    """refused(content) → the error output of an import that must fail."""

    def run(content, *args, **kwargs):
        with pytest.raises(CommandError) as info:
            import_report(content, *args, **kwargs)
        return info.value.stderr + "\n" + str(info.value)

    return run
