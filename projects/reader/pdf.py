"""A report PDF (a ruled table, A4 landscape) as the text report the reader reads.

A text PDF is read with pdfplumber: on each page the table is found by its ruling lines, the
lines above it (「協働事業実施状況（令和5年度）」, 「① 協働の形態：共催（23件）」) are title lines,
anything below the last table (a footer, a page number) is left out. The header row repeated on
every page is skipped; a row whose No. is empty continues the row before it (a row running over
a page break). The lines inside a cell are joined:

- a line ending or starting with a space keeps that space (kyodo's own PDF keeps every space:
  projects.report.pdf writes its cells with white-space: pre-wrap and names itself as Creator);
- a line that begins with a bullet 「・」, a session (a date in 令和/平成/昭和 or western form,
  「全9回」) or a partner's role (「内装：…」) begins after a space: the partners and sessions
  are split on it, and the reader's rules drop it again between CJK characters elsewhere;
- otherwise a wrap of kyodo's own PDF joins with nothing, and another producer's with one space
  between two Latin letters (or a letter and a digit) and nothing else.

The result is text in the reader's layout (projects.reader.table: rows by tabs) with the page of
each line, so that every error names its page (「3ページ No.7」). Pure Python, no Django.
"""

from __future__ import annotations

import io
import re
from bisect import bisect_right
from dataclasses import dataclass, field

from .records import ReadError, ReportReadError
from .table import FILE, heading_form
from .text import collapse, fold

MAX_PAGES = 2000  # about 8,000 projects; a larger file is refused before it is read
CREATOR = "kyodo"  # projects.report.pdf.GENERATOR: a PDF whose spaces are all in its text

# A line that begins a bullet, a session (a date, 「全9回」) or a partner's role (「内装：…」).
_BREAK_BEFORE = re.compile(r"^(?:・|(?:令和|平成|昭和)\s*(?:\d|元)|\d{4}\s*[年/.-]|全\s*\d+\s*回)")
_ROLE = re.compile(r"^([^、：:\s]{1,12})[：:]")
_ROLE_MAX = 12


def _begins_a_role(text: str, line: str) -> bool:
    """The line begins a partner's role 「内装：…」, unless it ends a role label the line before
    began (「… 庭木」 / 「の剪定：…」: the two parts together are no longer than a label)."""
    role = _ROLE.match(fold(line))
    if role is None:
        return False
    tail = re.split(r"\s", text)[-1]
    return ":" in fold(tail) or "：" in tail or len(tail) + len(role[1]) > _ROLE_MAX


_LATIN = re.compile(r"[A-Za-z0-9]")


@dataclass
class PdfText:
    """The report as the reader's text, and the page (1-based) of each of its lines."""

    text: str
    pages: dict[int, int] = field(default_factory=dict)  # line number -> page
    row_pages: dict[str, int] = field(default_factory=dict)  # 「No.7」 / 「後援 No.7」 -> page


def _refused(reason: str) -> ReportReadError:
    return ReportReadError([ReadError(FILE, "", "", reason)])


def _lines_of(chars: list[dict]) -> list[str]:
    """The characters of one cell as its lines, top to bottom; a gap wider than a quarter of
    the font size between two characters is a space the PDF did not write."""
    lines: list[list[dict]] = []
    for char in sorted(chars, key=lambda c: (round(c["top"], 1), c["x0"])):
        if lines and abs(char["top"] - lines[-1][0]["top"]) <= char["size"] * 0.5:
            lines[-1].append(char)
        else:
            lines.append([char])
    texts = []
    for line in lines:
        line.sort(key=lambda c: c["x0"])
        parts: list[str] = []
        previous = None
        for char in line:
            if (
                previous is not None
                and char["x0"] - previous["x1"] > char["size"] * 0.25
                and not previous["text"].isspace()
                and not char["text"].isspace()
            ):
                parts.append(" ")
            parts.append(char["text"])
            previous = char
        texts.append("".join(parts))
    return texts


def join_lines(lines: list[str], *, spaces_kept: bool) -> str:
    """A cell's lines as one text (see the module's docstring for the rules)."""
    text = ""
    for line in lines:
        line = line.replace("\t", " ")
        if not text:
            text = line
        elif not line.strip():
            continue
        elif text[-1].isspace() or line[0].isspace():
            text += line
        elif _BREAK_BEFORE.match(fold(line)) or _begins_a_role(text, line):
            text += " " + line
        elif spaces_kept:
            text += line
        elif _LATIN.match(fold(text[-1])) and _LATIN.match(fold(line[0])):
            digits = fold(text[-1]).isdigit() and fold(line[0]).isdigit()
            text += line if digits else " " + line
        else:
            text += line
    return collapse(text)


def _settings(page) -> dict:
    """The table is found by its ruling lines; a row running over the page's end has no line
    below it (nor one above, where it goes on), so the vertical rules' ends close it."""
    verticals = [edge for edge in page.edges if edge["orientation"] == "v"]
    if not verticals:
        return {}
    ends = [min(e["top"] for e in verticals), max(e["bottom"] for e in verticals)]
    return {"explicit_horizontal_lines": ends}


def _table_cells(page, table) -> list[list[list[str]]]:
    """The table's rows as their cells' lines; every character goes to the cell it lies in."""
    rows = [row for row in table.rows if row.bbox]
    tops = [row.bbox[1] for row in rows]
    header = next((row for row in rows if sum(c is not None for c in row.cells) > 1), rows[0])
    lefts = sorted(cell[0] for cell in header.cells if cell is not None)
    grid: list[list[list[dict]]] = [[[] for _ in lefts] for _ in rows]
    x0, top, x1, bottom = table.bbox
    for char in page.chars:
        cx, cy = (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2
        if not (x0 <= cx <= x1 and top <= cy <= bottom):
            continue
        r, c = bisect_right(tops, cy) - 1, bisect_right(lefts, cx) - 1
        if r >= 0 and c >= 0:
            grid[r][c].append(char)
    return [[_lines_of(cell) for cell in row] for row in grid]


def pdf_report_text(data: bytes, *, columns: int) -> PdfText:
    """Read a report PDF into the reader's text. Raises ReportReadError (in Japanese) for a
    file that is no PDF, is encrypted, has too many pages, no text layer, or no table."""
    # Here, not at the top: pdfplumber (pdfminer) loads only for a PDF.
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    if not data.startswith(b"%PDF"):
        raise _refused("PDFファイルとして読めません。")
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as error:  # pdfplumber wraps pdfminer's error (PdfminerException)
        cause = error.args[0] if error.args else error
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise _refused(
                "パスワードで保護（暗号化）されたPDFは読めません。保護を外したPDFを選んでください。"
            ) from None
        raise _refused("PDFファイルとして読めません（壊れているか、PDFではありません）。") from None
    with pdf:
        if getattr(pdf.doc, "encryption", None):
            raise _refused("暗号化されたPDFは読めません。保護を外したPDFを選んでください。")
        if len(pdf.pages) > MAX_PAGES:
            raise _refused(f"ページが多すぎます（{len(pdf.pages)}ページ、上限{MAX_PAGES}ページ）。")
        creator = pdf.metadata.get("Creator")
        if isinstance(creator, bytes):
            creator = creator.decode("latin-1", "replace")
        spaces_kept = creator == CREATOR
        return _read_pages(pdf, columns=columns, spaces_kept=spaces_kept)


def _read_pages(pdf, *, columns: int, spaces_kept: bool) -> PdfText:
    out: list[str] = []
    result = PdfText("")
    any_text = any_table = False
    rows: list[list[list[str]]] = []  # each row: its cells' lines
    row_page: list[int] = []
    form: str | None = None
    errors: list[ReadError] = []

    def flush_rows():
        for cells, page_number in zip(rows, row_page, strict=True):
            texts = [join_lines(lines, spaces_kept=spaces_kept) for lines in cells]
            out.append("\t".join(texts))
            result.pages[len(out)] = page_number
            number = fold(texts[0]).strip()
            for label in (f"No.{number}", f"{form} No.{number}"):
                result.row_pages.setdefault(label, page_number)
        rows.clear()
        row_page.clear()

    for page_number, page in enumerate(pdf.pages, start=1):
        if page.chars:
            any_text = True
        tables = sorted(page.find_tables(_settings(page)), key=lambda t: t.bbox[1])
        above = 0.0
        for table in tables:
            top, bottom = table.bbox[1], table.bbox[3]
            if top > above:
                region = page.crop((0, above, page.width, top), strict=False)
                for line in (region.extract_text() or "").splitlines():
                    if not line.strip():
                        continue
                    flush_rows()
                    if (name := heading_form(line)) is not None:
                        form = name
                    out.append(line)
                    result.pages[len(out)] = page_number
            above = bottom
            cells = _table_cells(page, table)
            if cells and len(cells[0]) != columns:
                errors.append(
                    ReadError(
                        f"{page_number}ページ",
                        "",
                        "",
                        f"表の列が{len(cells[0])}列あります。報告書の表は{columns}列です。",
                    )
                )
                continue
            any_table = True
            for row in cells:
                first = collapse(" ".join(row[0]))
                if re.fullmatch(r"No\s*\.?", fold(first), re.IGNORECASE):
                    continue  # the header row, repeated on every page
                if not any(row):
                    continue
                if not first and rows:  # a row running over a page break: its No. is empty
                    for previous, lines in zip(rows[-1], row, strict=True):
                        previous.extend(lines)
                    continue
                rows.append([list(lines) for lines in row])
                row_page.append(page_number)
        page.close()  # its characters and objects are not needed again: memory stays flat
    flush_rows()
    if errors:
        raise ReportReadError(errors)
    if not any_text:
        raise _refused(
            "このPDFには文字の情報がありません（スキャンした画像のPDFのようです）。"
            "WordやExcelから書き出したPDF、またはCSV・XLSXを選んでください。"
        )
    if not any_table:
        raise _refused(
            "PDFに報告書の表が見つかりません（罫線で囲まれた表が必要です）。"
            "CSV・XLSXで取り込んでください。"
        )
    result.text = "\n".join(out) + "\n"
    return result
