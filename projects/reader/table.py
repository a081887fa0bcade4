"""The report as a whole: the text extracted from the PDF, one table row per line, cells by tabs.

    3 協働事業実施状況（令和5年度）              <- title: the fiscal year
    ① 協働の形態：共催（23件）                  <- a form section, and how many rows it declares
    No.<TAB>協働事業の名称 (担当課)<TAB>…         <- the header, repeated at every page break
    1<TAB>まちかどミー ティング (…)<TAB>…         <- a row: a number, then six more cells

Every problem of the file is collected before anything is refused, so a clerk fixes them in one go.
"""

import re
from dataclasses import replace

from projects import layout
from projects.wareki import WarekiError, read_year

from .bounds import DEFAULT, Limits, check_cell, too_many_cells, too_many_rows
from .encoding import decode_source  # noqa: F401  (the reader's entry for bytes)
from .records import RawRow, ReadError, ReportReadError, ReportTable
from .text import collapse, fold

FILE = "ファイル"  # ReadError.row of a problem of the whole file

_TITLE = re.compile(r"協働事業実施状況\s*\((?P<year>[^()]*)\)")
_CIRCLED = "".join(chr(code) for code in range(0x2460, 0x2474))  # ①..⑳
_FORM = re.compile(
    rf"^(?:[{_CIRCLED}]|\(?\d+[).]?)?\s*協働の形態\s*:\s*(?P<form>.+?)"
    r"\s*(?:\(\s*(?P<count>\d+)\s*件\s*\))?\s*$"
)
_HEADER = re.compile(r"^\s*No\s*\.?\s*\t", re.IGNORECASE)
_NUMBER = re.compile(r"^\s*(?P<number>\d+)\s*$")


class _Section:
    def __init__(self, form: str | None, declared: int | None, line: int):
        self.form = form
        self.declared = declared
        self.line = line
        self.rows: list[RawRow] = []
        self.numbers: dict[int, int] = {}  # No. -> line
        self.seen = 0  # lines that begin with a No., readable or not


def read_report(
    text: str,
    *,
    fiscal_year: int | None = None,
    form: str | None = None,
    limits: Limits = DEFAULT,
) -> ReportTable:
    """The rows of a report, with its fiscal year and form (section by section).

    fiscal_year and form, when given, override the title and the first form line (and then those
    need not be there). A file past one of the limits is refused at once (LimitExceeded). A
    file with several form sections gives each row its section's form in
    RawRow.form; table.form and table.declared_count are those of the first section. Raises
    ReportReadError listing every problem found.
    """
    errors: list[ReadError] = []
    title_year: int | None = None
    sections: list[_Section] = []
    # Only line ends split lines (not the form feed a PDF extraction leaves at a page break), so
    # that line numbers are those an editor shows.
    lines = re.split(r"\r\n|\r|\n", text)
    rows_read = 0
    lines_read = 0  # lines not blank: rows, and the headers and titles of each page
    for number, line in enumerate(lines, start=1):
        where = f"{number}行目"
        if not line.strip():
            continue
        lines_read += 1
        # Each page repeats its header: twice the rows leaves room for them, not for a file of
        # a million lines (whose every line would otherwise be an error).
        if lines_read > 2 * limits.rows:
            raise too_many_rows(limits, where)
        if len(line) > limits.cells_per_row * (limits.cell_chars + 1):
            raise too_many_cells(limits, where)
        folded = fold(line)
        if _HEADER.match(folded):
            continue
        if "\t" not in line and (title := _TITLE.search(folded)):
            written = collapse(line[title.start("year") : title.end("year")])
            try:
                titled = read_year(written)
            except WarekiError as error:
                errors.append(ReadError(where, "", collapse(line), f"年度が読めません：{error}"))
                continue
            if title_year is not None and titled != title_year:
                errors.append(ReadError(where, "", collapse(line), "年度が前の見出しと違います。"))
            title_year = title_year or titled
            continue
        if "\t" not in line and (heading := _FORM.match(collapse(folded))):
            name = collapse(line)[heading.start("form") : heading.end("form")]
            if not sections and form is not None:
                name = form
            declared = int(heading["count"]) if heading["count"] else None
            if sections and not sections[-1].rows and sections[-1].form is not None:
                errors.append(
                    ReadError(where, "", collapse(line), "前の協働の形態に行がありません。")
                )
            sections.append(_Section(name, declared, number))
            continue
        cells = line.split("\t")
        if len(cells) > limits.cells_per_row:
            raise too_many_cells(limits, where, len(cells))
        for column, cell in zip(layout.TABLE_COLUMNS, cells, strict=False):
            check_cell(limits, cell, where, column)
        if (row_number := _NUMBER.match(fold(cells[0]))) is None:
            errors.append(
                ReadError(
                    where,
                    "",
                    collapse(line),
                    "表の行・見出しのどれとしても読めません（行の先頭にNo.の数字とタブが必要です。"
                    "セルの中の改行で行が分かれていないか確かめてください）。",
                )
            )
            continue
        no = int(row_number["number"])
        if not sections:
            sections.append(_Section(form, None, 0))
        section = sections[-1]
        # A placeholder the section's name replaces at the end, once it is known whether the
        # file has several forms (then 「後援 No.1」, else 「No.1」).
        row_name = f"\0{len(sections) - 1}\0No.{no}"
        section.seen += 1
        rows_read += 1
        if rows_read > limits.rows:
            raise too_many_rows(limits, where)
        if len(cells) != len(layout.TABLE_COLUMNS):
            errors.append(
                ReadError(
                    row_name,
                    "",
                    collapse(line),
                    f"セルが{len(cells)}個あります。{len(layout.TABLE_COLUMNS)}個"
                    "（タブ区切り）でなければなりません。",
                )
            )
            continue
        if no in section.numbers:
            errors.append(
                ReadError(
                    row_name,
                    layout.NUMBER,
                    cells[0].strip(),
                    f"No.{no}が二度あります（{section.numbers[no]}行目と{number}行目）。",
                )
            )
            continue
        section.numbers[no] = number
        section.rows.append(
            RawRow(
                line=number,
                cells={
                    column: cell.strip()
                    for column, cell in zip(layout.TABLE_COLUMNS, cells, strict=True)
                },
                form=section.form,
            )
        )
    year = fiscal_year if fiscal_year is not None else title_year
    if year is None:
        errors.append(
            ReadError(
                FILE,
                "",
                "",
                "年度がわかりません（「協働事業実施状況（令和5年度）」の見出しがありません）。",
            )
        )
    if not sections or sections[0].form is None:
        errors.append(
            ReadError(
                FILE,
                "",
                "",
                "協働の形態がわかりません（「① 協働の形態：共催（23件）」の行がありません）。",
            )
        )
    rows = [row for section in sections for row in section.rows]
    if not rows and not any("No." in error.row for error in errors):
        errors.append(ReadError(FILE, "", "", "表の行（No.の数字で始まる行）がありません。"))
    for section in sections:
        found = section.seen
        if section.declared is not None and found != section.declared:
            errors.append(
                ReadError(
                    f"{section.line}行目",
                    "",
                    f"{section.form}（{section.declared}件）",
                    f"{section.declared}件とありますが、表の行は{found}件です。",
                )
            )
    if errors:
        raise ReportReadError([_named_row(error, sections) for error in errors])
    first = sections[0]
    return ReportTable(fiscal_year=year, form=first.form, declared_count=first.declared, rows=rows)


def _named_row(error: ReadError, sections: list[_Section]) -> ReadError:
    if not error.row.startswith("\0"):
        return error
    _, index, label = error.row.split("\0")
    several = len([s for s in sections if s.form]) > 1
    section = sections[int(index)].form if several else None
    return replace(error, row=f"{section} {label}" if section else label)


def heading_form(line: str) -> str | None:
    """The form a line 「① 協働の形態：共催（23件）」 heads, or None for any other line."""
    if "\t" in line or (heading := _FORM.match(collapse(fold(line)))) is None:
        return None
    return collapse(line)[heading.start("form") : heading.end("form")]
