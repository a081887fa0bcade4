"""Dates in report cells: 「令和5年8月22日」, 「令和 5年 8月22日～10月31 日」, 「R5.8.22」,
「2023/8/22」.

A date names its year (era year or western year). The end of a range may leave out what it
shares with the start: 「8月22日～10月31日」 takes the era and year, 「11月11日～13日」 the
month too.
An end that leaves out the year and would fall before the start is in the next year
(「令和5年12月28日～1月5日」 ends on 2024-01-05); an end that names its year and falls before the
start is an error. A weekday in brackets after a date (「8月22日(火)」) is read and checked.
"""

import datetime
import functools
import re
from dataclasses import dataclass

from kyodo.limits import MAX_YEAR, MIN_YEAR
from projects.wareki import (
    ERA_ABBREVIATION_PATTERN,
    ERA_PATTERN,
    ERAS,
    WarekiError,
    era_date,
    era_named,
    parse_era_year,
)

from .records import CellError
from .text import fold, key

_S = r"\s*"
_ERA = rf"(?<![A-Za-z])(?P<era>{ERA_PATTERN})"
_ERA_YEAR = r"(?P<era_year>元|\d{1,2})"
_MONTH = r"(?P<month>\d{1,2})"
_DAY = r"(?P<day>\d{1,2})(?!\d)"
_KANJI_MONTH_DAY = rf"{_MONTH}{_S}月{_S}{_DAY}{_S}日"

# Dates that name their year, in the forms the reports use.
_FULL_FORMS = (
    # 令和5年8月22日, 令和 5年 8月22日, 令和元年5月1日, R5年8月22日
    re.compile(rf"{_ERA}{_S}{_ERA_YEAR}{_S}年{_S}{_KANJI_MONTH_DAY}"),
    # R5.8.22, H31.4.30
    re.compile(
        rf"(?<![A-Za-z])(?P<era>{ERA_ABBREVIATION_PATTERN}){_S}{_ERA_YEAR}\.{_MONTH}\.{_DAY}(?![.\d])"
    ),
    # 2023年8月22日
    re.compile(rf"(?<!\d)(?P<year>\d{{4}}){_S}年{_S}{_KANJI_MONTH_DAY}"),
    # 2023/8/22, 2023-08-22, 2023.8.22
    re.compile(
        r"(?<![\d.])(?P<year>\d{4})(?P<sep>[/.-])(?P<month>\d{1,2})(?P=sep)(?P<day>\d{1,2})(?![\d.])"
    ),
)
# The end of a range may leave out the year (8月22日, 8/22) or the year and month (22日).
_PARTIAL_FORMS = (
    re.compile(_KANJI_MONTH_DAY),
    re.compile(rf"{_DAY}{_S}日"),
    re.compile(r"(?P<month>\d{1,2})[/.](?P<day>\d{1,2})(?![\d./])"),
)
# Every full form begins with the first character of an era's name, an era's letter or four
# digits (a western year): find_dates jumps from one such start to the next (trying every form
# at every position of the cell was a third of an import's reading).
_CANDIDATE = re.compile(
    rf"[{re.escape(''.join(dict.fromkeys(era.name[0] for era in ERAS)))}]"
    rf"|{ERA_ABBREVIATION_PATTERN}|\d{{4}}"
)
_RANGE_MARK = re.compile(rf"{_S}[~～〜]{_S}")
_WEEKDAY = re.compile(rf"{_S}\({_S}(?P<weekday>[月火水木金土日])(?:曜日?)?{_S}\)")
_WEEKDAYS = "月火水木金土日"


@dataclass(frozen=True)
class DateMatch:
    """A date or a range of dates found in a text."""

    span: tuple[int, int]  # where in the text (start, stop), as for re.Match.span()
    start: datetime.date
    end: datetime.date | None  # the last day of a range; None for one day
    text: str  # the text as written


@dataclass(frozen=True)
class _Parts:
    """The fields of one written date; None where the text leaves them out."""

    era: str | None
    era_year: int | None
    year: int | None
    month: int | None
    day: int
    span: tuple[int, int]


# A year's report writes the same few hundred dates thousands of times: each is worked out
# once (an error is raised again each time: lru_cache keeps only results).
_era_name = functools.lru_cache(maxsize=64)(lambda era: era_named(era).name)
_era_year = functools.lru_cache(maxsize=256)(parse_era_year)
_era_date = functools.lru_cache(maxsize=4096)(era_date)


def _parts(match: re.Match) -> _Parts:
    groups = match.groupdict()
    era = groups.get("era")
    return _Parts(
        era=_era_name(era) if era else None,
        era_year=_era_year(groups["era_year"]) if era else None,
        year=int(groups["year"]) if groups.get("year") else None,
        month=int(groups["month"]) if groups.get("month") else None,
        day=int(groups["day"]),
        span=match.span(),
    )


def _western_date(year: int, month: int, day: int, written: str) -> datetime.date:
    # The register's dates begin with 明治 (its years and its messages are in 和暦): an earlier
    # one is refused here, before anything tries to name it in an era.
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise CellError(
            f"「{written}」：登録できるのは明治元年（{MIN_YEAR}年）から{MAX_YEAR}年までの日付です。",
            text=written,
        )
    if not 1 <= month <= 12:
        raise CellError(f"「{written}」：{month}月という月はありません。", text=written)
    try:
        return datetime.date(year, month, day)
    except ValueError:
        raise CellError(f"「{written}」という日はありません。", text=written) from None


def _date_of(
    era: str | None, era_year: int | None, year: int | None, month: int, day: int, written: str
) -> datetime.date:
    """An era date when era is given, else a western one; errors as CellError naming written."""
    if era is None:
        assert year is not None
        return _western_date(year, month, day, written)
    assert era_year is not None
    try:
        return _era_date(era, era_year, month, day)
    except WarekiError as error:
        reason = str(error)  # names the date already, unless written differs (an inherited year)
        written_year = "元" if era_year == 1 and "元" in written else era_year
        if key(f"{era}{written_year}年{month}月{day}日") != key(written):
            reason = f"「{written}」：{reason}"
        raise CellError(reason, text=written) from None


def _weekday_after(folded: str, text: str, begin: int, position: int, date: datetime.date) -> int:
    """Read a weekday 「(火)」 at position and check it; the position after it (or position)."""
    match = _WEEKDAY.match(folded, position)
    if match is None:
        return position
    actual = _WEEKDAYS[date.weekday()]
    if match["weekday"] != actual:
        shown = text[begin : match.end()].strip()
        raise CellError(
            f"「{shown}」：{date.month}月{date.day}日は{actual}曜日です"
            f"（{match['weekday']}曜日と書かれています）。",
            text=shown,
        )
    return match.end()


def _full_at(folded: str, position: int) -> _Parts | None:
    for form in _FULL_FORMS:
        if match := form.match(folded, position):
            return _parts(match)
    return None


def _end_of_range(
    folded: str, text: str, begin: int, position: int, first: _Parts, start: datetime.date
) -> tuple[datetime.date, int] | None:
    """The end of a range whose mark 「～」 ends at position, or None when no date follows.

    begin is where the range starts in text (for messages).
    """
    if (parts := _full_at(folded, position)) is not None:
        written = text[begin : parts.span[1]]
        assert parts.month is not None
        end = _date_of(parts.era, parts.era_year, parts.year, parts.month, parts.day, written)
        if end < start:
            raise CellError(f"「{written}」：終わりの日が始まりの日より前です。", text=written)
        return end, parts.span[1]
    for form in _PARTIAL_FORMS:
        match = form.match(folded, position)
        if match is None:
            continue
        parts = _parts(match)
        written = text[begin : match.end()]
        if parts.month is None:  # 「13日」: in the year and month of the start
            end = _western_date(start.year, start.month, parts.day, written)
            if end < start:
                raise CellError(
                    f"「{written}」：終わりの日が始まりの日より前です（月も書いてください）。",
                    text=written,
                )
            return end, match.end()
        # 「10月31日」: in the era and year of the start, or in the next year if it ran backwards
        assert parts.month is not None
        later = 1 if (parts.month, parts.day) < (start.month, start.day) else 0
        era_year = first.era_year + later if first.era_year is not None else None
        end = _date_of(first.era, era_year, start.year + later, parts.month, parts.day, written)
        return end, match.end()
    return None


def _match_at(folded: str, text: str, position: int) -> DateMatch | None:
    """A date or a range beginning exactly at position, or None."""
    parts = _full_at(folded, position)
    if parts is None:
        return None
    begin, stop = parts.span
    assert parts.month is not None
    start = _date_of(
        parts.era, parts.era_year, parts.year, parts.month, parts.day, text[begin:stop]
    )
    stop = _weekday_after(folded, text, begin, stop, start)
    end = None
    if mark := _RANGE_MARK.match(folded, stop):
        found = _end_of_range(folded, text, begin, mark.end(), parts, start)
        if found is None:
            written = text[begin : mark.end()].strip()
            raise CellError(f"「{written}」：～の後に終わりの日がありません。", text=written)
        end, stop = found
        stop = _weekday_after(folded, text, begin, stop, end)
        if end == start:
            end = None
    return DateMatch((begin, stop), start, end, text[begin:stop])


def find_dates(text: str) -> list[DateMatch]:
    """Every date and range of the text, in order, with its place (text is not cleaned here).

    A date must name its year: 「8月22日」 alone is skipped (only the end of a range may leave
    the year out). A date-shaped text that is no date (令和5年2月30日, 13月) raises CellError;
    text that is not date-shaped is skipped: the caller decides what it is.
    """
    folded = fold(text)
    found: list[DateMatch] = []
    position = 0
    while (candidate := _CANDIDATE.search(folded, position)) is not None:
        position = candidate.start()
        match = _match_at(folded, text, position)
        if match is None:
            position += 1
            continue
        found.append(match)
        position = match.span[1]
    return found
