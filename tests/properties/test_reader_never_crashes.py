"""Property-based tests: whatever text the reader is given, it returns records or clear errors.

For arbitrary text and for real rows of the seed with random damage, every reading function
either gives a result or raises the reader's own error (a reason in Japanese for the clerk);
never an unexpected exception that would reach a user as a traceback.
"""

import random

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from projects import layout
from projects.reader import cells, dates
from projects.reader.records import CellError, ReportReadError
from projects.reader.table import decode_source, read_report
from projects.wareki import WarekiError, read_year
from tests.factories import SEED

SEED_TEXT = SEED.read_text(encoding="utf-8")

# Text made of what reports are made of: kana, kanji of eras and units, digits of both widths,
# the report's punctuation, tabs and line breaks, plus anything else Unicode has.
REPORT_ALPHABET = (
    "令和平成昭和大正明治元年月日度頃から継続実施例年単年新規人名約延べ全回～〜-、。・：:"
    "()（）0123456789０１２３４５６７８９株公財特非社福町内会課室\t\n 　"
)
report_like = st.text(alphabet=st.sampled_from(REPORT_ALPHABET), max_size=80)
any_text = st.one_of(st.text(max_size=80), report_like)

QUICK = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _reads_or_refuses(function, text, *allowed):
    try:
        function(text)
    except (CellError, *allowed) as error:
        # A refusal says why, in words a clerk can read.
        assert str(error).strip(), f"{function.__name__} refused {text!r} without a reason"


@QUICK
@given(any_text)
@example("令和元年4月30日")
@example("令和５年１３月１日")
@example("2023年2月29日")
def test_the_name_category_partners_and_sessions_cells_never_crash(text):
    for parse in (cells.parse_name, cells.parse_category, cells.parse_partners):
        _reads_or_refuses(parse, text)
    _reads_or_refuses(cells.parse_sessions, text)


@QUICK
@given(any_text)
def test_dates_in_running_text_never_crash(text):
    try:
        dates.find_dates(text)
    except (CellError, WarekiError) as error:
        assert str(error).strip()


@QUICK
@given(any_text)
@example("令和99999999999999999999年度")
@example("０")
def test_a_year_is_read_or_refused_with_a_reason(text):
    _reads_or_refuses(read_year, text, WarekiError)


@QUICK
@given(st.binary(max_size=300))
def test_any_bytes_are_decoded_or_refused(data):
    _reads_or_refuses(decode_source, data, ReportReadError)


@QUICK
@given(st.text(max_size=400))
def test_any_text_is_a_report_or_a_list_of_reasons(text):
    try:
        read_report(text)
    except ReportReadError as error:
        assert error.errors, "refused without saying why"


def _damage(text: str, rng: random.Random, edits: int) -> str:
    chars = list(text)
    for _ in range(edits):
        where = rng.randrange(len(chars) + 1)
        kind = rng.choice(("delete", "insert", "replace", "swap"))
        if kind == "delete" and where < len(chars):
            del chars[where]
        elif kind == "insert":
            chars.insert(where, rng.choice(REPORT_ALPHABET + "\t\n"))
        elif kind == "replace" and where < len(chars):
            chars[where] = rng.choice(REPORT_ALPHABET)
        elif kind == "swap" and where + 1 < len(chars):
            chars[where], chars[where + 1] = chars[where + 1], chars[where]
    return "".join(chars)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(min_value=0, max_value=2**32), st.integers(min_value=1, max_value=12))
def test_the_seed_with_random_damage_is_read_or_refused_row_by_row(seed, edits):
    damaged = _damage(SEED_TEXT, random.Random(seed), edits)
    try:
        table = read_report(damaged)
    except ReportReadError as error:
        assert error.errors
        for problem in error.errors:
            assert problem.row and problem.reason  # where and why, for the clerk
        return
    parsers = {
        layout.NAME: cells.parse_name,
        layout.CATEGORY: cells.parse_category,
        layout.PARTNERS: cells.parse_partners,
        layout.SESSIONS: cells.parse_sessions,
    }
    for row in table.rows:
        for column, parse in parsers.items():
            _reads_or_refuses(parse, row.cells[column])
