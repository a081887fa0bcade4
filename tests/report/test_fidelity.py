"""The report rebuilt from the register is the published table: every cell of the seed, exactly.

These tests import the seed through the ``import_report`` command, as a coordinator would; they
are marked ``seed`` and never skipped.
"""

import csv
import json
import re
from io import StringIO

import pytest
from django.core.management import call_command

from partners.models import Partner, PartnerAlias
from projects import layout
from projects.models import Department, Project
from projects.report.summary import yearly_summary
from tests.factories import SEED

pytestmark = [pytest.mark.django_db, pytest.mark.seed]

WHITESPACE = re.compile(r"\s+")


def squeeze(text: str) -> str:
    return WHITESPACE.sub("", text)


def seed_rows() -> list[list[str]]:
    """The seed table's rows as its seven cells, read by splitting the lines on tabs.

    Title, form and blank lines have no tab; the header row repeated at each page starts with No.
    """
    rows = []
    for line in SEED.read_text(encoding="utf-8").splitlines():
        if "\t" not in line:
            continue
        cells = [cell.strip() for cell in line.split("\t")]
        if cells[0] == layout.NUMBER:
            continue
        rows.append(cells)
    return rows


def export_csv(tmp_path, name="report.csv") -> list[list[str]]:
    path = tmp_path / name
    call_command("export_report", "--fiscal-year", "2023", "--output", str(path), stderr=StringIO())
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def export_json() -> list[dict]:
    out = StringIO()
    call_command("export_report", "--fiscal-year", "2023", "--format", "json", stdout=out)
    return json.loads(out.getvalue())


def test_the_seed_table_has_23_rows_of_7_cells():
    rows = seed_rows()
    assert len(rows) == 23
    assert all(len(row) == 7 for row in rows)


def test_every_one_of_the_161_cells_of_the_seed_is_exported_as_printed(seeded, tmp_path):
    exported = export_csv(tmp_path)
    assert exported[0] == list(layout.DATASET_COLUMNS)
    body = exported[1:]
    expected = seed_rows()
    assert len(body) == len(expected) == 23
    assert {(row[0], row[1]) for row in body} == {("令和5年度", "共催")}
    differences = [
        f"No.{want[0]} {column}:\n  seed:   {want_cell}\n  export: {got_cell}"
        for got, want in zip(body, expected, strict=True)
        for column, got_cell, want_cell in zip(layout.TABLE_COLUMNS, got[2:], want, strict=True)
        if squeeze(got_cell) != squeeze(want_cell)
    ]
    compared = sum(len(row) for row in expected)
    assert compared == 161
    assert not differences, f"{len(differences)} of 161 cells differ:\n" + "\n".join(differences)


def empty_the_register() -> None:
    Project.objects.all().delete()
    PartnerAlias.objects.all().delete()
    Partner.objects.all().delete()
    Department.objects.all().delete()


def test_the_exported_csv_imported_into_an_empty_register_gives_the_same_records(seeded, tmp_path):
    before = export_json()
    csv_before = export_csv(tmp_path, "first.csv")
    empty_the_register()
    assert not Project.objects.exists()

    call_command("import_report", str(tmp_path / "first.csv"), stdout=StringIO(), stderr=StringIO())

    # The same records; the partners are new rows, so only their ids differ.
    assert without_partner_ids(export_json()) == without_partner_ids(before)
    assert export_csv(tmp_path, "second.csv") == csv_before


def without_partner_ids(records: list[dict]) -> list[dict]:
    for record in records:
        for partner in record["partners"]:
            partner["partner"].pop("id")
    return records


def test_the_summary_of_the_seed_year_matches_the_published_figures(seeded):
    summary = yearly_summary(2023)
    assert summary["projects"] == 23
    assert summary["by_form"] == [{"form": "共催", "projects": 23, "label": "共催（23件）"}]
    categories = {c["category"]: c["projects"] for c in summary["by_category"]}
    assert categories == {
        "例年実施": 15,
        "単年度(新規)実施": 7,
        "2年に一度実施": 1,
        "その他": 0,
    }
    assert summary["participants_total"] == 12054
    assert summary["participants_approximate"] is True
    assert summary["partners"] == 42
    assert len(summary["by_department"]) == 14
    assert summary["previous_year"] is None
