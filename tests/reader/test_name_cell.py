import pytest

from projects.reader.cells import parse_name
from projects.reader.records import CellError


@pytest.mark.parametrize(
    ("cell", "name", "department"),
    [
        (
            "まちかどミー ティング (協働・男女平 等参画室)",
            "まちかどミーティング",
            "協働・男女平等参画室",
        ),
        (
            "令和5年度 移動工業試験場(苫小牧) (テクノセンター)",
            "令和5年度移動工業試験場(苫小牧)",
            "テクノセンター",
        ),
        (
            "「さいとうしのぶさんの親子絵本ライブ&サイン会」(さいとうしのぶさん講演会)"
            " (生涯学習課)",
            "「さいとうしのぶさんの親子絵本ライブ&サイン会」(さいとうしのぶさん講演会)",
            "生涯学習課",
        ),
        (
            "パブリックビューイングinプラネタリウム(科学センター)",
            "パブリックビューイングinプラネタリウム",
            "科学センター",
        ),
        (
            "ノーザンホース パークマラソン 2023 (スポーツ都市 推進課)",
            "ノーザンホースパークマラソン 2023",
            "スポーツ都市推進課",
        ),
        ("子ども広報部「びとこま」(美術博物館)", "子ども広報部「びとこま」", "美術博物館"),
    ],
)
def test_the_department_is_the_last_bracketed_group_of_the_seed(cell, name, department):
    assert parse_name(cell) == (name, department)


def test_full_width_brackets_are_read():
    assert parse_name("市民塾（生涯学習課）") == ("市民塾", "生涯学習課")


def test_mixed_brackets_are_read():
    assert parse_name("市民塾（生涯学習課)") == ("市民塾", "生涯学習課")


def test_brackets_inside_the_department_are_kept():
    assert parse_name("市民塾 (市民生活課(消費生活センター))") == (
        "市民塾",
        "市民生活課(消費生活センター)",
    )


def test_a_trailing_space_after_the_department_is_ignored():
    assert parse_name("市民塾 (生涯学習課)  \u3000") == ("市民塾", "生涯学習課")


@pytest.mark.parametrize(
    "cell", ["まちかどミーティング", "市民塾 (生涯学習課) 追記", "(生涯学習課)市民塾"]
)
def test_it_rejects_a_name_without_department_at_the_end(cell):
    with pytest.raises(CellError, match="担当課が名称の後に"):
        parse_name(cell)


def test_it_rejects_an_empty_department():
    with pytest.raises(CellError, match="中が空です"):
        parse_name("市民塾 ( )")


def test_it_rejects_a_department_without_name():
    with pytest.raises(CellError, match="名称がありません"):
        parse_name("(生涯学習課)")


def test_it_rejects_an_unclosed_bracket():
    with pytest.raises(CellError, match="閉じていません"):
        parse_name("市民塾 生涯学習課)")


def test_it_rejects_an_empty_cell():
    with pytest.raises(CellError, match="書かれていません"):
        parse_name(" ")
