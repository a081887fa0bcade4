"""What changed in the register since a year's latest edition (公表版), cell by cell.

The edition's CSV is compared with the CSV the register would give now, row by row keyed by
協働の形態 and No.: the very bytes citizens downloaded against what they would download today.
report_changes and 年次集計 both read ``edition_changes``.
"""

import csv
import io
from dataclasses import asdict, dataclass

from projects import layout
from projects.choices import FileKind
from projects.models import Edition, EditionFile
from projects.report.files import report_file
from projects.selectors import projects_for_report


@dataclass(frozen=True)
class CellChange:
    no: int | str
    form: str
    column: str
    published: str
    now: str

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class EditionChanges:
    edition: Edition
    changes: list[CellChange]


def latest_edition(fiscal_year: int) -> Edition | None:
    return Edition.objects.filter(fiscal_year=fiscal_year).order_by("-number").first()


def is_published_year(fiscal_year: int | None) -> bool:
    """Whether the year has an edition: its projects are then changed only with a reason."""
    return fiscal_year is not None and Edition.objects.filter(fiscal_year=fiscal_year).exists()


def _rows(data: bytes) -> tuple[list[str], dict[tuple[str, str], list[str]]]:
    """The header and the rows by (協働の形態, No.) of a report CSV (UTF-8 with BOM)."""
    if not data:
        return list(layout.DATASET_COLUMNS), {}
    header, *rows = csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""))
    form_at, number_at = header.index(layout.FORM), header.index(layout.NUMBER)
    return header, {(row[form_at], row[number_at]): row for row in rows}


def _number(text: str) -> int | str:
    return int(text) if text.isdigit() else text


def diff_rows(published: bytes, now: bytes) -> list[CellChange]:
    """Every cell that differs between two report CSVs; a row on one side only shows each of
    its cells with "" on the other. In the order of the published rows, then the new ones."""
    old_header, old_rows = _rows(published)
    new_header, new_rows = _rows(now)
    columns = old_header + [c for c in new_header if c not in old_header]
    changes = []
    for key in [*old_rows, *(k for k in new_rows if k not in old_rows)]:
        old = dict(zip(old_header, old_rows.get(key, ()), strict=False))
        new = dict(zip(new_header, new_rows.get(key, ()), strict=False))
        for column in columns:
            before, after = old.get(column, ""), new.get(column, "")
            if before != after:
                changes.append(CellChange(_number(key[1]), key[0], column, before, after))
    return changes


def edition_changes(fiscal_year: int) -> EditionChanges | None:
    """The year's latest edition and the cells changed since; None when it has no edition."""
    edition = latest_edition(fiscal_year)
    if edition is None:
        return None
    stored = EditionFile.objects.filter(edition=edition, kind=FileKind.CSV).values_list(
        "content", flat=True
    )
    published = bytes(stored.first() or b"")
    now = report_file(FileKind.CSV, projects_for_report(fiscal_year=fiscal_year), title="")
    return EditionChanges(edition, diff_rows(published, now))
