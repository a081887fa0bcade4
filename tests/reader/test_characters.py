"""Text that cannot deceive: invisible format characters and controls refused in every cell,
with the character named; partners and sessions of one project bounded; every message built."""

import unicodedata

import pytest

from kyodo.characters import forbidden_character
from projects import layout
from projects.reader.bounds import Limits
from projects.reader.records import ReportReadError
from projects.reader.rows import read_row
from tests.report_text import dataset_row

BIDI = [chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))]
INVISIBLE = [chr(c) for c in (*range(0x200B, 0x2010), 0x2060, 0xFEFF, 0x00AD)]


def _errors(values: dict, **options) -> list[tuple[str, str, str, str]]:
    options.setdefault("row_number", 5)
    with pytest.raises(ReportReadError) as raised:
        read_row(values, **options)
    return [(e.row, e.column, e.text, e.reason) for e in raised.value.errors]


@pytest.mark.parametrize("character", BIDI + INVISIBLE)
def test_every_format_character_is_refused_by_name(character):
    reason = forbidden_character(f"講座{character}座講")

    name = unicodedata.name(character)
    assert reason == (
        f"3文字目に目に見えない書式文字 U+{ord(character):04X}（{name}） があります"
        "（文字の向きや見え方を変えるため使えません）。取り除いてください。"
    )


@pytest.mark.parametrize("character", ["\x00", "\x1b", "\x7f", "\x85", "\x9f"])
def test_nul_and_the_other_controls_have_their_own_message(character):
    assert "制御文字 U+" in forbidden_character(f"a{character}")


def test_tab_and_line_breaks_are_allowed_where_a_text_has_lines_and_ordinary_text_passes():
    assert forbidden_character("学びの場。\n市民と\t協働する。\r\n") is None
    assert forbidden_character("学び\nの場", allow="") is not None
    assert forbidden_character("まちかど　ミーティング ㈱ ～ ①") is None


@pytest.mark.parametrize(
    "column", [layout.NAME, layout.PURPOSE, layout.PARTNERS, layout.SESSIONS, layout.EFFECT]
)
def test_a_right_to_left_override_in_any_cell_is_refused_naming_row_column_and_character(column):
    values = dataset_row(3)
    values[column] = values[column][:2] + "\u202e" + values[column][2:]

    ((row, refused_column, text, reason),) = _errors(values)

    assert (row, refused_column, text) == ("No.3", column, "")  # the text is not shown again
    assert "U+202E（RIGHT-TO-LEFT OVERRIDE）" in reason


def test_a_control_character_in_the_number_names_the_row_by_its_place():
    errors = _errors(dataset_row(3, **{layout.NUMBER: "3\x00"}))

    assert [(e[0], e[1]) for e in errors] == [("5行目", layout.NUMBER)]
    assert "U+0000（NULL）" in errors[0][3]


def test_ten_thousand_partners_in_one_cell_are_refused_with_the_bound():
    partners = "、".join(f"団体{n}" for n in range(10_000))

    errors = _errors(dataset_row(3, **{layout.PARTNERS: partners}), limits=Limits(cell_chars=10**6))

    assert errors == [
        ("No.3", layout.PARTNERS, "", "団体が多すぎます（10,000団体。1つの事業に300団体まで）。")
    ]


def test_partners_up_to_the_bound_are_read():
    partners = "、".join(f"団体{n}" for n in range(300))

    assert (
        len(read_row(dataset_row(3, **{layout.PARTNERS: partners}), row_number=1).partners) == 300
    )


def test_sessions_past_the_bound_are_refused():
    sessions = "、".join(f"令和5年5月{d}日" for d in range(1, 11)) + " (10人)"

    errors = _errors(dataset_row(3, **{layout.SESSIONS: sessions}), limits=Limits(sessions=5))

    assert errors == [
        ("No.3", layout.SESSIONS, "", "実施日が多すぎます（10回。1つの事業に5回まで）。")
    ]


@pytest.mark.parametrize("written", ["1600年5月14日", "1867年12月31日", "2201年4月1日"])
def test_a_date_outside_the_registers_years_is_refused_with_a_message(written):
    errors = _errors(dataset_row(3, **{layout.SESSIONS: f"{written} (10人)"}))

    assert errors == [
        (
            "No.3",
            layout.SESSIONS,
            f"{written} (10人)",
            f"「{written}」：登録できるのは明治元年（1868年）から2200年までの日付です。",
        )
    ]


def test_a_date_of_meiji_outside_the_fiscal_year_is_described_without_a_crash():
    errors = _errors(dataset_row(3, **{layout.SESSIONS: "1868年1月1日 (10人)"}))

    ((_, column, text, reason),) = errors
    assert column == layout.SESSIONS and text == "1868年1月1日"  # before 明治's first day
    assert reason.startswith("実施日は令和5年度")


def test_a_session_outside_the_first_fiscal_year_of_meiji_is_described():
    values = dataset_row(3, **{layout.FISCAL_YEAR: "1868", layout.SESSIONS: "1869年5月1日 (10人)"})

    ((_, column, _, reason),) = _errors(values)

    assert column == layout.SESSIONS
    assert reason == "実施日は明治元年度（1868年4月1日～明治2年3月31日）の中にしてください。"
