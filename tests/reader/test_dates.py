import datetime

import pytest

from projects.reader.cells import parse_sessions
from projects.reader.dates import find_dates
from projects.reader.records import CellError

D = datetime.date


def parse_range(text: str) -> tuple[datetime.date, datetime.date | None]:
    """(start, end) of the one date or range a sessions cell holds, as the importer reads it."""
    [session] = parse_sessions(text).sessions
    return session.start, session.end


def parse_date(text: str) -> datetime.date:
    start, end = parse_range(text)
    assert end is None, f"{text} is a range"
    return start


@pytest.mark.parametrize(
    "text",
    [
        "令和5年8月22日",
        "令和 5年 8月22日",
        "令和５年８月２２日",
        "令和\u30005年 8月 22 日",
        "R5.8.22",
        "r5.8.22",
        "2023年8月22日",
        "2023/8/22",
        "2023-08-22",
        "２０２３／８／２２",
        "令和5年8月22日(火)",
        "令和5年8月22日（火曜日）",
    ],
)
def test_it_reads_one_date_in_every_form_of_the_reports(text):
    assert parse_date(text) == D(2023, 8, 22)


def test_it_reads_the_first_year_written_gannen():
    assert parse_date("令和元年5月1日") == D(2019, 5, 1)
    assert parse_date("平成元年1月8日") == D(1989, 1, 8)


def test_it_rejects_a_date_without_year():
    with pytest.raises(CellError, match="年から書いた日付"):
        parse_date("8月22日")


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("令和5年13月1日", "13月という月はありません"),
        ("2023年13月1日", "13月という月はありません"),
        ("令和5年2月30日", "令和5年2月30日という日はありません"),
        ("2023/2/29", "という日はありません"),
        ("令和元年4月30日", "令和の始まり"),
        ("R1.4.30", "令和の始まり"),
        ("平成31年5月1日", "令和に改元"),
        ("平成32年1月1日", "平成32年はありません"),
        ("令和5年8月22日(水)", "火曜日です"),
    ],
)
def test_it_rejects_a_date_that_does_not_exist(text, reason):
    with pytest.raises(CellError, match=reason) as raised:
        parse_date(text)
    assert raised.value.text


@pytest.mark.parametrize("text", ["令和5年", "令和5年8月", "8/22", "明日", "令和5年8月22日まで"])
def test_it_rejects_text_that_is_no_date(text):
    with pytest.raises(CellError):
        parse_date(text)


@pytest.mark.parametrize("mark", ["～", "〜", "~", " ～ "])
def test_a_range_end_inherits_the_era_and_year(mark):
    text = f"令和5年8月22日{mark}10月31日"
    assert parse_range(text) == (D(2023, 8, 22), D(2023, 10, 31))


def test_a_range_end_inherits_the_month_too():
    assert parse_range("令和 5年11月11日～13日") == (D(2023, 11, 11), D(2023, 11, 13))


def test_a_range_end_with_a_wrap_space_is_read():
    assert parse_range("令和 5年 8月22日～10月31 日") == (D(2023, 8, 22), D(2023, 10, 31))


def test_a_range_end_without_year_rolls_into_the_next_year():
    assert parse_range("令和5年12月28日～1月5日") == (D(2023, 12, 28), D(2024, 1, 5))
    assert parse_range("2023/12/28～1/5") == (D(2023, 12, 28), D(2024, 1, 5))


def test_a_range_end_in_the_next_year_is_checked_in_that_year():
    with pytest.raises(CellError, match="令和6年2月30日"):
        parse_range("令和5年12月28日～2月30日")


def test_a_range_end_may_name_its_own_year_and_era():
    assert parse_range("平成31年4月28日～令和元年5月6日") == (D(2019, 4, 28), D(2019, 5, 6))


def test_a_range_end_that_inherits_an_ended_era_is_refused():
    with pytest.raises(CellError, match="令和に改元"):
        parse_range("平成31年4月28日～5月6日")


def test_an_explicit_end_before_the_start_is_an_error():
    with pytest.raises(CellError, match="終わりの日が始まりの日より前"):
        parse_range("令和5年8月22日～令和5年8月1日")


def test_a_day_only_end_before_the_start_is_an_error_not_a_guess():
    with pytest.raises(CellError, match="月も書いてください"):
        parse_range("令和5年8月22日～3日")


def test_a_range_without_end_is_an_error():
    with pytest.raises(CellError, match="終わりの日がありません"):
        parse_range("令和5年8月22日～")


def test_a_range_ending_on_its_first_day_is_one_day():
    assert parse_range("令和5年8月22日～22日") == (D(2023, 8, 22), None)


def test_a_single_day_has_no_end():
    assert parse_range("令和5年8月22日") == (D(2023, 8, 22), None)


def test_abbreviated_ranges_are_read():
    assert parse_range("R5.8.22～8.25") == (D(2023, 8, 22), D(2023, 8, 25))


def test_find_dates_gives_each_date_and_range_with_its_place():
    text = "・交流会 令和 5年 6月24日、令和 6年 1月21日～23日 (46人)"
    found = find_dates(text)
    assert [(m.start, m.end) for m in found] == [
        (D(2023, 6, 24), None),
        (D(2024, 1, 21), D(2024, 1, 23)),
    ]
    assert [text[m.span[0] : m.span[1]] for m in found] == [m.text for m in found]
    assert found[0].text == "令和 5年 6月24日"
    assert found[1].text == "令和 6年 1月21日～23日"


def test_find_dates_skips_text_that_is_not_date_shaped():
    assert find_dates("16地区にて開催 全9回 延べ165人 令和5年度") == []


def test_find_dates_skips_dates_without_year():
    assert find_dates("8月22日と9月1日") == []


def test_find_dates_raises_on_a_date_shaped_text_that_is_no_date():
    with pytest.raises(CellError, match="2月30日"):
        find_dates("令和5年1月1日 (3人) 令和5年2月30日 (4人)")


def test_an_era_letter_inside_a_latin_word_is_no_era():
    assert find_dates("BR5.8.22") == []
