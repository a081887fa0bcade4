"""A year's report as files: the bytes `export_report` writes, and what each kind is served as.

One writer per kind (projects.choices.FileKind), shared by export_report and by publishing an
edition (projects.services.editions), so an edition holds exactly what the command would
write.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import QuerySet

from projects import layout
from projects.choices import FileKind
from projects.report.export import report_dataset, report_records, report_rows
from projects.report.pdf import report_pdf
from projects.report.writers import dataset_to_xlsx, rows_to_csv


@dataclass(frozen=True)
class KindSpec:
    content_type: str
    # (projects, title, encoding) -> bytes, or b"" when there is no project to write
    write: Callable[[QuerySet, str, str], bytes]


def _csv(projects: QuerySet, title: str, encoding: str) -> bytes:
    rows = report_rows(projects)  # a CSV is written from the rows, without a Dataset
    return rows_to_csv(layout.DATASET_COLUMNS, rows, encoding=encoding) if rows else b""


def _xlsx(projects: QuerySet, title: str, encoding: str) -> bytes:
    dataset = report_dataset(projects)
    return dataset_to_xlsx(dataset, title=title) if dataset.height else b""


def _json(projects: QuerySet, title: str, encoding: str) -> bytes:
    records = report_records(projects)
    if not records:
        return b""
    return (json.dumps(records, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _pdf(projects: QuerySet, title: str, encoding: str) -> bytes:
    return report_pdf(projects, title=title)


KINDS: dict[str, KindSpec] = {
    FileKind.CSV: KindSpec("text/csv; charset=utf-8", _csv),
    FileKind.XLSX: KindSpec(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", _xlsx
    ),
    FileKind.JSON: KindSpec("application/json; charset=utf-8", _json),
    FileKind.PDF: KindSpec("application/pdf", _pdf),
}


def report_file(kind: str, projects: QuerySet, *, title: str, encoding: str = "utf-8-sig") -> bytes:
    """The projects as one file of ``kind``; b"" when there are none.

    Raises projects.report.writers.UnencodableError for a CSV in an encoding that cannot hold
    a character (cp932)."""
    return KINDS[kind].write(projects, title, encoding)
