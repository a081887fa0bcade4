"""The PDF export: the seed year in the published layout, A4 landscape, Japanese text selectable."""

import shutil
import subprocess

import pdfplumber
import pytest
from django.core.management import CommandError, call_command

from tests.factories import import_seed

pytestmark = [pytest.mark.django_db, pytest.mark.seed]

A4_LANDSCAPE = (841.89, 595.28)  # points


@pytest.fixture
def seed_pdf(db, tmp_path):
    import_seed()
    path = tmp_path / "r05.pdf"
    call_command("export_report", "--fiscal-year", "2023", "--format", "pdf", "--output", str(path))
    return path


def test_the_seed_year_as_a_pdf_is_a4_landscape_with_the_header_on_every_page(seed_pdf):
    with pdfplumber.open(seed_pdf) as pdf:
        assert len(pdf.pages) > 1
        for number, page in enumerate(pdf.pages, start=1):
            assert (round(page.width, 1), round(page.height, 1)) == (
                round(A4_LANDSCAPE[0], 1),
                round(A4_LANDSCAPE[1], 1),
            )
            text = page.extract_text()
            assert "協働事業の名称 (担当課)" in text and "取組の効果、市民からの反響等" in text
            assert f"{number} / {len(pdf.pages)} ページ" in text
            assert "苫小牧市" in text and "協働事業実施状況（令和5年度）" in text
        first = pdf.pages[0].extract_text()
        assert "協働事業実施状況（令和5年度）" in first.splitlines()[0]
        assert "① 協働の形態：共催（23件）" in first
        assert "まちかどミーティング" in first
        assert pdf.metadata.get("Creator") == "kyodo"


def test_the_pdf_embeds_its_japanese_font_and_is_tagged(seed_pdf):
    with pdfplumber.open(seed_pdf) as pdf:
        assert {c["fontname"].split("+")[-1].split("-")[0] for c in pdf.pages[0].chars} == {
            "IPAGothic"
        }
        assert "+" in pdf.pages[0].chars[0]["fontname"]  # a subset, embedded
        catalog = pdf.doc.catalog
        assert "StructTreeRoot" in catalog and "MarkInfo" in catalog  # tagged (PDF/UA-1)
        assert pdf.doc.catalog["Lang"] in (b"ja", "ja")


@pytest.mark.subprocess
@pytest.mark.skipif(
    not shutil.which("pdftoppm"), reason="pdftoppm (poppler-utils) is not installed"
)
def test_the_pages_render_to_png(seed_pdf, tmp_path):
    """The pages as PNG (pdftoppm), as they were looked at."""
    out = tmp_path / "page"
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(seed_pdf), str(out)], check=True)
    pngs = sorted(tmp_path.glob("page-*.png"))
    assert len(pngs) > 1
    # landscape: wider than high (PNG header: width, height at bytes 16..24)
    header = pngs[0].read_bytes()[16:24]
    width, height = int.from_bytes(header[:4], "big"), int.from_bytes(header[4:], "big")
    assert width > height


def test_the_pdf_needs_an_output_file(db):
    with pytest.raises(CommandError, match="PDFは --output でファイルを指定してください"):
        call_command("export_report", "--fiscal-year", "2023", "--format", "pdf")
