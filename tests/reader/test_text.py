import pytest

from projects.reader.text import clean, collapse, fold, key


@pytest.mark.parametrize(
    ("damaged", "repaired"),
    [
        ("まちかどミー ティング", "まちかどミーティング"),
        ("協働・男女平 等参画室", "協働・男女平等参画室"),
        ("ラン1 0km", "ラン10km"),
        ("苫小牧市ス ポーツ協会", "苫小牧市スポーツ協会"),
        ("例年実施 (昭和62年頃から 継続実施)", "例年実施 (昭和62年頃から継続実施)"),
        ("「庭木の剪定」 「内装」", "「庭木の剪定」「内装」"),
        ("（株） 苫東", "（株）苫東"),
        ("１ ２人", "１２人"),
        ("1 ２", "1２"),
    ],
)
def test_it_removes_the_wrap_space_between_two_cjk_characters_or_two_digits(damaged, repaired):
    assert clean(damaged) == repaired


@pytest.mark.parametrize(
    "text",
    [
        "えがおの花咲く写真展 in 苫小牧2023実行委員会",
        "2.5 kmペアラン",
        "備えるフェスタ2023 inとまこまい",
        "Hello world",
        "令和 5年 8月22日",
        "(公財) 苫小牧市",
    ],
)
def test_it_keeps_the_space_next_to_latin_words_digits_and_ascii_brackets(text):
    assert clean(text) == text


def test_it_collapses_ideographic_spaces_tabs_and_newlines_to_one_space():
    assert clean("in\u3000\u3000苫小牧\t\n2023") == "in 苫小牧 2023"


def test_it_removes_an_ideographic_space_between_kanji():
    assert clean("苫小牧\u3000市") == "苫小牧市"


def test_it_strips_the_ends():
    assert clean("  \u3000まちかど \n") == "まちかど"


def test_it_keeps_the_characters_as_printed_without_nfkc():
    assert clean("㈱苫東 ～ ＡＢＣ") == "㈱苫東～ＡＢＣ"


def test_collapse_keeps_the_wrap_spaces():
    assert collapse("まちかどミー\u3000 ティング\n") == "まちかどミー ティング"


def test_fold_turns_full_width_ascii_to_ascii_without_changing_the_length():
    text = "（４６人）～〜：①㈱"
    assert fold(text) == "(46人)~~:①㈱"
    assert len(fold(text)) == len(text)


def test_key_makes_two_spellings_of_one_name_equal():
    assert key("(株) 苫東") == key("㈱苫東") == key("（株）苫 東") == "(株)苫東"


def test_key_tells_different_names_apart():
    assert key("㈱苫東") != key("㈲苫東")
