"""The bounds every imported file is read within, and the refusal when one is passed.

A report file comes from outside: a few kilobytes of XLSX can unpack to gigabytes, a sheet can
claim a million rows, a cell can hold a megabyte. Each such file is refused as soon as a bound is
passed, naming the bound and where it was passed, before it costs memory or time; a real year's
report (a few hundred rows) is far inside every bound. The values are settings
(kyodo/settings.py, KYODO_IMPORT_MAX_*), handed in by the service as a Limits record: the reader
itself imports no Django.
"""

from dataclasses import dataclass

from .records import ReadError, ReportReadError

FILE = "ファイル"  # ReadError.row of a problem of the whole file


@dataclass(frozen=True)
class Limits:
    rows: int = 20_000  # data rows of a file (lines of a text report)
    cells_per_row: int = 50  # cells of one row (the report has 9 columns)
    cell_chars: int = 20_000  # characters of one cell
    partners: int = 300  # partners of one project
    sessions: int = 500  # sessions of one project
    unpacked_bytes: int = 100 * 2**20  # all parts of an XLSX together, unpacked
    ratio: float = 100.0  # unpacked / packed size of one part of an XLSX


DEFAULT = Limits()


class LimitExceeded(ReportReadError):
    """A file refused at once because it passes one of the Limits (one error, no others)."""

    def __init__(self, where: str, reason: str, *, column: str = "", text: str = ""):
        super().__init__([ReadError(row=where, column=column, text=text, reason=reason)])


def too_many_rows(limits: Limits, where: str) -> LimitExceeded:
    return LimitExceeded(
        where,
        f"行が多すぎます（{limits.rows:,}行まで）。年度や協働の形態ごとにファイルを分けてください。",
    )


def too_many_cells(limits: Limits, where: str, count: int | None = None) -> LimitExceeded:
    found = f"{count:,}個。" if count is not None else ""
    return LimitExceeded(where, f"1行のセルが多すぎます（{found}{limits.cells_per_row:,}個まで）。")


def too_long_cell(limits: Limits, where: str, column: str = "", length: int | None = None):
    found = f"{length:,}文字。" if length is not None else ""
    return LimitExceeded(
        where,
        f"セルの文字が多すぎます（{found}1つのセルは{limits.cell_chars:,}文字まで）。",
        column=column,
    )


def check_cell(limits: Limits, text: str, where: str, column: str = "") -> None:
    if len(text) > limits.cell_chars:
        raise too_long_cell(limits, where, column, len(text))
