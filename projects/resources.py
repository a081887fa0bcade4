"""The report layout as a django-import-export resource, shared by the admin and the commands.

Importing reads every row with projects.reader.rows (the reader's rules) and saves them through
projects.services.importing in batches; each row's fate (new, update, skip = unchanged, or
invalid with its errors in Japanese) is reported the way the admin's preview shows it.
Exporting writes the published layout (projects.report).
"""

import tablib
from django.core.exceptions import ValidationError
from django.utils.html import format_html
from import_export import fields, resources
from import_export.formats import base_formats
from import_export.results import Result, RowResult

from kyodo.memory import without_cyclic_gc
from projects import layout
from projects.models import Project
from projects.reader.records import ReadError, ReportReadError
from projects.reader.rows import ProjectRow, read_row
from projects.reader.table import decode_source, read_report
from projects.report.cells import COLUMN_OF_FIELD, cells_of_fields
from projects.report.plain import record_of_row
from projects.services.importing import IMPORT_REASON, project_import_rows
from projects.services.unknown_forms import FormChoices, UnknownFormsError


def report_text_dataset(
    data: bytes | str, *, fiscal_year: int | None = None, form: str | None = None
) -> tablib.Dataset:
    """The report's PDF text as a dataset in the report layout (year and form filled in)."""
    text = decode_source(data) if isinstance(data, bytes) else data
    table = read_report(text, fiscal_year=fiscal_year, form=form)
    dataset = tablib.Dataset(headers=list(layout.DATASET_COLUMNS))
    for row in table.rows:
        row_form = getattr(row, "form", None) or table.form
        dataset.append([table.fiscal_year, row_form, *(row.cells[c] for c in layout.TABLE_COLUMNS)])
    return dataset


def tabular_dataset(data: bytes, *, kind: str) -> tablib.Dataset:
    """A CSV (UTF-8 with or without BOM, or cp932: detected) or an XLSX file as a dataset."""
    if kind == "xlsx":
        try:
            dataset = tablib.Dataset().load(data, format="xlsx")
        except Exception:
            raise ReportReadError(
                [ReadError("ファイル", "", "", "XLSXファイルとして読めません。")]
            ) from None
    else:
        dataset = tablib.Dataset().load(decode_source(data), format="csv")
    if dataset.headers:
        dataset.headers = [str(h or "").strip() for h in dataset.headers]
    missing = [c for c in layout.TABLE_COLUMNS if c not in (dataset.headers or [])]
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


class ReportTextFormat(base_formats.Format):
    """The report as text extracted from the PDF (UTF-8 or cp932)."""

    def __init__(self, encoding=None):
        # The admin's confirm step passes an encoding to every format; the text's is detected.
        self.encoding = encoding

    def get_title(self):
        return "報告書テキスト (txt)"

    def create_dataset(self, in_stream):
        return report_text_dataset(in_stream)

    def get_extension(self):
        return "txt"

    def get_content_type(self):
        return "text/plain"

    def can_import(self):
        return True


class ReportCSVFormat(base_formats.CSV):
    """CSV in the report layout; UTF-8 (with or without BOM) or cp932, detected."""

    def get_title(self):
        return "csv"

    def create_dataset(self, in_stream, **kwargs):
        if isinstance(in_stream, str):
            in_stream = in_stream.encode("utf-8")
        return tabular_dataset(in_stream, kind="csv")

    def is_binary(self):
        return True

    def get_read_mode(self):
        return "rb"


class ReportXLSXFormat(base_formats.XLSX):
    def create_dataset(self, in_stream):
        return tabular_dataset(in_stream, kind="xlsx")


class ReportImportResult(Result):
    """The library's result with what the admin's preview shows besides: every error as read
    (row label, column, text, reason, position) and the forms the register's list lacks."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.read_errors: list[ReadError] = []
        self.unknown_forms: list[str] = []


class ReportRowResult(RowResult):
    """A row's fate with the row as read (its label: 「No.3」, 「後援 No.3」) and, for an update,
    each changed column as (column, the register's cell, the file's), in the report's wording."""

    def __init__(self):
        super().__init__()
        self.read_row: ProjectRow | None = None
        self.changes: list[tuple[str, str, str]] = []

    @property
    def label(self) -> str:
        return self.read_row.label if self.read_row is not None else ""


class ProjectResource(resources.ModelResource):
    """協働事業 in the report layout: 年度, 協働の形態 and the seven columns of the table."""

    fiscal_year = fields.Field(column_name=layout.FISCAL_YEAR, readonly=True)
    form = fields.Field(column_name=layout.FORM, readonly=True)
    number = fields.Field(column_name=layout.NUMBER, readonly=True)
    name = fields.Field(column_name=layout.NAME, readonly=True)
    category = fields.Field(column_name=layout.CATEGORY, readonly=True)
    purpose = fields.Field(column_name=layout.PURPOSE, readonly=True)
    partners = fields.Field(column_name=layout.PARTNERS, readonly=True)
    sessions = fields.Field(column_name=layout.SESSIONS, readonly=True)
    effect = fields.Field(column_name=layout.EFFECT, readonly=True)

    class Meta:
        model = Project
        fields = (
            "fiscal_year",
            "form",
            "number",
            "name",
            "category",
            "purpose",
            "partners",
            "sessions",
            "effect",
        )
        use_transactions = True

    def __init__(
        self,
        *,
        default_fiscal_year: int | None = None,
        default_form: str | None = None,
        form_choices: FormChoices | None = None,
        **kwargs,
    ):
        # Named default_*: the admin passes its upload form to resources as `form=`.
        super().__init__(**kwargs)
        self.default_fiscal_year = default_fiscal_year
        self.default_form = default_form
        # What to do with forms the register's list lacks (added or read as a listed one).
        self.form_choices = form_choices

    @classmethod
    def get_result_class(cls):
        return ReportImportResult

    @classmethod
    def get_row_result_class(cls):
        return ReportRowResult

    @classmethod
    def get_display_name(cls):
        return "報告書の様式"

    # -- import ---------------------------------------------------------------------------

    @without_cyclic_gc  # reading and writing a whole file: many small objects, no cycles
    def import_data_inner(
        self, dataset, dry_run, raise_errors, using_transactions, collect_failed_rows, **kwargs
    ):
        result = self.get_result_class()()
        result.diff_headers = list(layout.DATASET_COLUMNS)
        result.total_rows = len(dataset)
        raw_rows = [
            {h: v for h, v in zip(dataset.headers or [], values, strict=False)}
            for values in dataset
        ]
        errors_by_row: dict[int, list[ReadError]] = {}
        rows = []
        progress = kwargs.get("progress")
        # A file of several forms names its rows 「後援 No.1」: No.1 alone would be ambiguous.
        forms = {str(v.get(layout.FORM) or self.default_form or "").strip() for v in raw_rows}
        name_section = len(forms) > 1
        for number, values in enumerate(raw_rows, start=1):
            if progress is not None:
                progress(1)
            try:
                rows.append(
                    read_row(
                        values,
                        row_number=number,
                        fiscal_year=self.default_fiscal_year,
                        form=self.default_form,
                        name_section=name_section,
                    )
                )
            except ReportReadError as error:
                errors_by_row[number] = error.errors

        first_of_key = {}
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
            try:
                file_name = kwargs.get("file_name")
                outcomes = project_import_rows(
                    rows=rows,
                    user=kwargs.get("user"),
                    reason=f"{IMPORT_REASON}（{file_name}）" if file_name else IMPORT_REASON,
                    forms=self.form_choices,
                )
            except ReportReadError as error:
                if isinstance(error, UnknownFormsError):
                    result.unknown_forms = error.names
                for read_error in error.errors:
                    errors_by_row.setdefault(read_error.position or 0, []).append(read_error)

        if errors_by_row:
            result.read_errors = [e for n in sorted(errors_by_row) for e in errors_by_row[n]]
            for number in sorted(errors_by_row):
                messages: dict[str, list[str]] = {}
                for read_error in errors_by_row[number]:
                    column = read_error.column or layout.NUMBER
                    messages.setdefault(column, []).append(str(read_error))
                values = raw_rows[number - 1] if number else {}
                result.append_invalid_row(number, values, ValidationError(messages))
                result.totals[RowResult.IMPORT_TYPE_INVALID] += 1
            if raise_errors:
                raise ReportReadError(result.read_errors)
            return result

        for outcome in outcomes:
            row_result = self.get_row_result_class()()
            row_result.import_type = outcome.import_type
            row_result.instance = outcome.project
            row_result.add_instance_info(outcome.project)
            changed_columns = {COLUMN_OF_FIELD[f] for f in outcome.changed_fields}
            values = raw_rows[outcome.row.row_number - 1]
            row_result.read_row = outcome.row
            if outcome.before:
                after = cells_of_fields(record_of_row(outcome.row), outcome.changed_fields)
                row_result.changes = [(c, outcome.before[c], after[c]) for c in outcome.before]
            row_result.diff = [
                format_html("<ins>{}</ins>", values.get(c, ""))
                if c in changed_columns
                else str(values.get(c, "") or "")
                for c in layout.DATASET_COLUMNS
            ]
            result.append_row_result(row_result)
            result.increment_row_result_total(row_result)
        return result

    # -- export ---------------------------------------------------------------------------

    def export(self, queryset=None, **kwargs):
        from projects.report.export import report_dataset

        if queryset is None:
            queryset = self.get_queryset()
        dataset = report_dataset(queryset)
        chosen = kwargs.get("export_fields")  # the columns ticked in the admin's export form
        if not chosen:
            return dataset
        # The ticked columns only, in the report's order and wording.
        columns = [field.column_name for field in self.get_export_fields(chosen)]
        kept = [dataset.headers.index(column) for column in columns]
        subset = tablib.Dataset(headers=columns)
        for row in dataset:
            subset.append([row[i] for i in kept])
        return subset
