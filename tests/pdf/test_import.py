"""The PDF import: kyodo's own PDF comes back as the same records; a PDF without text is refused."""

import io
import json
from pathlib import Path

import pdfplumber
import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from PIL import Image

from projects.reader.pdf import join_lines
from tests.editions.helpers import export
from tests.factories import day, import_seed, make_project

pytestmark = [pytest.mark.django_db]


def records(data: bytes) -> list[dict]:
    """The JSON records, without the partners' ids (a new register numbers them anew)."""
    every = json.loads(data)
    for record in every:
        for partner in record["partners"]:
            partner["partner"].pop("id")
    return every


def made_then_forgotten(make, tmp_path) -> tuple[bytes, bytes]:
    """The PDF and the JSON of a register that ``make`` fills, then rolled back: empty again."""
    with transaction.atomic():
        make()
        pdf, records_json = export(2023, "pdf", tmp_path), export(2023, "json", tmp_path)
        transaction.set_rollback(True)
    return pdf, records_json


def import_pdf(data: bytes, tmp_path, *args) -> str:
    path = tmp_path / "report.pdf"
    path.write_bytes(data)
    out = io.StringIO()
    call_command("import_report", str(path), *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def refusal(data: bytes, tmp_path) -> str:
    """What import_report prints when it refuses the PDF."""
    path = tmp_path / "report.pdf"
    path.write_bytes(data)
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_report", str(path), stdout=io.StringIO(), stderr=err)
    return err.getvalue()


@pytest.mark.seed
def test_the_seed_years_pdf_imports_back_into_an_empty_register_as_the_same_records(tmp_path):
    pdf, before = made_then_forgotten(import_seed, tmp_path)

    assert "新規 23件" in import_pdf(pdf, tmp_path)
    assert records(export(2023, "json", tmp_path)) == records(before)


def _long_and_two_forms():
    long_purpose = "".join(
        f"第{n}回の内容について、市民と協働して検討した。"
        f"Open Data Day {n} を開催 ・講演 ・意見交換。"
        for n in range(1, 25)
    )
    make_project(
        name="長い事業",
        purpose=long_purpose,
        effect="効果があった。",
        sessions=[{"start": day(2023, 5, n), "participants": n} for n in range(1, 29)],
    )
    make_project(name="次の事業", purpose="短い。", effect="好評。")
    make_project(
        name="後援の事業",
        form="後援",
        department="生涯学習課",
        purpose="・絵本の講演会",
        effect="好評だった。",
        partners=["苫小牧読み聞かせ文庫活動連絡会"],
    )


def test_a_row_over_a_page_break_and_two_forms_come_back_the_same(tmp_path):
    pdf, before = made_then_forgotten(_long_and_two_forms, tmp_path)
    (tmp_path / "long.pdf").write_bytes(pdf)

    out = import_pdf(pdf, tmp_path)

    assert "新規 3件" in out
    after = records(export(2023, "json", tmp_path))
    assert after == records(before)
    assert [r["form"] for r in after] == ["共催", "共催", "後援"]


def test_an_error_names_the_page_and_the_row(tmp_path):
    def make():
        make_project(name="一つ目", purpose="内容。", effect="効果。")
        make_project(
            name="年度の外",
            purpose="内容。",
            effect="効果。",
            sessions=[{"start": day(2025, 6, 1)}],
        )

    pdf, _ = made_then_forgotten(make, tmp_path)

    assert "1ページ No.2「実施年月日、参加人数」" in refusal(pdf, tmp_path)


def test_an_image_only_pdf_is_refused_with_a_message(tmp_path):
    buffer = io.BytesIO()
    Image.new("RGB", (842, 595), "white").save(buffer, format="PDF")

    assert "文字の情報がありません（スキャンした画像のPDFのようです）" in refusal(
        buffer.getvalue(), tmp_path
    )


def test_an_encrypted_pdf_is_refused_with_a_message(tmp_path):
    data = (Path(__file__).resolve().parent.parent / "fixtures" / "encrypted.pdf").read_bytes()

    assert "暗号化" in refusal(data, tmp_path)


def test_a_file_that_is_no_pdf_is_refused(tmp_path):
    assert "PDFファイルとして読めません" in refusal(b"not a pdf", tmp_path)


@pytest.mark.parametrize(
    ("lines", "kept", "joined"),
    [
        (["令和5年11月4日(約", "6,000人)"], False, "令和5年11月4日(約6,000人)"),
        (["まちかどミー", "ティング"], False, "まちかどミーティング"),
        (["写真展 in", "Tomakomai"], False, "写真展 in Tomakomai"),
        (["ラン1", "0km"], False, "ラン10km"),
        (
            ["令和5年6月24日(46人)", "・子ども会スポーツ交流会"],
            False,
            "令和5年6月24日(46人) ・子ども会スポーツ交流会",
        ),
        (["(10人)", "令和5年11月2日 (10人)"], False, "(10人) 令和5年11月2日 (10人)"),
        (["Interna", "tionalization"], True, "Internationalization"),
        (["ネタリウム ", "e-Mobility"], True, "ネタリウム e-Mobility"),
    ],
)
def test_the_lines_of_a_cell_are_joined_by_the_readers_rules(lines, kept, joined):
    assert join_lines(lines, spaces_kept=kept) == joined


def test_an_error_on_a_later_page_names_that_page(tmp_path):
    def make():
        for number in range(1, 13):
            sessions = [{"start": day(2025, 6, 1) if number == 10 else day(2023, 6, 1)}]
            make_project(
                name=f"事業{number}", purpose="内容。" * 60, effect="効果。", sessions=sessions
            )

    pdf, _ = made_then_forgotten(make, tmp_path)
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        page = next(
            n for n, p in enumerate(document.pages, start=1) if "事業10 (" in p.extract_text()
        )
    assert page > 1

    assert f"{page}ページ No.10「実施年月日、参加人数」" in refusal(pdf, tmp_path)
