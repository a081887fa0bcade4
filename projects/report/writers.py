"""Writing the report layout out: CSV (UTF-8 with BOM, or cp932) and a formatted XLSX."""

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass

from projects import layout

ENCODINGS = ("utf-8-sig", "cp932")

# Column widths in Excel's character units, by header; CJK text counts about two per character.
WIDTHS = {
    layout.FISCAL_YEAR: 11,
    layout.FORM: 12,
    layout.NUMBER: 6,
    layout.NAME: 30,
    layout.CATEGORY: 18,
    layout.PURPOSE: 60,
    layout.PARTNERS: 36,
    layout.SESSIONS: 36,
    layout.EFFECT: 60,
}


@dataclass(frozen=True)
class Unencodable:
    row: str  # 「共催 No.3」
    column: str
    character: str

    def __str__(self) -> str:
        code = f"U+{ord(self.character):04X}"
        return f"{self.row}「{self.column}」：「{self.character}」({code}) はcp932で書けません。"


class UnencodableError(ValueError):
    """Characters the chosen encoding cannot hold, each with its row and column."""

    def __init__(self, encoding: str, problems: list[Unencodable]):
        self.encoding = encoding
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))


def _row_label(headers: Sequence[str], row) -> str:
    values = dict(zip(headers, row, strict=False))
    number = values.get(layout.NUMBER, "")
    form = values.get(layout.FORM, "")
    return f"{form} No.{number}".strip()


def check_encodable(dataset, encoding: str, *, headers: Sequence[str] | None = None) -> None:
    """Raise UnencodableError naming every character the encoding cannot hold (never replaced).

    The rows are a tablib Dataset, or any rows with their ``headers``."""
    headers = list(dataset.headers if headers is None else headers)
    problems = []
    for row in dataset:
        for column, value in zip(headers, row, strict=False):
            text = str(value)
            try:
                text.encode(encoding)
            except UnicodeEncodeError:
                seen = set()
                for character in text:
                    if character in seen:
                        continue
                    try:
                        character.encode(encoding)
                    except UnicodeEncodeError:
                        seen.add(character)
                        problems.append(Unencodable(_row_label(headers, row), column, character))
    if problems:
        raise UnencodableError(encoding, problems)


def rows_to_csv(headers: Sequence[str], rows, *, encoding: str = "utf-8-sig") -> bytes:
    """CSV bytes with CRLF line ends, as Excel expects; every cell quoted when needed."""
    if encoding not in ENCODINGS:
        raise ValueError(f"文字コード {encoding} には対応していません（{'、'.join(ENCODINGS)}）。")
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(headers)
    writer.writerows(rows)
    try:
        return buffer.getvalue().encode(encoding)
    except UnicodeEncodeError:
        # Only now look cell by cell, to name every character the encoding cannot hold.
        check_encodable(rows, encoding, headers=headers)
        raise


def dataset_to_csv(dataset, *, encoding: str = "utf-8-sig") -> bytes:
    """A tablib Dataset as CSV bytes (rows_to_csv)."""
    return rows_to_csv(dataset.headers, dataset, encoding=encoding)


def dataset_to_xlsx(dataset, *, title: str = "協働事業") -> bytes:
    """An XLSX: bold frozen header, wrapped text, set widths, A4 landscape print setup."""
    # openpyxl here, not at the top: a CSV export does not need its imports.
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.properties import PageSetupProperties
    from openpyxl.worksheet.worksheet import Worksheet

    workbook = Workbook()
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)  # a new workbook's one sheet
    sheet.title = _sheet_title(title)
    headers = list(dataset.headers)
    sheet.append(headers)
    header_font = Font(bold=True)
    header_fill = PatternFill("solid", fgColor="DDE6F0")
    for cell in sheet[1]:
        cell.font = header_font
        cell.fill = header_fill
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    wrap = Alignment(wrap_text=True, vertical="top")
    number_at = headers.index(layout.NUMBER) if layout.NUMBER in headers else None
    # Cells are made by position: sheet[sheet.max_row] would scan every cell so far, each row.
    for row_index, row in enumerate(dataset, start=2):
        for column_index, value in enumerate(row, start=1):
            if column_index - 1 == number_at and str(value).isdigit():
                value = int(value)
            cell = sheet.cell(row=row_index, column=column_index, value=value)
            cell.alignment = wrap
            if isinstance(value, str):
                cell.data_type = "s"  # never a formula, whatever the text starts with
    for index, header in enumerate(headers, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = WIDTHS.get(header, 20)
    sheet.freeze_panes = "A2"
    if sheet.max_row > 1:
        sheet.auto_filter.ref = sheet.dimensions
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    if sheet.sheet_properties.pageSetUpPr is None:  # a new sheet has one; the stubs allow none
        sheet.sheet_properties.pageSetUpPr = PageSetupProperties()
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _sheet_title(title: str) -> str:
    for character in "[]:*?/\\":
        title = title.replace(character, " ")
    return title[:31] or "Sheet1"
