import datetime

import pytest

from projects.wareki import (
    WarekiError,
    era_date,
    era_named,
    era_of_date,
    era_of_year,
    fiscal_year_bounds,
    fiscal_year_label,
    fiscal_year_of,
    format_date,
    format_year,
    parse_era_year,
    read_year,
    western_year,
)


def test_it_finds_an_era_by_name_or_abbreviation():
    assert era_named("令和").first_year == 2019
    assert era_named("R") is era_named("令和")
    assert era_named("ｈ").name == "平成"


def test_it_rejects_an_unknown_era():
    with pytest.raises(WarekiError, match="元号として読めません"):
        era_named("光文")


@pytest.mark.parametrize(("text", "year"), [("元", 1), ("5", 5), ("５", 5), (" 62 ", 62)])
def test_it_reads_an_era_year_with_gannen_and_full_width_digits(text, year):
    assert parse_era_year(text) == year


@pytest.mark.parametrize("text", ["五", "", "0", "-1"])
def test_it_rejects_an_era_year_that_is_no_number(text):
    with pytest.raises(WarekiError):
        parse_era_year(text)


@pytest.mark.parametrize(
    ("era", "era_year", "year"),
    [
        ("昭和", 62, 1987),
        ("平成", 1, 1989),
        ("平成", 31, 2019),
        ("令和", 1, 2019),
        ("令和", 5, 2023),
    ],
)
def test_it_converts_an_era_year_to_the_western_year(era, era_year, year):
    assert western_year(era, era_year) == year


def test_it_rejects_a_year_after_the_era_ended():
    with pytest.raises(WarekiError, match="平成32年はありません"):
        western_year("平成", 32)


def test_the_first_day_of_an_era_exists():
    assert era_date("令和", 1, 5, 1) == datetime.date(2019, 5, 1)
    assert era_date("平成", 1, 1, 8) == datetime.date(1989, 1, 8)


def test_the_last_day_of_an_era_exists():
    assert era_date("平成", 31, 4, 30) == datetime.date(2019, 4, 30)
    assert era_date("昭和", 64, 1, 7) == datetime.date(1989, 1, 7)


def test_it_rejects_a_date_before_the_era():
    with pytest.raises(WarekiError, match="令和の始まり"):
        era_date("令和", 1, 4, 30)


def test_it_rejects_a_date_after_the_next_era_began():
    with pytest.raises(WarekiError, match="令和に改元"):
        era_date("平成", 31, 5, 1)


def test_it_rejects_a_month_that_does_not_exist():
    with pytest.raises(WarekiError, match="13月という月はありません"):
        era_date("令和", 5, 13, 1)


def test_it_rejects_a_day_that_does_not_exist():
    with pytest.raises(WarekiError, match="令和5年2月30日という日はありません"):
        era_date("令和", 5, 2, 30)


def test_it_accepts_february_29_of_a_leap_year_only():
    assert era_date("令和", 6, 2, 29) == datetime.date(2024, 2, 29)
    with pytest.raises(WarekiError):
        era_date("令和", 5, 2, 29)


def test_it_formats_a_date_without_zero_padding():
    assert format_date(datetime.date(2023, 8, 2)) == "令和5年8月2日"


def test_it_formats_the_first_year_as_gannen():
    assert format_date(datetime.date(2019, 5, 1)) == "令和元年5月1日"
    assert format_date(datetime.date(2019, 4, 30)) == "平成31年4月30日"


def test_it_formats_the_end_of_a_range_without_year_or_month():
    date = datetime.date(2023, 10, 31)
    assert format_date(date, year=False) == "10月31日"
    assert format_date(date, year=False, month=False) == "31日"


def test_it_refuses_a_date_before_meiji():
    with pytest.raises(WarekiError, match="明治より前"):
        era_of_date(datetime.date(1868, 10, 22))


def test_a_date_or_year_before_meiji_is_written_in_western_form_for_a_message():
    assert format_date(datetime.date(1600, 5, 14)) == "1600年5月14日"
    assert format_date(datetime.date(1868, 4, 1)) == "1868年4月1日"
    assert format_date(datetime.date(1868, 10, 23)) == "明治元年10月23日"
    assert format_year(1600) == "1600年"
    assert fiscal_year_label(1600) == "1600年度"


def test_a_year_is_named_by_the_era_begun_in_it():
    assert era_of_year(2019).name == "令和"
    assert format_year(1987) == "昭和62年"
    assert format_year(1989) == "平成元年"


def test_it_labels_a_fiscal_year():
    assert fiscal_year_label(2023) == "令和5年度"
    assert fiscal_year_label(2019) == "令和元年度"


def test_a_fiscal_year_runs_from_april_to_march():
    assert fiscal_year_bounds(2023) == (datetime.date(2023, 4, 1), datetime.date(2024, 3, 31))


def test_a_date_in_january_to_march_belongs_to_the_previous_fiscal_year():
    assert fiscal_year_of(datetime.date(2024, 3, 31)) == 2023
    assert fiscal_year_of(datetime.date(2024, 4, 1)) == 2024


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("令和5年度", 2023),
        ("令和５年度", 2023),
        ("令和元年", 2019),
        ("昭和62年", 1987),
        ("R5", 2023),
        ("2023年度", 2023),
        (" 平成 23 年 ", 2011),
        ("令和 5年 度", 2023),  # a title line wrapped by the PDF
        ("R5年度", 2023),
    ],
)
def test_it_reads_a_year_or_a_fiscal_year(text, year):
    assert read_year(text) == year


@pytest.mark.parametrize("text", ["令和", "来年度", "5年度", "令和5年8月"])
def test_it_rejects_text_that_is_no_year(text):
    with pytest.raises(WarekiError, match="年として読めません"):
        read_year(text)


def test_it_rejects_a_year_read_after_its_era_ended():
    with pytest.raises(WarekiError, match="平成32年はありません"):
        read_year("平成32年度")
