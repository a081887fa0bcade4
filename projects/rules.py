"""Rules on a project's values that the model's clean, the admin's forms and the services share.

Plain functions on the values (no query), below the models: a model may call them, and so may
anything above it.
"""

from collections.abc import Iterable
from typing import NamedTuple, Protocol

from kyodo.limits import KEYWORD_MAX_CHARS, KEYWORD_MAX_WORDS
from projects.choices import Category
from projects.wareki import move_year_in_text


class _Year(Protocol):
    """A project as these rules read it: saved or not, its year perhaps not entered yet."""

    @property
    def pk(self) -> int | None: ...

    @property
    def fiscal_year(self) -> int | None: ...


class _Recurring(Protocol):
    """A saved project, as next_year_of reads it."""

    @property
    def fiscal_year(self) -> int: ...

    @property
    def category(self) -> str: ...


def previous_link_error(project: _Year, previous: _Year | None) -> str | None:
    """Why ``previous`` cannot be the project's previous year, or None when it can."""
    if previous is None:
        return None
    if project.pk is not None and previous.pk == project.pk:
        return "前年度の協働事業に自分自身は指定できません。"
    if (
        project.fiscal_year is not None
        and previous.fiscal_year is not None
        and previous.fiscal_year >= project.fiscal_year
    ):
        return "前年度の協働事業には、この協働事業より前の年度のものを指定してください。"
    return None


# How many years on each recurring category runs next.
STEP: dict[str, int] = {Category.ANNUAL: 1, Category.BIENNIAL: 2}


def next_year_of(project: "_Recurring") -> int | None:
    """The fiscal year the project runs next, or None when it does not recur."""
    step = STEP.get(project.category)
    return project.fiscal_year + step if step else None


def name_for_year(name: str, *, from_year: int, to_year: int) -> str:
    """The name with its fiscal year moved on: 「令和5年度 市民塾」 → 「令和6年度 市民塾」.

    Era years (令和5年, 令和5年度第1回) and western years (2023年度, マラソン2023) are moved
    when they name ``from_year``; any other number (第35回, 10km) is left as it is.
    """
    return move_year_in_text(name, from_year=from_year, to_year=to_year)


def name_in_year(past_names: Iterable, current: str, year: int) -> str:
    """The name of a 担当課 or 協働の形態 in a fiscal year: the past name (anything with
    ``until_year`` and ``name``) with the smallest until_year at or after the year, else the
    current name. The one rule of names over the years (projects.names reads it in SQL too)."""
    found = None
    for past in past_names:
        if year <= past.until_year and (found is None or past.until_year < found.until_year):
            found = past
    return current if found is None else found.name


class Participants(NamedTuple):
    """A project's participants: the sum of the counts its dates have, None when no date has
    one (unknown is not 0人), and whether any counted date is approximate (約).

    The one definition: ProjectQuerySet.with_participants computes the same in SQL, and
    年次集計 (projects.report.figures) adds them up per department and year."""

    total: int | None
    approximate: bool


def participants(sessions: Iterable) -> Participants:
    counted = [s for s in sessions if s.participants is not None]
    if not counted:
        return Participants(None, False)
    return Participants(sum(s.participants for s in counted), any(s.approximate for s in counted))


def keyword_error(text: str) -> str | None:
    """Why a search keyword is refused (too long, too many words), or None when it can be
    searched: the public list, its CSV, the API and the admin's search give this message."""
    if len(text) > KEYWORD_MAX_CHARS:
        return (
            f"キーワードは{KEYWORD_MAX_CHARS}文字以内で入力してください"
            f"（{len(text):,}文字あります）。"
        )
    if len(text.split()) > KEYWORD_MAX_WORDS:
        return (
            f"キーワードは{KEYWORD_MAX_WORDS}語以内で入力してください"
            f"（{len(text.split())}語あります）。"
        )
    return None
