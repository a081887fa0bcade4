"""Files read within bounds: each hostile file refused at once, with the bound and the place.

Pure reader tests (no database): the same files go through the command and the admin in
tests/importer/test_hostile_files.py and tests/admin/test_import_hostile.py.
"""

import pytest

from projects import layout
from projects.reader.bounds import Limits
from projects.reader.delimited import read_csv
from projects.reader.encoding import decode_source
from projects.reader.records import ReportReadError
from projects.reader.table import read_report
from projects.reader.workbook import read_workbook
from tests import hostile_files as hostile
from tests.report_text import dataset_row, report_row, report_text

LIMITS = Limits()


def _refused(read, *args) -> list[str]:
    with pytest.raises(ReportReadError) as raised:
        read(*args)
    return [str(error) for error in raised.value.errors]


# --- XLSX: before openpyxl opens it ------------------------------------------------------------


def test_a_part_that_unpacks_past_the_bound_is_refused_naming_the_part():
    (error,) = _refused(read_workbook, hostile.bomb_xlsx(mib=16), Limits(unpacked_bytes=8 * 2**20))

    assert error.startswith("部品 xl/sharedStrings.xml：展開すると大きすぎます（8 MBまで）")


def test_a_part_compressed_past_the_ratio_is_refused_naming_the_ratio():
    (error,) = _refused(read_workbook, hostile.bomb_xlsx(mib=16), LIMITS)

    assert error.startswith("部品 xl/sharedStrings.xml：圧縮率が異常です（")
    assert "100倍まで" in error


def test_a_sheet_declaring_a_million_rows_is_refused_by_its_dimension():
    (error,) = _refused(read_workbook, hostile.claimed_rows_xlsx(), LIMITS)

    assert error == (
        "シートの大きさ：シートがA1:I1048576（1,048,576行）と宣言されています。"
        "取り込めるのは20,000行までです。余分な行を削除して保存し直してください。"
    )


def test_a_sheet_of_a_million_written_rows_is_refused_at_the_first_row_past_the_bound():
    (error,) = _refused(read_workbook, hostile.claimed_rows_xlsx(written=True), LIMITS)

    assert error.startswith("20,002行目：行が多すぎます（20,000行まで）")


def test_one_row_far_down_the_sheet_is_refused_before_the_empty_rows_are_padded():
    data = hostile.sheet_xlsx(hostile.inline_row(1, ["No."]) + hostile.inline_row(1_048_576, ["x"]))

    (error,) = _refused(read_workbook, data, LIMITS)

    assert error.startswith("1,048,576行目：行が多すぎます")


def test_a_cell_in_the_last_column_is_refused_as_too_many_cells_per_row():
    row = b'<row r="1"><c r="XFD1" t="inlineStr"><is><t>x</t></is></c></row>'

    (error,) = _refused(read_workbook, hostile.sheet_xlsx(row), LIMITS)

    assert error == "1行目：1行のセルが多すぎます（16,384個。50個まで）。"


def test_a_formula_without_a_saved_value_is_refused_naming_the_cell():
    data = hostile.formula_xlsx([dataset_row(1)], formula_cell="F2")

    errors = _refused(read_workbook, data, LIMITS)

    assert errors == ["F2：数式の結果が保存されていません。Excelで開いて保存し直してください。"]


def test_a_formula_with_its_saved_value_is_read_as_the_value():
    row = b'<row r="1"><c r="A1"><f>1+1</f><v>2</v></c></row>'

    assert read_workbook(hostile.sheet_xlsx(row), LIMITS) == [[2]]


def test_a_formula_whose_saved_value_is_an_empty_text_is_read_as_empty():
    row = b'<row r="1"><c r="A1" t="str"><f>IF(TRUE,"","x")</f><v></v></c></row>'

    assert read_workbook(hostile.sheet_xlsx(row), LIMITS) == [[None]]


def test_a_cell_longer_than_the_bound_is_refused_naming_the_cell():
    data = hostile.xlsx_of([dataset_row(1, **{layout.PURPOSE: "あ" * 20_001})])

    (error,) = _refused(read_workbook, data, LIMITS)

    assert error == "F2：セルの文字が多すぎます（20,001文字。1つのセルは20,000文字まで）。"


def test_a_shared_string_longer_than_the_bound_is_refused_before_the_workbook_is_opened():
    (error,) = _refused(read_workbook, hostile.shared_string_xlsx("あ" * 20_001), LIMITS)

    assert error == (
        "部品 xl/sharedStrings.xml の2番目の文字列："
        "セルの文字が多すぎます（20,001文字。1つのセルは20,000文字まで）。"
    )


def test_a_file_that_is_no_zip_is_refused_as_no_xlsx():
    assert _refused(read_workbook, b"not a zip", LIMITS) == [
        "ファイル：XLSXファイルとして読めません。"
    ]


# --- CSV and text ------------------------------------------------------------------------------


def test_a_csv_cell_over_the_field_limit_is_refused_with_its_line():
    text = hostile.csv_of([dataset_row(1, **{layout.PURPOSE: "あ" * 131_073})]).decode()

    (error,) = _refused(read_csv, text, LIMITS)

    assert error == "2行目：セルの文字が多すぎます（1つのセルは20,000文字まで）。"


def test_a_csv_cell_one_character_too_long_is_measured():
    text = hostile.csv_of([dataset_row(1, **{layout.PURPOSE: "あ" * 20_001})]).decode()

    (error,) = _refused(read_csv, text, LIMITS)

    assert (
        error == "2行目「6列目」：セルの文字が多すぎます（20,001文字。1つのセルは20,000文字まで）。"
    )


def test_the_csv_field_limit_is_put_back_after_reading():
    import csv

    before = csv.field_size_limit()
    read_csv(hostile.csv_of([dataset_row(1)]).decode(), LIMITS)

    assert csv.field_size_limit() == before


def test_a_csv_of_too_many_rows_is_refused_at_the_first_past_the_bound():
    text = hostile.csv_of([dataset_row(n) for n in range(1, 8)]).decode()

    (error,) = _refused(read_csv, text, Limits(rows=5))

    assert error.startswith("7行目：行が多すぎます（5行まで）")


def test_a_text_report_of_too_many_rows_is_refused():
    (error,) = _refused(lambda: read_report(report_text(8), limits=Limits(rows=5)))

    assert "行が多すぎます（5行まで）" in error


def test_a_text_report_cell_longer_than_the_bound_is_refused():
    text = report_text([report_row(1, purpose="あ" * 30)])

    (error,) = _refused(lambda: read_report(text, limits=Limits(cell_chars=20)))

    assert "「協働事業の目的、内容等」：セルの文字が多すぎます（30文字。" in error


def test_one_nul_byte_in_a_csv_is_named_with_its_line_and_place():
    data = hostile.csv_of([dataset_row(1, **{layout.PURPOSE: "学び\x00の場"})])

    (error,) = _refused(decode_source, data)

    assert error.startswith("2行目：")
    assert "制御文字 U+0000（NULL）" in error and "画像" not in error


def test_a_broken_byte_in_a_shift_jis_file_names_its_line_and_place():
    good = report_text(3).encode("cp932")
    third_line = good.index(b"\n", good.index(b"\n", good.index(b"\n") + 1) + 1) + 1
    data = good[:third_line] + b"\x82\xff" + good[third_line:]  # 0x82 leads, 0xFF cannot follow

    (error,) = _refused(decode_source, data)

    assert error.startswith("4行目：テキストとして読めません：1文字目のバイト 0x82 がShift_JIS")


def test_a_broken_byte_in_a_utf8_file_names_its_line_and_place():
    data = ("見出し\n協働事業の目的" + "\n").encode() + "学びの場".encode()[:-1] + b"\n"

    (error,) = _refused(decode_source, data)

    assert error.startswith("3行目：テキストとして読めません：4文字目のバイト 0xE5 がUTF-8")
