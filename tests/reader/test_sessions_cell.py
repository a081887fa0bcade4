import datetime

import pytest

from projects.reader.cells import parse_sessions
from projects.reader.records import CellError, SessionEntry, SessionsCell

D = datetime.date


def test_a_range_with_count_and_note():
    cell = parse_sessions("令和 5年 8月22日～10月31 日 (305人) 16地区にて開催")
    assert cell.sessions == (
        SessionEntry(
            start=D(2023, 8, 22), end=D(2023, 10, 31), participants=305, note="16地区にて開催"
        ),
    )


def test_a_count_with_thousands_separator_and_wrap_space():
    (session,) = parse_sessions("令和 5年 5月14日 (3,723 人)").sessions
    assert (session.start, session.participants, session.approximate) == (
        D(2023, 5, 14),
        3723,
        False,
    )


def test_an_approximate_count():
    (session,) = parse_sessions("令和 5年 7月30日 (約300 人)").sessions
    assert (session.participants, session.approximate) == (300, True)


def test_a_range_without_count_has_no_participants():
    cell = parse_sessions("令和 5年11月11日～13日")
    assert cell.sessions == (SessionEntry(start=D(2023, 11, 11), end=D(2023, 11, 13)),)
    assert cell.participants_total == 0


def test_dates_each_with_its_own_count_share_no_group():
    cell = parse_sessions(
        "令和 5年 9月 7日 (10人) 令和 5年11月 2日 (10人) "
        "令和 6年 1月11日 (10人) 令和 6年 3月 7日 (10人)"
    )
    assert [(s.start, s.participants, s.group) for s in cell.sessions] == [
        (D(2023, 9, 7), 10, 0),
        (D(2023, 11, 2), 10, 0),
        (D(2024, 1, 11), 10, 0),
        (D(2024, 3, 7), 10, 0),
    ]
    assert cell.participants_total == 40


def test_labels_and_dates_sharing_one_count():
    cell = parse_sessions(
        "・子ども会交流会 令和 5年 6月24日、令和 6年 1月21日 (46人) "
        "・子ども会スポーツ交流会 令和 5年10月 1日 (24人) "
        "・子ども芸術祭 令和 6年 2月17日～18日 (137人)"
    )
    assert [(s.label, s.start, s.end, s.participants, s.group) for s in cell.sessions] == [
        ("子ども会交流会", D(2023, 6, 24), None, 46, 1),
        ("子ども会交流会", D(2024, 1, 21), None, None, 1),
        ("子ども会スポーツ交流会", D(2023, 10, 1), None, 24, 0),
        ("子ども芸術祭", D(2024, 2, 17), D(2024, 2, 18), 137, 0),
    ]
    assert cell.participants_total == 207


def test_labels_without_space_before_the_count():
    cell = parse_sessions(
        "・庭木の剪定 令和5年10月14日(6人) ・内装 令和6年1月20日(10人) "
        "・日曜大工 令和6年2月18日(16人) ・左官 令和6年3月9日(10人)"
    )
    assert [(s.label, s.participants) for s in cell.sessions] == [
        ("庭木の剪定", 6),
        ("内装", 10),
        ("日曜大工", 16),
        ("左官", 10),
    ]


def test_the_unit_mei_and_the_closing_totals():
    cell = parse_sessions(
        "令和 5年 5月13日 (21名) 令和 5年 6月18日 (14名) 令和 6年 3月 2日 (19名) 全9回 延べ165人"
    )
    assert [s.unit for s in cell.sessions] == ["名", "名", "名"]
    assert (cell.reported_session_count, cell.reported_participants_total) == (9, 165)
    assert cell.participants_total == 54


def test_either_total_may_stand_alone():
    assert parse_sessions("令和5年5月13日 (21名) 延べ165人").reported_participants_total == 165
    assert parse_sessions("令和5年5月13日 (21名) 延べ165人").reported_session_count is None
    assert parse_sessions("令和5年5月13日 (21名) 全9回").reported_session_count == 9
    assert parse_sessions("令和5年5月13日 (21名) 全9回").reported_participants_total is None


def test_full_width_brackets_and_digits():
    (session,) = parse_sessions("令和５年５月１３日（約２１名）").sessions
    assert (session.start, session.participants, session.approximate, session.unit) == (
        D(2023, 5, 13),
        21,
        True,
        "名",
    )


def test_the_unit_of_a_shared_count_is_on_every_session_of_the_group():
    cell = parse_sessions("令和5年5月13日、令和5年5月14日 (21名)")
    assert [(s.participants, s.unit, s.group) for s in cell.sessions] == [
        (21, "名", 1),
        (None, "名", 1),
    ]


def test_a_date_after_a_count_stands_alone_without_count():
    cell = parse_sessions("令和5年5月13日 (21人) 令和5年5月14日")
    assert [(s.participants, s.group) for s in cell.sessions] == [(21, 0), (None, 0)]


def test_shared_groups_are_numbered_from_one_in_order():
    cell = parse_sessions(
        "令和5年5月13日、令和5年5月14日 (21人) 令和5年6月1日 (3人) "
        "令和5年7月1日、令和5年7月2日 (8人)"
    )
    assert [s.group for s in cell.sessions] == [1, 1, 0, 2, 2]


def test_already_clean_text_is_read_the_same():
    damaged = parse_sessions("令和 5年 8月22日～10月31 日 (305人) 16地区にて開催")
    clean = parse_sessions("令和5年8月22日～10月31日(305人)16地区にて開催")
    assert damaged == clean


def test_an_empty_cell_has_no_sessions():
    assert parse_sessions("") == SessionsCell(sessions=())
    assert parse_sessions(" \n") == SessionsCell(sessions=())


@pytest.mark.parametrize(
    "count", ["(約人)", "(人)", "(abc)", "(46)", "(3,72人)", "(名)", "(約３千人)"]
)
def test_a_count_that_is_no_number_is_an_error_naming_it(count):
    with pytest.raises(CellError) as raised:
        parse_sessions(f"令和5年8月22日 {count}")
    assert count in raised.value.reason


def test_text_that_is_nothing_known_is_an_error_naming_it():
    with pytest.raises(CellError, match="「雨天中止」"):
        parse_sessions("令和5年8月22日 雨天中止")
    with pytest.raises(CellError, match="「夏休み」"):
        parse_sessions("夏休み 令和5年8月22日 (3人)")


def test_a_count_without_date_is_an_error():
    with pytest.raises(CellError, match="人数の前に日付がありません"):
        parse_sessions("(10人)")
    with pytest.raises(CellError, match="人数の前に日付がありません"):
        parse_sessions("令和5年8月22日 (10人) (5人)")


def test_a_label_without_date_is_an_error():
    with pytest.raises(CellError, match="項目名の後に日付がありません"):
        parse_sessions("令和5年8月22日 (10人) ・子ども芸術祭")


def test_text_after_the_totals_is_an_error():
    with pytest.raises(CellError, match="合計"):
        parse_sessions("令和5年8月22日 (10人) 全1回 令和5年8月23日")


def test_a_total_written_twice_is_an_error():
    with pytest.raises(CellError, match="二度"):
        parse_sessions("令和5年8月22日 (10人) 全1回 全1回")


def test_totals_without_dates_are_an_error():
    with pytest.raises(CellError, match="日付がありません"):
        parse_sessions("全9回 延べ165人")


def test_a_date_without_year_is_an_error_asking_for_the_year():
    with pytest.raises(CellError, match="年から書いた日付"):
        parse_sessions("令和5年6月24日、1月21日 (46人)")


def test_a_date_that_does_not_exist_is_an_error():
    with pytest.raises(CellError, match="2月30日"):
        parse_sessions("令和6年2月30日 (3人)")


def test_dates_outside_the_fiscal_year_are_left_to_the_importer():
    (session,) = parse_sessions("令和3年5月1日 (3人)").sessions
    assert session.start == D(2021, 5, 1)
