"""A published year reads as it was published after the organisation changes: a 担当課 and a
協働の形態 renamed from a later year, two partners merged, a department retired into a
successor. Every 令和5年度 output is compared before and after, byte for byte, with two
exceptions that say what changed and nothing else: an XLSX is compared by its cells (the
workbook's own metadata carries the time it was written), and a JSON record's partners carry
the partner's identity (``partner``: id and current name) beside the printed spelling, which is
how a merge shows, as an identity change only."""

import io
import json
import re
from io import StringIO

import openpyxl
import pytest
from django.core.management import call_command
from django.urls import reverse

from partners.models import Partner
from projects.models import Department, Form, Project
from projects.services.names import department_rename, department_succeed, form_rename
from projects.services.partners import partner_merge
from tests.factories import SEED

pytestmark = pytest.mark.django_db

YEAR = 2023


def _cells(data: bytes) -> list[tuple]:
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    return [tuple(row) for row in sheet.iter_rows(values_only=True)]


def _without_identity(data: bytes | str) -> object:
    """A JSON output with each partner's identity taken out (the printed spelling stays)."""
    found = json.loads(data)
    records = found["results"] if isinstance(found, dict) and "results" in found else found
    for record in records if isinstance(records, list) else [records]:
        for partner in record.get("partners", []):
            assert set(partner["partner"]) == {"id", "name"}
            partner.pop("partner")
    return found


def _outputs(client) -> dict[str, object]:
    """Every output of the year, as its reader gets it."""
    found: dict[str, object] = {}
    for kind in ("csv", "json"):
        out = StringIO()
        call_command("export_report", "--fiscal-year", str(YEAR), "--format", kind, stdout=out)
        found[f"export_report {kind}"] = (
            _without_identity(out.getvalue()) if kind == "json" else out.getvalue()
        )
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
    found["opendata_json"] = _without_identity(found["opendata_json"])
    found["一覧"] = client.get(reverse("public:register"), {"year": YEAR}).content
    found["一覧のCSV"] = client.get(reverse("public:register_csv"), {"year": YEAR}).content
    found["API"] = _without_identity(
        client.get("/api/projects/", {"year": YEAR, "page_size": 200}).content
    )
    for project in Project.objects.filter(fiscal_year=YEAR):
        page = client.get(reverse("public:project", args=[project.pk]))
        found[f"協働事業のページ {project.number}"] = page.content
        found[f"API {project.number}"] = _without_identity(
            client.get(f"/api/projects/{project.pk}/").content
        )
    return found


@pytest.fixture
def seeded(client, coordinator):
    call_command("import_report", str(SEED), stdout=StringIO(), stderr=StringIO())
    client.force_login(coordinator)
    return _outputs(client)


def _changed(before: dict, after: dict) -> list[str]:
    assert before.keys() == after.keys()
    return [name for name in before if before[name] != after[name]]


def test_every_output_of_a_published_year_is_unchanged_by_renames_and_a_successor(
    client, coordinator, seeded
):
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

    assert _changed(seeded, _outputs(client)) == []


PARTNER_LINK = re.compile(rb'href="/partners/\d+/"')


def test_a_merge_of_two_partners_changes_no_printed_text_of_a_published_year(
    client, coordinator, seeded
):
    """The merged body's printed spelling stays in every cell and page; what moves is the
    identity: the link to the partner's page, the ``partner`` of a JSON record, and the
    年次集計 figures that count bodies (関係団体 n団体 and by 種別), which now count one body
    where the register had two."""
    partner_merge(
        target=Partner.objects.get(name="北海道職業能力開発大学校"),
        others=[Partner.objects.get(name="地方独立行政法人北海道立総合研究機構工業試験場")],
        user=coordinator,
    )
    after = _outputs(client)

    changed = _changed(seeded, after)
    assert set(changed) <= {"年次集計 summary.csv", "印刷用の報告書", "協働事業のページ 16"}
    for name in changed:
        if name.startswith("協働事業のページ"):
            assert PARTNER_LINK.sub(b"", seeded[name]) == PARTNER_LINK.sub(b"", after[name])
        else:  # only the lines counting bodies differ
            lines = zip(seeded[name].splitlines(), after[name].splitlines(), strict=True)
            assert all(a == b or "関係団体".encode() in a for a, b in lines), name
