import codecs

import pytest

from projects import layout
from projects.reader.records import ReportReadError
from projects.reader.table import decode_source, read_report

TITLE = "3 協働事業実施状況（令和5年度）"
FORM = "① 協働の形態：共催（2件）"
HEADER = "No.\t" + "\t".join(layout.TABLE_COLUMNS[1:])


def row(number, name="市民塾 (生涯学習課)", sessions="令和5年9月13日(61人)"):
    return "\t".join([str(number), name, "例年実施", "目的", "苫小牧市", sessions, "効果"])


def report(*lines):
    return "\n".join(lines) + "\n"


def errors_of(text, **kwargs):
    with pytest.raises(ReportReadError) as raised:
        read_report(text, **kwargs)
    return raised.value.errors


def test_it_reads_title_form_and_rows():
    table = read_report(report("", TITLE, "", FORM, "", HEADER, row(1), row(2)))
    assert (table.fiscal_year, table.form, table.declared_count) == (2023, "共催", 2)
    assert [r.cells[layout.NUMBER] for r in table.rows] == ["1", "2"]
    assert table.rows[0].line == 7
    assert table.rows[0].cells[layout.NAME] == "市民塾 (生涯学習課)"
    assert list(table.rows[0].cells) == list(layout.TABLE_COLUMNS)
    assert table.rows[0].form == "共催"


def test_the_cells_keep_the_raw_text():
    table = read_report(
        report(TITLE, FORM, row(1, name="まちかどミー ティング (協働・男女平 等参画室)"), row(2))
    )
    assert table.rows[0].cells[layout.NAME] == "まちかどミー ティング (協働・男女平 等参画室)"


def test_it_skips_the_header_repeated_at_every_page_break_even_with_wrap_spaces():
    header = HEADER.replace("取組に関係した団体等", "取組に関係した団体 等")
    table = read_report(report(TITLE, FORM, HEADER, row(1), "", header, row(2)))
    assert len(table.rows) == 2


@pytest.mark.parametrize(
    ("title", "year"),
    [
        ("3 協働事業実施状況（令和5年度）", 2023),
        ("協働事業実施状況(令和元年度)", 2019),
        ("協働事業実施状況（令和６年度）", 2024),
        ("3 協働事業実施状況（2022年度）", 2022),
    ],
)
def test_it_reads_the_fiscal_year_of_the_title(title, year):
    assert read_report(report(title, FORM, row(1), row(2))).fiscal_year == year


@pytest.mark.parametrize(
    ("line", "form", "count"),
    [
        ("① 協働の形態：共催（2件）", "共催", 2),
        ("② 協働の形態:実行委員会・協議会(2件)", "実行委員会・協議会", 2),
        ("⑳協働の形態：委託 （２件）", "委託", 2),
        ("協働の形態：補助・助成", "補助・助成", None),
    ],
)
def test_it_reads_the_form_and_declared_count(line, form, count):
    table = read_report(report(TITLE, line, row(1), row(2)))
    assert (table.form, table.declared_count) == (form, count)


def test_keyword_arguments_override_the_title_and_form_line():
    table = read_report(report(TITLE, FORM, row(1), row(2)), fiscal_year=2022, form="委託")
    assert (table.fiscal_year, table.form) == (2022, "委託")
    assert {r.form for r in table.rows} == {"委託"}


def test_with_keyword_arguments_title_and_form_line_need_not_be_there():
    table = read_report(report(row(1), row(2)), fiscal_year=2023, form="共催")
    assert (table.fiscal_year, table.form, table.declared_count, len(table.rows)) == (
        2023,
        "共催",
        None,
        2,
    )
    assert table.rows[0].form == "共催"


def test_a_second_form_section_gives_its_rows_its_form():
    text = report(TITLE, FORM, row(1), row(2), "② 協働の形態：委託（1件）", HEADER, row(1))
    table = read_report(text)
    assert [(r.cells[layout.NUMBER], r.form) for r in table.rows] == [
        ("1", "共催"),
        ("2", "共催"),
        ("1", "委託"),
    ]
    assert (table.form, table.declared_count) == ("共催", 2)


def test_a_row_with_missing_cells_is_named_with_the_count_found():
    (error,) = errors_of(report(TITLE, FORM, row(1), "2\t名称 (課)\t例年実施"))
    assert error.row == "No.2"
    assert "セルが3個" in error.reason and "7個" in error.reason


def test_a_row_with_extra_cells_is_an_error():
    (error,) = errors_of(report(TITLE, FORM, row(1), row(2) + "\t余分"))
    assert (error.row, "セルが8個" in error.reason) == ("No.2", True)


def test_two_rows_with_the_same_number_are_an_error():
    (error,) = errors_of(report(TITLE, FORM, row(1), row(1)))
    assert error.row == "No.1"
    assert error.column == layout.NUMBER
    assert "二度" in error.reason and "3行目" in error.reason and "4行目" in error.reason


def test_the_same_number_in_two_form_sections_is_no_error():
    text = report(TITLE, "① 協働の形態：共催（1件）", row(1), "② 協働の形態：委託（1件）", row(1))
    assert len(read_report(text).rows) == 2


def test_a_line_that_is_nothing_known_is_named_with_its_line_number():
    (error,) = errors_of(report(TITLE, FORM, row(1), "セルの中で改行された続き", row(2)))
    assert (error.row, error.text) == ("4行目", "セルの中で改行された続き")
    assert "読めません" in error.reason


def test_without_title_the_fiscal_year_is_unknown():
    (error,) = errors_of(report(FORM, row(1), row(2)))
    assert (error.row, "年度がわかりません" in error.reason) == ("ファイル", True)


def test_without_form_line_the_form_is_unknown():
    (error,) = errors_of(report(TITLE, row(1), row(2)))
    assert "協働の形態がわかりません" in error.reason


def test_a_report_without_rows_is_an_error():
    errors = errors_of(report(TITLE, "① 協働の形態：共催", HEADER))
    assert ["表の行" in e.reason for e in errors] == [True]


def test_a_declared_count_different_from_the_rows_is_an_error():
    (error,) = errors_of(report(TITLE, "① 協働の形態：共催（23件）", row(1), row(2)))
    assert (error.row, error.reason) == ("2行目", "23件とありますが、表の行は2件です。")


def test_an_unreadable_year_in_the_title_is_an_error():
    errors = errors_of(report("協働事業実施状況（平成32年度）", FORM, row(1), row(2)))
    assert errors[0].row == "1行目" and "平成32年はありません" in errors[0].reason


def test_it_collects_every_problem_before_refusing():
    text = report(FORM, row(1), row(1), "迷子の行", "3\t短い行")
    errors = errors_of(text)
    assert len(errors) == 5  # duplicate, stray line, short row, no year, 2件 vs 3 rows
    assert {e.row for e in errors} >= {"No.1", "4行目", "No.3", "ファイル", "1行目"}
    assert "4行目" in str(ReportReadError(errors))


def test_a_form_feed_at_a_page_break_neither_splits_nor_breaks_a_line():
    text = report(TITLE, FORM, row(1), "\f" + HEADER, "\f" + row(2), "\f", "迷子の行")
    (error,) = errors_of(text)
    assert error.row == "7行目"


def test_crlf_line_ends_are_read():
    assert len(read_report(report(TITLE, FORM, row(1), row(2)).replace("\n", "\r\n")).rows) == 2


SAMPLE = report(TITLE, FORM, row(1), row(2))


@pytest.mark.parametrize(
    "data",
    [
        SAMPLE.encode("utf-8"),
        codecs.BOM_UTF8 + SAMPLE.encode("utf-8"),
        SAMPLE.encode("cp932"),
        SAMPLE.encode("utf-16"),
    ],
)
def test_it_decodes_utf8_with_or_without_bom_shift_jis_and_utf16(data):
    assert decode_source(data) == SAMPLE


def test_a_cp932_only_character_is_decoded():
    assert decode_source("㈱苫東".encode("cp932")) == "㈱苫東"


@pytest.mark.parametrize(
    "data", [b"%PDF-1.7\x00\x01\x02", b"PK\x03\x04\x00\x00", b"\x89PNG\r\n\x1a\n"]
)
def test_a_binary_file_is_refused_as_unreadable(data):
    with pytest.raises(ReportReadError) as raised:
        decode_source(data)
    (error,) = raised.value.errors
    assert (error.row, error.column, error.text) == ("ファイル", "", "")
    assert "テキストとして読めません" in error.reason


def test_bytes_undecodable_as_utf8_and_cp932_are_refused():
    with pytest.raises(ReportReadError, match="テキストとして読めません"):
        decode_source(b"\x81\x20\xff\xfe\xfd")


@pytest.mark.parametrize("data", [b"", b"  \r\n\t", "\u3000\n".encode()])
def test_an_empty_file_is_refused(data):
    with pytest.raises(ReportReadError, match="ファイルが空です"):
        decode_source(data)


def test_in_a_file_of_several_forms_a_row_error_names_its_section():
    text = "\n".join(
        [
            "3 協働事業実施状況（令和5年度）",
            "① 協働の形態：共催（1件）",
            "1\t事業 (市民課)\t例年実施\t目的\t団体\t令和5年5月1日 (5人)\t効果",
            "② 協働の形態：後援（1件）",
            "1\t事業 (市民課)\t例年実施\t目的",
        ]
    )

    with pytest.raises(ReportReadError) as info:
        read_report(text)

    assert [error.row for error in info.value.errors] == ["後援 No.1"]
