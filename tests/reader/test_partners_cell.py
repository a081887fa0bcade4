import pytest

from projects.reader.cells import parse_partners
from projects.reader.records import CellError, PartnerEntry


def names(cell):
    return [partner.name for partner in parse_partners(cell)]


def test_it_splits_on_the_ideographic_comma_and_repairs_wrapping():
    cell = (
        "ノーザンホースパーク マラソン実行委員会、 (公財) 苫小牧市ス ポーツ協会、安平町、 "
        "安平町体育協会、安平 町教育委員会"
    )
    assert names(cell) == [
        "ノーザンホースパークマラソン実行委員会",
        "公益財団法人苫小牧市スポーツ協会",
        "安平町",
        "安平町体育協会",
        "安平町教育委員会",
    ]


def test_written_as_is_the_cleaned_text_as_printed():
    partner = parse_partners("(公財) 苫小牧市ス ポーツ協会")[0]
    assert partner == PartnerEntry(
        name="公益財団法人苫小牧市スポーツ協会",
        written_as="(公財) 苫小牧市スポーツ協会",
        legal_form="公益財団法人",
    )


@pytest.mark.parametrize("separator", ["、", "，", ",", "、 "])
def test_it_splits_on_every_comma(separator):
    assert names(f"苫小牧商工会議所{separator}苫小牧市男女平等参画推進センター") == [
        "苫小牧商工会議所",
        "苫小牧市男女平等参画推進センター",
    ]


def test_it_never_splits_on_a_plain_space():
    assert names("QCサークル北海道支部 苫小牧・千歳地区") == [
        "QCサークル北海道支部苫小牧・千歳地区"
    ]
    assert names("えがおの花咲く写真展 in 苫小牧2023実行委員会") == [
        "えがおの花咲く写真展 in 苫小牧2023実行委員会"
    ]


def test_a_role_label_applies_to_every_partner_up_to_the_next_label():
    cell = (
        "一般社団法人苫小牧地域職業訓練センター運営協会 庭木の剪定：苫小牧造園協同組合 "
        "内装：苫小牧内装業協会 日曜大工：苫小牧建築大工技能士会、苫小牧塗装工業協同組合 "
        "左官：苫小牧地方左官協同組合"
    )
    assert [(p.name, p.role) for p in parse_partners(cell)] == [
        ("一般社団法人苫小牧地域職業訓練センター運営協会", ""),
        ("苫小牧造園協同組合", "庭木の剪定"),
        ("苫小牧内装業協会", "内装"),
        ("苫小牧建築大工技能士会", "日曜大工"),
        ("苫小牧塗装工業協同組合", "日曜大工"),
        ("苫小牧地方左官協同組合", "左官"),
    ]


def test_a_role_label_may_use_an_ascii_colon_or_follow_a_comma():
    partners = parse_partners("主催: 苫小牧市、協力:(株)苫東")
    assert [(p.name, p.role) for p in partners] == [("苫小牧市", "主催"), ("株式会社苫東", "協力")]


def test_the_role_label_is_not_part_of_written_as():
    assert parse_partners("内装：苫小牧内装業協会")[0].written_as == "苫小牧内装業協会"


def test_a_role_label_without_body_is_an_error():
    with pytest.raises(CellError, match="「内装：」の後に団体名がありません"):
        parse_partners("苫小牧造園協同組合 内装：")
    with pytest.raises(CellError, match="「内装：」の後に団体名がありません"):
        parse_partners("内装：、左官：苫小牧地方左官協同組合")


def test_a_leading_count_before_a_collective_noun_is_the_count():
    partner = parse_partners("82町内会")[0]
    assert (partner.name, partner.written_as, partner.count) == ("町内会", "町内会", 82)


@pytest.mark.parametrize(
    ("cell", "name", "count"),
    [("12 自治会", "自治会", 12), ("５企業", "企業", 5), ("3社", "社", 3), ("15団体", "団体", 15)],
)
def test_the_count_is_read_before_every_collective_noun(cell, name, count):
    partner = parse_partners(cell)[0]
    assert (partner.name, partner.count) == (name, count)


def test_a_name_starting_with_digits_stays_whole():
    partner = parse_partners("21世紀の森づくり協議会")[0]
    assert (partner.name, partner.count) == ("21世紀の森づくり協議会", None)


def test_a_legal_form_without_name_is_an_error():
    with pytest.raises(CellError, match="団体名がありません"):
        parse_partners("苫小牧市、(株)")


def test_an_empty_cell_has_no_partners():
    assert parse_partners("") == []
    assert parse_partners(" \u3000\n") == []


def test_empty_pieces_between_commas_are_not_partners():
    assert names("苫小牧市、、安平町、") == ["苫小牧市", "安平町"]


def test_a_time_is_not_a_role_label():
    assert [p.role for p in parse_partners("苫小牧市 10:00集合")] == [""]
