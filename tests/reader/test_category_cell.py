import pytest

from projects.reader.cells import parse_category
from projects.reader.records import CellError


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("例年実施 (昭和62年頃から 継続実施)", ("annual", 1987)),
        ("例年実施 (平成23年頃から継 続実施)", ("annual", 2011)),
        ("例年実施", ("annual", None)),
        ("単年度(新規)実施", ("new", None)),
        ("2年に一度実施", ("biennial", None)),
        ("例年実施 (令和4年頃から継続実施)", ("annual", 2022)),
    ],
)
def test_it_reads_the_categories_of_the_seed(cell, expected):
    assert parse_category(cell) == expected


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("その他", ("other", None)),
        ("例年実施 (平成元年頃から継続実施)", ("annual", 1989)),
        ("例年実施（平成元年頃から継続実施）", ("annual", 1989)),
        ("例年実施　（昭和６２年頃から継続実施）", ("annual", 1987)),
        ("単年度（新規）実施", ("new", None)),
        ("２年に一度実施", ("biennial", None)),
        ("2年に一度実施 (平成10年頃から継続実施)", ("biennial", 1998)),
        ("例年実施 (2010年頃から継続実施)", ("annual", 2010)),
        ("例年実施 (平成10年から継続実施)", ("annual", 1998)),
    ],
)
def test_it_reads_full_width_brackets_and_digits_and_other_wordings(cell, expected):
    assert parse_category(cell) == expected


def test_a_since_year_alone_means_annual():
    assert parse_category("(平成元年頃から継続実施)") == ("annual", 1989)


@pytest.mark.parametrize(
    "cell", ["毎年", "例年実施済", "単年度", "新規", "例年実施 (頃から継続実施)"]
)
def test_it_rejects_unknown_wording_and_lists_the_accepted_ones(cell):
    with pytest.raises(
        CellError, match="「例年実施」、「単年度\\(新規\\)実施」、「2年に一度実施」、「その他」"
    ):
        parse_category(cell)


def test_it_rejects_a_since_year_that_does_not_exist():
    with pytest.raises(CellError, match="平成32年はありません"):
        parse_category("例年実施 (平成32年頃から継続実施)")


def test_it_rejects_a_since_year_on_a_new_project():
    with pytest.raises(CellError, match="継続実施」は書けません"):
        parse_category("単年度(新規)実施 (平成10年頃から継続実施)")


def test_it_rejects_an_empty_cell():
    with pytest.raises(CellError, match="実施区分が書かれていません"):
        parse_category("")
