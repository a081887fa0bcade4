"""The ranges of the numbers and the lengths of the texts the register's columns can store.

PostgreSQL refuses a number outside its column's range, and SQLite stores anything: checked
here, while reading, the same file gets the same clear message on both, naming the cell.
"""

from .records import CellError

SMALLINT_MAX = 32_767  # No., 全…回 (smallint columns)
INTEGER_MAX = 2_147_483_647  # 参加人数, 延べ人数, 「82町内会」の数 (integer columns)
# 年度 and 継続実施の開始年: from the first era the register knows (明治) to a far future.
MIN_YEAR = 1868
MAX_YEAR = 2200

# The longest texts the register stores (the models' max_length come from here).
PROJECT_NAME_MAX = 300
DEPARTMENT_NAME_MAX = 100
PARTNER_NAME_MAX = 200  # a partner's name, its other spellings and the report's wording
ROLE_MAX = 100
SESSION_TEXT_MAX = 200  # a session's heading (内容) and note (備考)


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
