"""A CSV file's cells, read within the Limits, and a sheet's rows made into one table.

The csv module refuses a cell over its field_size_limit with 「field larger than field limit」:
the limit is set to Limits.cell_chars + 1 while reading, so that a cell one character too long
is measured (and named with its length) and a longer one stops the reading at once; both give
the same Japanese message with the line. field_size_limit is the process's: every import sets
the same value from the same setting, so two at once do not disturb each other.
"""

import csv
import io

from openpyxl.utils import get_column_letter

from .bounds import FILE, Limits, check_cell, too_long_cell, too_many_cells, too_many_rows
from .records import ReadError, ReportReadError


def read_csv(text: str, limits: Limits) -> list[list[str]]:
    """The rows of a CSV text (the header first); raises ReportReadError."""
    previous = csv.field_size_limit(limits.cell_chars + 1)
    reader = csv.reader(io.StringIO(text, newline=""))
    rows: list[list[str]] = []
    try:
        for row in reader:
            where = f"{reader.line_num:,}行目"
            if len(rows) > limits.rows:  # + the header row
                raise too_many_rows(limits, where)
            if len(row) > limits.cells_per_row:
                raise too_many_cells(limits, where, len(row))
            for index, cell in enumerate(row, start=1):
                check_cell(limits, cell, where, f"{index}列目")
            rows.append(row)
    except csv.Error as error:
        where = f"{reader.line_num:,}行目"
        if "field larger than field limit" in str(error):
            raise too_long_cell(limits, where) from None
        raise ReportReadError(
            [ReadError(where, "", "", f"CSVとして読めません（{error}）。")]
        ) from None
    finally:
        csv.field_size_limit(previous)
    return rows


def table_of(rows: list[list], *, source: str = "csv") -> tuple[list[str], list[list]]:
    """(headers, data rows): blank rows skipped, short rows padded, a row longer than the header
    refused unless its extra cells are empty (a sheet's trailing blank columns)."""
    if not rows:
        return [], []
    headers = ["" if h is None else str(h).strip() for h in rows[0]]
    while headers and not headers[-1]:
        headers.pop()
    width = len(headers)
    data = []
    for number, row in enumerate(rows[1:], start=2):
        values = list(row)
        if not any(v not in (None, "") for v in values):
            continue
        extra = values[width:]
        if any(v not in (None, "") for v in extra):
            place = len(values) - next(
                i for i, v in enumerate(reversed(values)) if v not in (None, "")
            )
            column = get_column_letter(place) if source == "xlsx" else f"{place}列目"
            raise ReportReadError(
                [ReadError(f"{number}行目", "", "", f"{column}に見出しのない列の値があります。")]
            )
        data.append(values[:width] + [None] * (width - len(values)))
    return headers, data


__all__ = ["FILE", "read_csv", "table_of"]
