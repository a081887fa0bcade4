"""One dataset row read into a ProjectRow (projects/reader/rows.py): every cell, every error."""

import datetime

import pytest

from projects import layout
from projects.reader.records import CellError, ReportReadError
from projects.reader.rows import parse_fiscal_year, parse_number, read_row, row_label
from tests.report_text import dataset_row


def _errors(values: dict, **options) -> list[tuple[str, str, str, str]]:
    """(row, column, text, reason) of each error read_row raises for `values`."""
    options.setdefault("row_number", 5)
    with pytest.raises(ReportReadError) as raised:
        read_row(values, **options)
    return [(e.row, e.column, e.text, e.reason) for e in raised.value.errors]


def test_a_complete_row_is_read_into_every_field_of_the_project():
    values = dataset_row(3, **{layout.PARTNERS: "(公財)苫小牧市スポーツ協会、町内会"})

    row = read_row(values, row_number=4)

    assert (row.row_number, row.fiscal_year, row.form, row.number) == (4, 2023, "共催", 3)
    assert (row.name, row.department) == ("市民講座3", "生涯学習課")
    assert (row.category, row.since_year) == ("annual", 2007)
    assert (row.purpose, row.effect) == ("学びの場をつくる。", "好評だった。")
    assert [p.name for p in row.partners] == ["公益財団法人苫小牧市スポーツ協会", "町内会"]
    assert [p.written_as for p in row.partners] == ["(公財)苫小牧市スポーツ協会", "町内会"]
    [session] = row.sessions.sessions
    assert (session.start, session.participants) == (datetime.date(2023, 9, 13), 61)
    assert row.key == (2023, "共催", 3)
    assert row.label == "No.3"


def test_a_row_without_year_and_form_takes_the_files():
    values = dataset_row(3)
    del values[layout.FISCAL_YEAR], values[layout.FORM]

    row = read_row(values, row_number=1, fiscal_year=2023, form="後援")

    assert row.key == (2023, "後援", 3)


def test_a_row_without_year_and_form_in_a_file_without_them_is_refused_for_both():
    values = dataset_row(3, **{layout.FISCAL_YEAR: "", layout.FORM: ""})

    assert _errors(values) == [
        ("No.3", layout.FISCAL_YEAR, "", "年度がわかりません。"),
        ("No.3", layout.FORM, "", "協働の形態がわかりません。"),
    ]


def test_a_year_other_than_the_files_is_refused_naming_the_files_year():
    values = dataset_row(3, **{layout.FISCAL_YEAR: "令和4年度"})

    errors = _errors(values, fiscal_year=2023)

    assert errors[0] == (
        "No.3",
        layout.FISCAL_YEAR,
        "令和4年度",
        "指定された年度（令和5年度）と異なります。",
    )


def test_a_form_other_than_the_files_is_refused_naming_the_files_form():
    values = dataset_row(3, form="後援")

    assert _errors(values, form="共催") == [
        ("No.3", layout.FORM, "後援", "指定された協働の形態（共催）と異なります。")
    ]


def test_every_problem_of_a_row_is_reported_at_once_each_with_the_rows_position():
    values = dataset_row(3, **{layout.NUMBER: "0", layout.NAME: "", layout.CATEGORY: ""})

    with pytest.raises(ReportReadError) as raised:
        read_row(values, row_number=7)

    assert [(e.column, e.reason) for e in raised.value.errors] == [
        (layout.NUMBER, "No.は1以上の整数で書いてください。"),
        (layout.NAME, "空欄です。必ず入力してください。"),
        (layout.CATEGORY, "空欄です。必ず入力してください。"),
    ]
    assert {e.position for e in raised.value.errors} == {7}


def test_a_row_without_a_number_is_named_by_its_line():
    values = dataset_row(3, **{layout.NUMBER: ""})

    assert _errors(values, row_number=5) == [
        ("5行目", layout.NUMBER, "", "空欄です。必ず入力してください。")
    ]


def test_a_file_of_several_forms_names_a_row_by_its_form_and_number():
    values = dataset_row(3, form="後援", **{layout.SESSIONS: "令和6年4月2日(5人)"})

    [(row, column, text, reason)] = _errors(values, name_section=True)

    assert (row, column, text) == ("後援 No.3", layout.SESSIONS, "令和6年4月2日")
    assert "令和5年度（令和5年4月1日～令和6年3月31日）の中に" in reason
    assert read_row(dataset_row(3, form="後援"), row_number=1, name_section=True).label == (
        "後援 No.3"
    )


def test_a_session_outside_the_fiscal_year_is_refused_with_its_date_in_wareki():
    values = dataset_row(3, **{layout.SESSIONS: "令和5年3月31日(10人)"})

    [(_row, column, text, reason)] = _errors(values)

    assert (column, text) == (layout.SESSIONS, "令和5年3月31日")
    assert reason.startswith("実施日は令和5年度")


def test_a_closing_total_and_count_that_disagree_with_the_sessions_are_both_refused():
    sessions = "令和5年9月13日(61人)、令和5年10月1日(10人) 全3回 延べ100人"

    assert _errors(dataset_row(3, **{layout.SESSIONS: sessions})) == [
        ("No.3", layout.SESSIONS, "延べ100人", "各回の参加人数の合計（71人）と合いません。"),
        ("No.3", layout.SESSIONS, "全3回", "書かれた実施日の数（2回）と合いません。"),
    ]


def test_a_name_longer_than_the_register_stores_is_refused_with_its_length():
    values = dataset_row(3, **{layout.NAME: "あ" * 301 + " (生涯学習課)"})

    [(_row, column, _text, reason)] = _errors(values)

    assert column == layout.NAME
    assert reason == "協働事業の名称が長すぎます（301文字。300文字まで）。"


def test_a_continuation_that_begins_after_the_fiscal_year_is_refused():
    values = dataset_row(3, **{layout.CATEGORY: "例年実施 (令和6年頃から継続実施)"})

    assert _errors(values) == [
        (
            "No.3",
            layout.CATEGORY,
            "例年実施 (令和6年頃から継続実施)",
            "継続実施の開始年が年度より後です。",
        )
    ]


def test_an_xlsx_number_and_a_neutralised_formula_are_read_as_written():
    values = dataset_row(3, **{layout.NUMBER: 3.0, layout.PURPOSE: "'=1+1"})

    row = read_row(values, row_number=1)

    assert row.number == 3
    assert row.purpose == "=1+1"  # the quote the export put before it is taken off again


@pytest.mark.parametrize(("text", "number"), [("3", 3), ("３", 3), ("3.", 3), (" 12 ", 12)])
def test_a_number_is_read_in_either_width_with_or_without_its_dot(text, number):
    assert parse_number(text) == number


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("0", "No.は1以上の整数で書いてください。"),
        ("三", "No.は1以上の整数で書いてください。"),
        ("40000", "No.は1から32,767までにしてください（40,000）。"),
    ],
)
def test_a_number_that_is_not_a_positive_smallint_is_refused(text, reason):
    with pytest.raises(CellError) as raised:
        parse_number(text)

    assert str(raised.value) == reason


@pytest.mark.parametrize(
    ("text", "year"),
    [("令和5年度", 2023), ("令和元年度", 2019), ("平成31年度", 2019), ("R5", 2023), ("2023", 2023)],
)
def test_a_fiscal_year_is_read_in_wareki_or_western_years(text, year):
    assert parse_fiscal_year(text) == year


def test_a_fiscal_year_before_meiji_is_refused():
    with pytest.raises(CellError) as raised:
        parse_fiscal_year("1800")

    assert str(raised.value) == "年度は1868年から2200年までにしてください（1800年）。"


def test_a_row_is_labelled_by_its_number_and_by_its_form_in_a_file_of_several():
    assert (row_label(3), row_label(3, "後援")) == ("No.3", "後援 No.3")
