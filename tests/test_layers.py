"""The import contracts of pyproject.toml hold, and they refuse an import that runs upwards.

`make lint` runs the same contracts; here a copy of the code with imports that break the layers
shows that each contract really fails, so that a contract loosened by mistake is noticed.
"""

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("kyodo", "partners", "projects", "surveys", "api")
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")

# (module that gets the import, the import, the contract that must name it)
VIOLATIONS = [
    ("partners/models.py", "import projects.models", "Apps import downwards"),
    ("projects/permissions.py", "import surveys.selectors", "Apps import downwards"),
    ("projects/models/records.py", "import projects.services.series", "projects: rules, models"),
    ("projects/models/records.py", "import projects.report.cells", "projects: rules, models"),
    ("projects/models/records.py", "import projects.admin.projects", "projects: rules, models"),
    ("projects/models/records.py", "import projects.views.pages", "projects: rules, models"),
    ("projects/admin/projects.py", "import projects.views.pages", "projects: rules, models"),
    ("projects/reader/cells.py", "import django.db", "The reader and the rules"),
]


def _lint(folder: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=folder,
        env={"PYTHONPATH": str(folder), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )


def _copy(tmp_path: Path) -> Path:
    for package in PACKAGES:
        shutil.copytree(
            ROOT / package,
            tmp_path / package,
            ignore=shutil.ignore_patterns("__pycache__", "static", "migrations"),
        )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


@pytest.mark.subprocess
def test_the_code_keeps_every_import_contract():
    result = _lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.subprocess
def test_each_contract_refuses_an_import_that_runs_upwards(tmp_path):
    folder = _copy(tmp_path)
    for module, line, _ in VIOLATIONS:
        path = folder / module
        path.write_text(path.read_text(encoding="utf-8") + f"\n{line}  # noqa\n", "utf-8")

    result = _lint(folder)

    assert result.returncode != 0
    report = result.stdout
    for module, line, contract in VIOLATIONS:
        importer = module.removesuffix(".py").replace("/", ".")
        imported = line.split()[-1]
        if imported.split(".")[0] not in PACKAGES:  # an outside package is named by its root
            imported = imported.split(".")[0]
        # import-linter names each broken chain as "importer -> imported".
        assert f"{importer} -> {imported}" in report, (importer, imported, report)
        if contract:
            assert f"{contract}" in report
    assert "BROKEN" in report


def _nested_imports(path: Path):
    """(line number, import node) of every import below a module's top level, but for those
    under ``if TYPE_CHECKING:`` (read by mypy only, never run)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and ast.unparse(node.test).endswith("TYPE_CHECKING"):
            typing_only |= {id(child) for child in ast.walk(node)}
    for node in ast.walk(tree):
        imports = isinstance(node, (ast.Import, ast.ImportFrom)) and node.col_offset > 0
        if imports and id(node) not in typing_only:
            yield node.lineno, node


@pytest.mark.parametrize("package", PACKAGES)
def test_no_import_inside_a_function_dodges_a_circle(package):
    """An import below the top of a module is allowed only with its reason in a comment just
    above it (or above the run of imports it belongs to) or at its end: AppConfig.ready, whose
    modules need the loaded models, or a heavy library that only one path needs."""
    offenders = []
    for path in sorted((ROOT / package).rglob("*.py")):
        if "migrations" in path.parts:
            continue
        lines = path.read_text(encoding="utf-8").splitlines()
        for number, _ in _nested_imports(path):
            above = number - 2
            while above >= 0 and lines[above].lstrip().startswith(("import ", "from ")):
                above -= 1
            reasoned = "  # " in lines[number - 1]
            if not reasoned and (above < 0 or not lines[above].lstrip().startswith("#")):
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {lines[number - 1].strip()}")
    assert not offenders, "imports inside functions without a reason:\n" + "\n".join(offenders)
