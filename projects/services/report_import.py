"""The import of a report file, whole: read every row, collect every error, write all or nothing.

This is kyodo's own import, shared by the admin's import pages (projects/admin/import_flow.py)
and the command import_report; django-import-export takes no part in it (see the README,
「取込と書き出しの境界」). A file is read by the pure reader (projects.reader), every error of
the whole file is collected before anything is refused, and the rows are written in bulk by
projects.services.importing inside one transaction that is rolled back on any error, or when
the import is only a check (dry_run).

What comes back, ReportImport, is what the admin's preview and the command show: each row's
fate (new, update, skip = unchanged) with its changes, or the invalid rows with their errors in
Japanese (row, column, text, reason).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

import tablib
from django.conf import settings
from django.db import transaction
from django.utils.html import format_html

from kyodo.characters import shown
from projects import layout
from projects.models import Project
from projects.reader.bounds import Limits
from projects.reader.delimited import read_csv, table_of
from projects.reader.pdf import pdf_report_text
from projects.reader.records import ReadError, ReportReadError
from projects.reader.rows import ProjectRow, read_row
from projects.reader.table import decode_source, read_report
from projects.reader.workbook import read_workbook
from projects.report.cells import COLUMN_OF_FIELD, cells_of_fields
from projects.report.plain import record_of_row
from projects.services.importing import IMPORT_REASON, project_import_rows
from projects.services.unknown_departments import UnknownDepartmentsError
from projects.services.unknown_forms import FormChoices, UnknownFormsError

NEW, UPDATE, SKIP, INVALID = "new", "update", "skip", "invalid"

# The kinds of file the import reads, by the name the upload form and the command use.
TEXT, CSV, XLSX, PDF = "txt", "csv", "xlsx", "pdf"
KINDS = {TEXT: "報告書テキスト (txt)", CSV: "csv", XLSX: "xlsx", PDF: "報告書PDF (pdf)"}


# --- reading a file ------------------------------------------------------------------------


def too_large(size: int) -> str | None:
    """Why a file of this many bytes is refused, or None."""
    limit = settings.KYODO_IMPORT_MAX_BYTES
    if size <= limit:
        return None
    return (
        f"ファイルが大きすぎます（{size / 2**20:,.1f} MB）。取り込めるのは "
        f"{limit / 2**20:,.0f} MB までです。年度や協働の形態ごとにファイルを分けてください。"
    )


def import_limits() -> Limits:
    """The bounds files are read within, from the settings (KYODO_IMPORT_MAX_*)."""
    return Limits(
        rows=settings.KYODO_IMPORT_MAX_ROWS,
        cells_per_row=settings.KYODO_IMPORT_MAX_CELLS_PER_ROW,
        cell_chars=settings.KYODO_IMPORT_MAX_CELL_CHARS,
        partners=settings.KYODO_IMPORT_MAX_PARTNERS,
        sessions=settings.KYODO_IMPORT_MAX_SESSIONS,
        unpacked_bytes=settings.KYODO_IMPORT_MAX_UNPACKED_BYTES,
        ratio=settings.KYODO_IMPORT_MAX_RATIO,
    )


def report_text_dataset(
    data: bytes | str,
    *,
    fiscal_year: int | None = None,
    form: str | None = None,
    limits: Limits | None = None,
) -> tablib.Dataset:
    """The report's PDF text as a dataset in the report layout (year and form filled in)."""
    text = decode_source(data) if isinstance(data, bytes) else data
    table = read_report(text, fiscal_year=fiscal_year, form=form, limits=limits or import_limits())
    dataset = tablib.Dataset(headers=list(layout.DATASET_COLUMNS))
    for row in table.rows:
        row_form = getattr(row, "form", None) or table.form
        dataset.append([table.fiscal_year, row_form, *(row.cells[c] for c in layout.TABLE_COLUMNS)])
    return dataset


def pdf_dataset(
    data: bytes,
    *,
    fiscal_year: int | None = None,
    form: str | None = None,
    limits: Limits | None = None,
) -> tablib.Dataset:
    """A report PDF (a text PDF with a ruled table) as a dataset in the report layout, each row
    with the page it began on (layout.PAGE), read by the same reader as the report's text."""
    pdf = pdf_report_text(data, columns=len(layout.TABLE_COLUMNS))
    try:
        table = read_report(
            pdf.text, fiscal_year=fiscal_year, form=form, limits=limits or import_limits()
        )
    except ReportReadError as error:
        raise ReportReadError(
            [_on_page(e, pdf.pages, pdf.row_pages) for e in error.errors]
        ) from None
    dataset = tablib.Dataset(headers=[*layout.DATASET_COLUMNS, layout.PAGE])
    for row in table.rows:
        row_form = getattr(row, "form", None) or table.form
        cells = (row.cells[c] for c in layout.TABLE_COLUMNS)
        dataset.append([table.fiscal_year, row_form, *cells, str(pdf.pages.get(row.line, ""))])
    return dataset


def _on_page(error: ReadError, pages: dict[int, int], row_pages: dict[str, int]) -> ReadError:
    """The reader's 「12行目」 (a line of the PDF's text) as 「3ページ」.

    「No.7」 becomes 「3ページ No.7」."""
    if error.row.endswith("行目") and error.row[:-2].isdigit():
        page = pages.get(int(error.row[:-2]))
        return replace(error, row=f"{page}ページ" if page else "PDF")
    if (page := row_pages.get(error.row)) is not None:
        return replace(error, row=f"{page}ページ {error.row}")
    return error


def tabular_dataset(data: bytes, *, kind: str, limits: Limits | None = None) -> tablib.Dataset:
    """A CSV (UTF-8 with or without BOM, or cp932: detected) or an XLSX file as a dataset,
    read within the limits (projects.reader.bounds) and refused at once past one."""
    limits = limits or import_limits()
    cells = read_workbook(data, limits) if kind == XLSX else read_csv(decode_source(data), limits)
    headers, rows = table_of(cells, source=kind)
    dataset = tablib.Dataset(headers=headers)
    for row in rows:
        dataset.append(row)
    missing = [c for c in layout.TABLE_COLUMNS if c not in headers]
    if missing:
        raise ReportReadError(
            [
                ReadError(
                    "1行目", column, "", "この列がありません（報告書と同じ見出しにしてください）。"
                )
                for column in missing
            ]
        )
    if not len(dataset):
        raise ReportReadError([ReadError("ファイル", "", "", "データの行がありません。")])
    return dataset


def read_file(
    data: bytes,
    *,
    kind: str,
    fiscal_year: int | None = None,
    form: str | None = None,
    limits: Limits | None = None,
) -> tablib.Dataset:
    """A file of one of KINDS as a dataset in the report layout. Raises ReportReadError."""
    if kind in (CSV, XLSX):
        return tabular_dataset(data, kind=kind, limits=limits)
    if kind == PDF:
        return pdf_dataset(data, fiscal_year=fiscal_year, form=form, limits=limits)
    return report_text_dataset(data, fiscal_year=fiscal_year, form=form, limits=limits)


# --- what an import found ------------------------------------------------------------------


@dataclass
class ImportedRow:
    """A readable row's fate, with the row as read (its label: 「No.3」, 「後援 No.3」) and, for
    an update, each changed column as (column, the register's cell, the file's)."""

    import_type: str  # NEW, UPDATE or SKIP
    instance: Project
    read_row: ProjectRow
    changes: list[tuple[str, str, str]] = field(default_factory=list)
    # The row's cells as the file has them (layout.DATASET_COLUMNS), the changed ones in <ins>.
    diff: list = field(default_factory=list)

    @property
    def label(self) -> str:
        return self.read_row.label

    @property
    def object_id(self):
        return self.instance.pk


@dataclass
class InvalidRow:
    """A row that cannot be imported: its 1-based place in the file (0: the whole file), its
    cells as the file has them, and its errors by column (each a whole sentence: ReadError)."""

    number: int
    values: dict[str, object]
    error_dict: dict[str, list[str]]

    @property
    def field_specific_errors(self) -> dict[str, list[str]]:
        return self.error_dict


@dataclass
class ReportImport:
    """The outcome of one import: every readable row's fate, or every error of the file."""

    rows: list[ImportedRow] = field(default_factory=list)
    invalid_rows: list[InvalidRow] = field(default_factory=list)
    read_errors: list[ReadError] = field(default_factory=list)  # in the file's order
    unknown_forms: list[str] = field(default_factory=list)  # forms the register's list lacks
    unknown_departments: list[str] = field(default_factory=list)  # refused: nobody said to add
    new_departments: list[str] = field(default_factory=list)  # registered by this import
    totals: dict[str, int] = field(
        default_factory=lambda: dict.fromkeys((NEW, UPDATE, SKIP, INVALID), 0)
    )
    dry_run: bool = False

    def has_validation_errors(self) -> bool:
        return bool(self.invalid_rows)

    def valid_rows(self) -> list[ImportedRow]:
        return self.rows


# --- the import ----------------------------------------------------------------------------


def project_import_dataset(
    dataset: tablib.Dataset,
    *,
    dry_run: bool = False,
    user=None,
    file_name: str | None = None,
    fiscal_year: int | None = None,
    form: str | None = None,
    form_choices: FormChoices | None = None,
    add_departments: bool = False,
    progress: Callable[[int], object] | None = None,
    limits: Limits | None = None,
) -> ReportImport:
    """Read every row of the dataset and, when no row has an error, write them all.

    All or nothing: the writes run in one transaction, rolled back when any error is found (by
    the reader, the duplicate check, or the service: a clerk's row of another 担当課, a form the
    list lacks, …) and when dry_run asks for a check only. ``fiscal_year`` and ``form`` fill a
    row's empty 年度 / 協働の形態; ``form_choices`` says what to do with a form the list lacks,
    ``add_departments`` whether a 担当課 the register does not know is registered (the preview
    names it; only the coordinator may).
    Raises ImportBusy (projects.services.locks) when another import holds the lock too long.
    """
    result = ReportImport(dry_run=dry_run)
    limits = limits or import_limits()
    headers = list(dataset.headers or [])
    raw_rows = [dict(zip(headers, values, strict=False)) for values in dataset]
    errors_by_row: dict[int, list[ReadError]] = {}
    rows: list[ProjectRow] = []
    # A file of several forms names its rows 「後援 No.1」: No.1 alone would be ambiguous.
    forms = {str(v.get(layout.FORM) or form or "").strip() for v in raw_rows}
    name_section = len(forms) > 1
    for number, values in enumerate(raw_rows, start=1):
        if progress is not None:
            progress(1)
        try:
            rows.append(
                read_row(
                    values,
                    row_number=number,
                    fiscal_year=fiscal_year,
                    form=form,
                    name_section=name_section,
                    limits=limits,
                )
            )
        except ReportReadError as error:
            errors_by_row[number] = error.errors

    first_of_key: dict[tuple, int] = {}
    for row in rows:
        if row.key in first_of_key:
            errors_by_row.setdefault(row.row_number, []).append(
                ReadError(
                    row.label,
                    layout.NUMBER,
                    str(row.number),
                    f"同じ年度・協働の形態のNo.{row.number}が"
                    f"{first_of_key[row.key]}行目にもあります。",
                    position=row.row_number,
                )
            )
        else:
            first_of_key[row.key] = row.row_number

    outcomes = []
    if not errors_by_row and rows:
        with transaction.atomic():
            try:
                outcomes = project_import_rows(
                    rows=rows,
                    user=user,
                    reason=f"{IMPORT_REASON}（{file_name}）" if file_name else IMPORT_REASON,
                    forms=form_choices,
                    add_departments=add_departments,
                )
            except ReportReadError as error:
                if isinstance(error, UnknownFormsError):
                    result.unknown_forms = error.names
                if isinstance(error, UnknownDepartmentsError):
                    result.unknown_departments = error.names
                for read_error in error.errors:
                    errors_by_row.setdefault(read_error.position or 0, []).append(read_error)
            if dry_run or errors_by_row:
                transaction.set_rollback(True)

    if errors_by_row:
        _collect_errors(result, errors_by_row, raw_rows)
        return result

    result.new_departments = sorted({o.row.department for o in outcomes if o.new_department})
    for outcome in outcomes:
        values = raw_rows[outcome.row.row_number - 1]
        changed_columns = {COLUMN_OF_FIELD[f] for f in outcome.changed_fields}
        imported = ImportedRow(outcome.import_type, outcome.project, outcome.row)
        if outcome.before:
            after = cells_of_fields(record_of_row(outcome.row), outcome.changed_fields)
            imported.changes = [(c, outcome.before[c], after[c]) for c in outcome.before]
        imported.diff = [
            format_html("<ins>{}</ins>", values.get(c, ""))
            if c in changed_columns
            else str(values.get(c, "") or "")
            for c in layout.DATASET_COLUMNS
        ]
        result.rows.append(imported)
        result.totals[imported.import_type] += 1
    return result


def _collect_errors(result: ReportImport, errors_by_row, raw_rows) -> None:
    result.read_errors = [e for n in sorted(errors_by_row) for e in errors_by_row[n]]
    for number in sorted(errors_by_row):
        messages: dict[str, list[str]] = {}
        for read_error in errors_by_row[number]:
            messages.setdefault(read_error.column or layout.NUMBER, []).append(str(read_error))
        values = raw_rows[number - 1] if number else {}
        # A refused cell is shown again: its invisible characters written out, not acting.
        values = {c: shown(v) if isinstance(v, str) else v for c, v in values.items()}
        result.invalid_rows.append(InvalidRow(number, values, messages))
        result.totals[INVALID] += 1
