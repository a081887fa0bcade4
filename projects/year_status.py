"""What an app built on projects says about a fiscal year, asked without importing that app.

The yearly survey (the surveys app) builds on projects, yet projects must learn two things from
it: which (担当課, 年度) a clerk may no longer change because the department has answered or the
survey is closed (projects.permissions), and whether a year's figures are still being collected
(the title and file names of 年次集計). The survey app registers its answers here in its
AppConfig.ready, so imports still run downwards. Without a registration no year is locked and
none is being collected.
"""

from collections.abc import Callable, Iterable

LockedPairs = Callable[[Iterable[int]], set[tuple[int, int]]]
CollectingLabel = Callable[[int], str]

_locked_pairs: list[LockedPairs] = []
_collecting_labels: list[CollectingLabel] = []


def register(*, locked_pairs: LockedPairs, collecting_label: CollectingLabel) -> None:
    """Called once per app from its AppConfig.ready (a second call with the same functions is
    ignored, so a ready() run twice in tests registers nothing twice)."""
    if locked_pairs not in _locked_pairs:
        _locked_pairs.append(locked_pairs)
    if collecting_label not in _collecting_labels:
        _collecting_labels.append(collecting_label)


def locked_pairs(department_ids: Iterable[int]) -> set[tuple[int, int]]:
    """{(department id, fiscal year)} of these departments that their clerks may not change."""
    ids = set(department_ids)
    if not ids:
        return set()
    found: set[tuple[int, int]] = set()
    for provider in _locked_pairs:
        found |= provider(ids)
    return found


def collecting_label(fiscal_year: int) -> str:
    """「集計中（未提出 3課）」 while the year is still being collected, "" otherwise."""
    for provider in _collecting_labels:
        label = provider(fiscal_year)
        if label:
            return label
    return ""
