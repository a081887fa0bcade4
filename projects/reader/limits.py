"""A cell's number checked against the ranges the register's columns can store (kyodo.limits).

PostgreSQL refuses a number outside its column's range, and SQLite stores anything: checked
here, while reading, the same file gets the same clear message on both, naming the cell.
"""

from kyodo.limits import MAX_YEAR, MIN_YEAR

from .records import CellError


def within(value: int, *, low: int, high: int, what: str, text: str | None = None) -> int:
    """The value, or a CellError saying which range it must be in."""
    if low <= value <= high:
        return value
    raise CellError(f"{what}は{low:,}から{high:,}までにしてください（{value:,}）。", text=text)


def year_within(year: int, *, what: str, text: str | None = None) -> int:
    """A western year of the register's range, or a CellError (years are written without commas)."""
    if MIN_YEAR <= year <= MAX_YEAR:
        return year
    raise CellError(
        f"{what}は{MIN_YEAR}年から{MAX_YEAR}年までにしてください（{year}年）。", text=text
    )
