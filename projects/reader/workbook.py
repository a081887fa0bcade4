"""An XLSX file's cells, read within the Limits: the archive checked before openpyxl opens it.

An XLSX is a ZIP of XML parts. openpyxl reads the shared strings whole when it opens a workbook,
and pads a sheet out to the size its <dimension> declares: a 1 MB file can so unpack to a 1 GiB
string, or claim a million empty rows, and cost gigabytes before a single cell is seen. So,
before openpyxl is used:

1. every part's unpacked size (the ZIP's directory; zipfile never unpacks more than it
   declares, so the declared sizes bound what any reader gets) is added up against
   Limits.unpacked_bytes, and a large part's compression ratio is checked against Limits.ratio;
2. the shared strings are streamed, each against Limits.cell_chars, and each worksheet (nothing
   kept): its declared dimension, its last row and column against Limits.rows and
   Limits.cells_per_row, and its formula cells without a saved value.

Then openpyxl reads the active sheet (read_only, data_only: a formula's saved value) no further
than the scan found, and each text against Limits.cell_chars. A formula without a saved value
(a file written by a program, not by Excel) would read as an empty cell, and an import would
then silently empty the register's cell: it is refused, naming the cell.
"""

import io
import re
import zipfile
from dataclasses import dataclass, field
from xml.etree.ElementTree import ParseError, iterparse

import openpyxl
from openpyxl.utils import column_index_from_string, get_column_letter

from .bounds import FILE, LimitExceeded, Limits, check_cell, too_many_cells, too_many_rows
from .records import ReadError, ReportReadError

UNREADABLE = "XLSXファイルとして読めません。"
_CELL_REF = re.compile(r"^\$?([A-Z]{1,3})\$?(\d+)$")
# A part this small cannot hold a bomb worth refusing, whatever its ratio (styles of a few KB
# compress well).
_RATIO_FLOOR = 2**20
_SHOWN_FORMULAS = 20


def _unreadable(reason: str = UNREADABLE, where: str = FILE) -> ReportReadError:
    return ReportReadError([ReadError(where, "", "", reason)])


@dataclass
class _Sheet:
    last_row: int = 0
    last_column: int = 0
    formulas_without_value: list[str] = field(default_factory=list)


def _check_parts(archive: zipfile.ZipFile, limits: Limits) -> None:
    total = 0
    for info in archive.infolist():
        total += info.file_size
        if total > limits.unpacked_bytes:
            raise LimitExceeded(
                f"部品 {info.filename}",
                f"展開すると大きすぎます（{limits.unpacked_bytes / 2**20:,.0f} MBまで）。"
                "XLSXとして異常なファイルのため取り込みません。",
            )
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > _RATIO_FLOOR and ratio > limits.ratio:
            raise LimitExceeded(
                f"部品 {info.filename}",
                f"圧縮率が異常です（{ratio:,.0f}倍。{limits.ratio:,.0f}倍まで）。"
                "XLSXとして異常なファイルのため取り込みません。",
            )


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _dimension_rows(ref: str, limits: Limits) -> None:
    last = ref.split(":")[-1]
    if match := _CELL_REF.match(last.upper()):
        column, row = column_index_from_string(match[1]), int(match[2])
        if row > limits.rows + 1:  # + the header row
            raise LimitExceeded(
                "シートの大きさ",
                f"シートが{ref}（{row:,}行）と宣言されています。取り込めるのは{limits.rows:,}行"
                "までです。余分な行を削除して保存し直してください。",
            )
        if column > limits.cells_per_row:
            raise too_many_cells(limits, "シートの大きさ", column)


def _scan_sheet(source, limits: Limits) -> _Sheet:
    """One worksheet's extent and formula cells without values, streamed, nothing kept."""
    sheet = _Sheet()
    row_number = 0
    for event, element in iterparse(source, events=("start", "end")):
        tag = _local(element.tag)
        if event == "start":
            if tag == "dimension":
                _dimension_rows(element.get("ref", ""), limits)
            elif tag == "row":
                row_number = int(element.get("r") or row_number + 1)
                if row_number > limits.rows + 1:
                    raise too_many_rows(limits, f"{row_number:,}行目")
                sheet.last_row = max(sheet.last_row, row_number)
            continue
        if tag == "c":
            ref = element.get("r", "")
            match = _CELL_REF.match(ref)
            column = column_index_from_string(match[1]) if match else sheet.last_column + 1
            if column > limits.cells_per_row:
                raise too_many_cells(limits, f"{row_number:,}行目", column)
            sheet.last_column = max(sheet.last_column, column)
            children = {_local(child.tag): child for child in element}
            # A formula's saved value is its <v>. Missing or empty, it was never computed (as
            # openpyxl and other programs write it: <v/>), unless the cell says its value is a
            # text (t="str"): then an empty <v> is a saved empty text, 「=IF(…,"",…)」.
            value = children.get("v")
            saved = value is not None and (bool(value.text) or element.get("t") == "str")
            if "f" in children and not saved:
                sheet.formulas_without_value.append(
                    ref or f"{get_column_letter(column)}{row_number}"
                )
            element.clear()
        elif tag == "row":
            element.clear()
    return sheet


def _scan_strings(source, limits: Limits) -> None:
    """Each shared string against Limits.cell_chars, before openpyxl keeps them all."""
    number = 0
    for _, element in iterparse(source):
        if _local(element.tag) != "si":
            continue
        number += 1
        length = sum(len(text) for text in element.itertext())
        if length > limits.cell_chars:
            raise LimitExceeded(
                f"部品 xl/sharedStrings.xml の{number:,}番目の文字列",
                f"セルの文字が多すぎます（{length:,}文字。1つのセルは{limits.cell_chars:,}文字まで）。",
            )
        element.clear()


def _scan(archive: zipfile.ZipFile, limits: Limits) -> dict[str, _Sheet]:
    if "xl/sharedStrings.xml" in archive.namelist():
        with archive.open("xl/sharedStrings.xml") as source:
            _scan_strings(source, limits)
    sheets = {}
    for name in archive.namelist():
        if name.startswith("xl/worksheets/") and name.endswith(".xml"):
            with archive.open(name) as source:
                sheets[name] = _scan_sheet(source, limits)
    return sheets


def _refuse_formulas(cells: list[str]) -> None:
    errors = [
        ReadError(
            cell, "", "", "数式の結果が保存されていません。Excelで開いて保存し直してください。"
        )
        for cell in cells[:_SHOWN_FORMULAS]
    ]
    if len(cells) > _SHOWN_FORMULAS:
        errors.append(
            ReadError(FILE, "", "", f"ほかに{len(cells) - _SHOWN_FORMULAS:,}個の数式も同じです。")
        )
    raise ReportReadError(errors)


def read_workbook(data: bytes, limits: Limits) -> list[list[object]]:
    """The active sheet's rows (the header first) as values; raises ReportReadError."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _unreadable() from None
    with archive:
        _check_parts(archive, limits)
        try:
            sheets = _scan(archive, limits)
        except ReportReadError:  # a ValueError too: a bound passed, not a damaged file
            raise
        except (ParseError, zipfile.BadZipFile, OSError, ValueError, EOFError):
            raise _unreadable() from None
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises anything from KeyError to TypeError on a damaged file
        raise _unreadable() from None
    try:
        active = book.active
        if active is None or not hasattr(active, "iter_rows"):  # no sheet, or a chart sheet
            raise _unreadable("XLSXファイルに表のシートがありません。")
        sheet = sheets.get(getattr(active, "_worksheet_path", ""), _Sheet())
        if sheet.formulas_without_value:
            _refuse_formulas(sheet.formulas_without_value)
        if not sheet.last_row:
            return []
        rows: list[list[object]] = []
        # Bounded by what the scan found: never the padding to a declared dimension.
        for number, values in enumerate(
            active.iter_rows(max_row=sheet.last_row, max_col=sheet.last_column, values_only=True),
            start=1,
        ):
            for index, value in enumerate(values, start=1):
                if isinstance(value, str):
                    check_cell(limits, value, f"{get_column_letter(index)}{number}")
            rows.append(list(values))
        return rows
    finally:
        book.close()
