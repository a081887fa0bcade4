"""PDFs made by another producer (LibreOffice Writer, tests/fixtures/make_pdfs.py) give the seed's
23 projects exactly: rows that fit their page, rows running over page breaks, two forms in one."""

from pathlib import Path

import pdfplumber
import pytest

from tests.factories import import_seed
from tests.pdf.test_import import export, import_pdf, made_then_forgotten, records

pytestmark = [pytest.mark.django_db, pytest.mark.seed]

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


@pytest.fixture
def seed_records(tmp_path) -> list[dict]:
    """The seed's records as the text import gives them (then rolled back: an empty register)."""
    _, data = made_then_forgotten(import_seed, tmp_path)
    return records(data)


@pytest.mark.parametrize("name", ["lo_rows_fit", "lo_rows_split", "lo_two_forms"])
def test_a_writer_pdf_gives_the_seeds_23_projects_exactly(name, seed_records, tmp_path):
    out = import_pdf((FIXTURES / f"{name}.pdf").read_bytes(), tmp_path)

    every = records(export(2023, "json", tmp_path))
    assert [r for r in every if r["form"] == "共催"] == seed_records
    if name == "lo_two_forms":
        assert "新規 25件" in out
        kouen = [r for r in every if r["form"] == "後援"]
        assert [(r["no"], r["name"]) for r in kouen] == [
            (1, seed_records[0]["name"]),
            (2, seed_records[8]["name"]),
        ]
    else:
        assert "新規 23件" in out


def test_the_split_fixture_really_runs_rows_over_page_breaks():
    with pdfplumber.open(FIXTURES / "lo_rows_split.pdf") as pdf:
        continued = 0
        for page in pdf.pages[1:]:
            table = page.extract_table()
            assert table[0][0] == "No."  # the header row, repeated
            continued += table[1][0] in ("", None)
        assert continued >= 2
