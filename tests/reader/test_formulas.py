"""Formula injection: neutralised on export, restored on import, exactly."""

import pytest

from projects.formulas import neutralise, restore


@pytest.mark.parametrize("text", ["=1+1", "+81-144", "-5人", "@SUM(A1)", "\tタブ", "\r改行"])
def test_a_cell_starting_with_a_formula_character_gets_a_quote_in_front(text):
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("text", ["まちかどミーティング", "82町内会", "'80年代の歌", "", "a=b"])
def test_any_other_cell_is_left_as_it_is(text):
    assert neutralise(text) == text
    assert restore(text) == text


@pytest.mark.parametrize(
    "text", ["=1+1", "-5人", "@x", "\tx", "'=already quoted", "''+two quotes", "'80年代", "plain"]
)
def test_restoring_a_neutralised_cell_gives_back_the_original_text(text):
    assert restore(neutralise(text)) == text


def test_restore_removes_exactly_one_quote_before_a_formula_character():
    assert restore("'=1+1") == "=1+1"
    assert restore("''=1+1") == "'=1+1"


def test_values_that_are_not_text_pass_through_both_ways():
    assert neutralise(5) == 5
    assert restore(None) is None
