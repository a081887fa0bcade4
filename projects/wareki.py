"""Japanese eras (和暦): conversion, validation and formatting.

A small converter of our own. japanera, the library we looked at, does refuse dates that never
existed (令和元年4月30日), but it cannot read full-width digits (令和５年) and it parses a whole
string by a format, not a date inside running text (「令和5年8月22日～10月31日 (305人)」), which is
how a report writes its dates. Our messages are Japanese: they reach clerks unchanged.
"""

import datetime
import functools
import re
import unicodedata
from dataclasses import dataclass


class WarekiError(ValueError):
    """A date or year that cannot be written or read in the era calendar."""


@dataclass(frozen=True)
class Era:
    name: str
    abbreviation: str
    first_day: datetime.date

    @property
    def first_year(self) -> int:
        return self.first_day.year


ERAS: tuple[Era, ...] = (
    Era("明治", "M", datetime.date(1868, 10, 23)),
    Era("大正", "T", datetime.date(1912, 7, 30)),
    Era("昭和", "S", datetime.date(1926, 12, 25)),
    Era("平成", "H", datetime.date(1989, 1, 8)),
    Era("令和", "R", datetime.date(2019, 5, 1)),
)
_BY_NAME = {era.name: era for era in ERAS} | {era.abbreviation: era for era in ERAS}

# Regular expressions for the eras, all made from ERAS: the names (令和), the abbreviations
# (R, r: only in cells that hold a date or a year alone, where a letter cannot be part of a
# word), and either. Every reader builds on these.
ERA_NAME_PATTERN = "|".join(era.name for era in ERAS)
ERA_ABBREVIATION_PATTERN = f"[{''.join(e.abbreviation + e.abbreviation.lower() for e in ERAS)}]"
ERA_PATTERN = f"{ERA_NAME_PATTERN}|{ERA_ABBREVIATION_PATTERN}"
# A year written out: an era year (令和5, 令和元, R5; full-width digits too) or a western one.
# year_of turns a match into the western year.
YEAR_PATTERN = rf"(?:(?P<era>{ERA_PATTERN})\s*(?P<era_year>元|\d+)|(?P<western>\d{{4}}))"


def era_named(name: str) -> Era:
    key = unicodedata.normalize("NFKC", name).strip().upper()
    try:
        return _BY_NAME[key]
    except KeyError:
        raise WarekiError(f"「{name}」は元号として読めません。") from None


def _next_era(era: Era) -> Era | None:
    index = ERAS.index(era)
    return ERAS[index + 1] if index + 1 < len(ERAS) else None


def parse_era_year(text: str) -> int:
    """「元」 or a number (full-width digits too) to the era year."""
    text = unicodedata.normalize("NFKC", text).strip()
    if text == "元":
        return 1
    if not text.isdigit():
        raise WarekiError(f"「{text}」は年として読めません。")
    year = int(text)
    if year < 1:
        raise WarekiError(f"{text}年という年はありません。")
    return year


def western_year(era: Era | str, era_year: int) -> int:
    """Western year of an era year, refusing years after the era ended (平成32年)."""
    if isinstance(era, str):
        era = era_named(era)
    if era_year < 1:
        raise WarekiError(f"{era.name}{era_year}年という年はありません。")
    year = era.first_year + era_year - 1
    following = _next_era(era)
    if following is not None and year > following.first_year:
        raise WarekiError(
            f"{era.name}{era_year}年はありません（{era.name}は{following.first_year}年に"
            f"{following.name}に改元）。"
        )
    return year


def era_date(era: Era | str, era_year: int, month: int, day: int) -> datetime.date:
    """The date of 令和5年8月22日; refuses dates that do not exist or fall outside the era."""
    if isinstance(era, str):
        era = era_named(era)
    year = western_year(era, era_year)
    label = f"{era.name}{_year_text(era_year)}年{month}月{day}日"
    if not 1 <= month <= 12:
        raise WarekiError(f"{label}：{month}月という月はありません。")
    try:
        date = datetime.date(year, month, day)
    except ValueError:
        raise WarekiError(f"{label}という日はありません。") from None
    if date < era.first_day:
        raise WarekiError(
            f"{label}は{era.name}の始まり（{format_date(era.first_day)}）より前です。"
        )
    following = _next_era(era)
    if following is not None and date >= following.first_day:
        raise WarekiError(
            f"{label}はありません（{format_date(following.first_day)}に{following.name}に改元）。"
        )
    return date


def year_of(match: re.Match) -> int:
    """The western year of a match of YEAR_PATTERN; a year after its era ended is refused."""
    if western := match.groupdict().get("western"):
        return int(unicodedata.normalize("NFKC", western))
    return western_year(era_named(match["era"]), parse_era_year(match["era_year"]))


_YEAR = re.compile(rf"{YEAR_PATTERN}(?:年度?|度)?")


def read_year(text: str) -> int:
    """The western year of 「令和5年」, 「令和元年度」, 「R5」, 「昭和62年」 or 「2023年度」.

    Full-width digits and spaces anywhere are read; a year after its era ended (平成32年) is
    refused. A fiscal year (年度) is named by the year it begins in, so 令和5年度 is 2023 too.
    """
    normal = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
    match = _YEAR.fullmatch(normal)
    if match is None:
        raise WarekiError(f"「{text}」は年として読めません（例：令和5年、2023年）。")
    return year_of(match)


def era_of_date(date: datetime.date) -> Era:
    if date < ERAS[0].first_day:
        raise WarekiError(f"{date:%Y年%m月%d日}は明治より前で、和暦で表せません。")
    return next(era for era in reversed(ERAS) if date >= era.first_day)


def era_of_year(year: int) -> Era:
    """The era a whole year (or fiscal year) is named by: the latest one begun in or before it.

    So 2019 is 令和元年 (令和元年度) and 1989 平成元年; the label reads back to the same year.
    """
    if year < ERAS[0].first_year:
        raise WarekiError(f"{year}年は明治より前で、和暦で表せません。")
    return next(era for era in reversed(ERAS) if year >= era.first_year)


def _year_text(era_year: int) -> str:
    return "元" if era_year == 1 else str(era_year)


@functools.lru_cache(maxsize=8192)  # a year's export writes the same few hundred dates
def format_date(date: datetime.date, *, year: bool = True, month: bool = True) -> str:
    """令和5年8月22日, no zero padding; without year (8月22日) or month (22日) for range ends.

    A date before 明治 (1868年10月23日), which no era of the register names, is written in
    western form (1868年4月1日): it only ever appears in a message refusing it, and a message
    must be built for every input.
    """
    text = f"{date.day}日"
    if month or year:
        text = f"{date.month}月" + text
    if year and date < ERAS[0].first_day:
        text = f"{date.year}年" + text
    elif year:
        era = era_of_date(date)
        text = f"{era.name}{_year_text(date.year - era.first_year + 1)}年" + text
    return text


@functools.lru_cache(maxsize=512)
def format_year(year: int) -> str:
    """昭和62年 for 1987 (a year before 明治, in a message refusing it: 1600年)."""
    if year < ERAS[0].first_year:
        return f"{year}年"
    era = era_of_year(year)
    return f"{era.name}{_year_text(year - era.first_year + 1)}年"


def fiscal_year_label(fiscal_year: int) -> str:
    """令和5年度 for 2023."""
    return format_year(fiscal_year) + "度"


def fiscal_year_bounds(fiscal_year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(fiscal_year, 4, 1), datetime.date(fiscal_year + 1, 3, 31)


def fiscal_year_of(date: datetime.date) -> int:
    return date.year if date.month >= 4 else date.year - 1


def outside_fiscal_year(fiscal_year: int, start: datetime.date, end: datetime.date | None = None):
    """Why a session from start to end does not lie in the fiscal year, or None when it does.

    The one wording of this rule, for the change form, the model and the importer alike.
    """
    first, last = fiscal_year_bounds(fiscal_year)
    if first <= start and (end or start) <= last:
        return None
    return (
        f"実施日は{fiscal_year_label(fiscal_year)}（{format_date(first)}～"
        f"{format_date(last)}）の中にしてください。"
    )


# A year inside running text, such as a project's name: 「令和5年度 市民塾」, 「マラソン2023」.
# Era years are written with their era's name (an abbreviation is too likely a letter of a name);
# a western year is four digits standing alone (not part of a longer number such as 10000).
_ERA_YEAR_IN_TEXT = re.compile(
    rf"(?P<era>{ERA_NAME_PATTERN})\s*(?P<era_year>元|[0-9０-９]+)(?P<nen>\s*年)"
)
_WESTERN_YEAR_IN_TEXT = re.compile(r"(?<![0-9０-９])(?P<western>[0-9０-９]{4})(?![0-9０-９])")
_FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def move_year_in_text(text: str, *, from_year: int, to_year: int) -> str:
    """The text with each mention of from_year written as to_year, in the same calendar and width.

    「令和5年度 市民塾」 → 「令和6年度 市民塾」, 「マラソン2023」 → 「マラソン2024」, 「２０２３」 →
    「２０２４」; any other number (第35回, 10km, a year that is not from_year) stays.
    """

    def era(match: re.Match) -> str:
        try:
            year = year_of(match)
        except WarekiError:
            return match.group(0)
        if year != from_year:
            return match.group(0)
        return format_year(to_year)[:-1] + match["nen"]

    def western(match: re.Match) -> str:
        if year_of(match) != from_year:
            return match.group(0)
        written = match["western"]
        return str(to_year) if written.isascii() else str(to_year).translate(_FULL_WIDTH)

    return _WESTERN_YEAR_IN_TEXT.sub(western, _ERA_YEAR_IN_TEXT.sub(era, text))


def format_date_with_western(date: datetime.date) -> str:
    """「令和8年12月4日（2026年12月4日）」: the 和暦 first, the western date beside it."""
    return f"{format_date(date)}（{date.year}年{date.month}月{date.day}日）"
