"""A published year reads as it was published after the organisation changes: a 担当課 and a
協働の形態 renamed from a later year, a department retired into a successor. Every 令和5年度
output is compared before and after, byte for byte (an XLSX by its cells: the workbook's own
metadata carries the time it was written)."""

import io
from io import StringIO

import openpyxl
import pytest
from django.core.management import call_command
from django.urls import reverse

from projects.models import Department, Form, Project
from projects.services.names import department_rename, department_succeed, form_rename
from tests.factories import SEED

pytestmark = pytest.mark.django_db

YEAR = 2023


def _cells(data: bytes) -> list[tuple]:
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    return [tuple(row) for row in sheet.iter_rows(values_only=True)]


def _outputs(client) -> dict[str, object]:
    """Every output of the year, as its reader gets it."""
    found: dict[str, object] = {}
    for kind in ("csv", "json"):
        out = StringIO()
        call_command("export_report", "--fiscal-year", str(YEAR), "--format", kind, stdout=out)
        found[f"export_report {kind}"] = out.getvalue()
    summary = reverse("admin:projects_project_summary")
    found["年次集計 report.csv"] = client.get(f"{summary}report.csv", {"fiscal_year": YEAR}).content
    found["年次集計 report.xlsx"] = _cells(
        client.get(f"{summary}report.xlsx", {"fiscal_year": YEAR}).content
    )
    found["年次集計 summary.csv"] = client.get(
        f"{summary}summary.csv", {"fiscal_year": YEAR}
    ).content
    found["印刷用の報告書"] = client.get(f"{summary}print/", {"fiscal_year": YEAR}).content
    for name in ("opendata_csv", "opendata_json", "opendata_events"):
        found[name] = client.get(reverse(f"public:{name}", args=[YEAR])).content
    found["一覧"] = client.get(reverse("public:register"), {"year": YEAR}).content
    found["一覧のCSV"] = client.get(reverse("public:register_csv"), {"year": YEAR}).content
    found["API"] = client.get("/api/projects/", {"year": YEAR, "page_size": 200}).content
    for project in Project.objects.filter(fiscal_year=YEAR):
        page = client.get(reverse("public:project", args=[project.pk]))
        found[f"協働事業のページ {project.number}"] = page.content
        found[f"API {project.number}"] = client.get(f"/api/projects/{project.pk}/").content
    return found


def test_every_output_of_a_published_year_is_unchanged_by_later_reorganisations(
    client, coordinator
):
    call_command("import_report", str(SEED), stdout=StringIO(), stderr=StringIO())
    client.force_login(coordinator)
    before = _outputs(client)

    department_rename(
        department=Department.objects.get(name="生涯学習課"),
        name="生涯学習推進課",
        from_year=2024,
        user=coordinator,
    )
    form_rename(
        form=Form.objects.get(name="共催"), name="共催事業", from_year=2024, user=coordinator
    )
    science = Department.objects.get(name="科学センター")
    successor = Department.objects.create(name="科学館")
    department_succeed(
        predecessors=[science], successors=[successor], from_year=2025, user=coordinator
    )
    after = _outputs(client)

    assert before.keys() == after.keys()
    changed = [name for name in before if before[name] != after[name]]
    assert changed == []
