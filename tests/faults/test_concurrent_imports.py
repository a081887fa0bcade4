"""Two imports of the same year and form at once: one waits for the other; nothing doubles."""

import subprocess
import sys

import pytest
from django.db import connection

from tests.bench.data import yearly_report
from tests.factories import ROOT
from tests.faults.scratch import child_env, manage, scratch_database

COUNT = """
from projects.models import Project
keys = Project.objects.values("fiscal_year", "form", "number").distinct()
print(Project.objects.count(), keys.count())
"""


@pytest.mark.django_db
def test_two_imports_of_the_same_new_year_started_together_give_each_project_once(tmp_path):
    report = tmp_path / "fy2024.txt"
    report.write_text(yearly_report(2024, 3000), encoding="utf-8")
    with scratch_database(tmp_path) as url:
        imports = [
            subprocess.Popen(
                [sys.executable, "manage.py", "import_report", str(report)],
                cwd=ROOT,
                env=child_env(url),
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(2)
        ]
        outcomes = [process.communicate(timeout=300) for process in imports]

        for process, (_, err) in zip(imports, outcomes, strict=True):
            assert process.returncode == 0, err
            assert "Traceback" not in err
        summaries = sorted(out.strip().splitlines()[-1] for out, _ in outcomes)
        assert "新規 3000件" in summaries[0] + summaries[1]
        assert "変更なし 3000件" in summaries[0] + summaries[1]  # the second saw the first's rows
        counted = manage(url, "shell", "--verbosity", "0", "-c", COUNT).stdout.split()
        assert counted == ["3000", "3000"]


@pytest.mark.django_db
def test_an_import_that_waited_too_long_is_refused_with_a_clear_message(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite's lock wait is its busy timeout, tested by the test above")
    report = tmp_path / "fy2024.txt"
    report.write_text(yearly_report(2024, 3000), encoding="utf-8")
    with scratch_database(tmp_path) as url:
        env = {**child_env(url), "KYODO_IMPORT_LOCK_WAIT": "0.2"}
        imports = [
            subprocess.Popen(
                [sys.executable, "manage.py", "import_report", str(report)],
                cwd=ROOT,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(2)
        ]
        outcomes = [process.communicate(timeout=300) for process in imports]

        codes = sorted(process.returncode for process in imports)
        assert codes == [0, 1]
        refused = next(
            err for process, (_, err) in zip(imports, outcomes, strict=True) if process.returncode
        )
        assert "ほかの取込が実行中です" in refused
        assert "Traceback" not in refused
        counted = manage(url, "shell", "--verbosity", "0", "-c", COUNT).stdout.split()
        assert counted == ["3000", "3000"]
