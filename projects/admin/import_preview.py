"""What the import page shows of a result, prepared for its template.

Errors in plain sight: a numbered list at the top, each linking to its row, and in the row the
bad cell marked with its reason written under it (no hover). The preview of a readable file
leads with the outcome (新規・更新・変更なし), shows an updated project's changed cells only, the
register's text beside the file's with the differing characters marked, and folds the unchanged
rows away.
"""

from dataclasses import dataclass, field
from difflib import SequenceMatcher

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from projects import layout
from projects.report import cells
from projects.report.plain import PlainProject, record_of_row
from projects.wareki import fiscal_year_label

# An invalid row shows these columns after its label (No. is in the label); long texts without
# an error are shortened so the row stays readable.
ERROR_ROW_COLUMNS = tuple(c for c in layout.DATASET_COLUMNS if c != layout.NUMBER)
SHORT = 40
# A change shown on the preview is marked character by character up to this length; longer
# texts (a whole 目的 rewritten) are shown side by side unmarked.
MARK_LIMIT = 4000
REWRITTEN = 0.5  # below this similarity a change is a rewrite, not an edit


def outcome_text(totals) -> str:
    """「新規 0件・更新 1件・変更なし 22件」."""
    return f"新規 {totals['new']}件・更新 {totals['update']}件・変更なし {totals['skip']}件"


def row_anchor(position: int | None) -> str:
    return f"import-row-{position}" if position else ""


@dataclass
class ErrorCell:
    column: str
    text: str
    full_text: str
    reasons: list[str] = field(default_factory=list)
    reason_id: str = ""


@dataclass
class ErrorRow:
    anchor: str
    label: str
    cells: list[ErrorCell]
    row_reasons: list[str]  # No. and whole-row errors, shown under the row's label
    reason_id: str


@dataclass
class ErrorLink:
    anchor: str
    text: str


def _short(text: str) -> str:
    return text if len(text) <= SHORT else text[: SHORT - 1] + "…"


def error_view(result) -> dict:
    """The error summary (links) and the invalid rows with their cells marked."""
    by_position: dict[int, list] = {}
    for error in result.read_errors:
        by_position.setdefault(error.position or 0, []).append(error)
    links = [ErrorLink(row_anchor(e.position), str(e)) for e in result.read_errors]
    rows = []
    for invalid in result.invalid_rows:
        errors = by_position.get(invalid.number, [])
        anchor = row_anchor(invalid.number)
        if not anchor:  # errors of the whole file: in the summary only
            continue
        label = errors[0].row if errors else f"{invalid.number}行目"
        values = invalid.values
        cells = []
        for index, column in enumerate(ERROR_ROW_COLUMNS):
            value = values.get(column, "")
            if column == layout.FISCAL_YEAR and isinstance(value, int):
                value = fiscal_year_label(value)  # the text's title gives the western year
            text = str(value or "")
            reasons = [e.reason for e in errors if e.column == column]
            cells.append(
                ErrorCell(
                    column=column,
                    text=text if reasons else _short(text),
                    full_text=text,
                    reasons=reasons,
                    reason_id=f"{anchor}-reason-{index}" if reasons else "",
                )
            )
        row_reasons = [
            (f"「{e.text}」 " if e.text and e.column else "") + e.reason
            for e in errors
            if e.column not in ERROR_ROW_COLUMNS
        ]
        rows.append(ErrorRow(anchor, label, cells, row_reasons, f"{anchor}-reason"))
    return {
        "error_links": links,
        "error_rows": rows,
        "error_count": len(links),
        "error_columns": ERROR_ROW_COLUMNS,
    }


@dataclass
class Change:
    column: str
    before: SafeString
    after: SafeString


@dataclass
class PreviewRow:
    """A readable row in the report's wording (whitespace of the PDF's line wraps removed)."""

    label: str
    record: PlainProject
    changes: list[Change] = field(default_factory=list)

    @property
    def name(self) -> str:  # 「協働事業の名称 (担当課)」
        return cells.name_cell(self.record)

    @property
    def category(self) -> str:
        return cells.category_cell(self.record)

    @property
    def partners(self) -> str:
        return cells.partners_cell(self.record)

    @property
    def sessions(self) -> str:
        return cells.sessions_cell(self.record)


def marked(before: str, after: str) -> tuple[SafeString, SafeString]:
    """Both texts with the characters that differ in <del> (before) and <ins> (after)."""
    matcher = SequenceMatcher(None, before, after, autojunk=False)
    too_long = len(before) + len(after) > MARK_LIMIT
    # A text rewritten as a whole would be marked in scattered shreds: shown as it is.
    if not before or not after or too_long or matcher.ratio() < REWRITTEN:
        return format_html("{}", before or "（空欄）"), format_html("{}", after or "（空欄）")
    old, new = [], []
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        if tag == "equal":
            old.append(("{}", before[a1:a2]))
            new.append(("{}", after[b1:b2]))
            continue
        if a2 > a1:
            old.append(("<del>{}</del>", before[a1:a2]))
        if b2 > b1:
            new.append(("<ins>{}</ins>", after[b1:b2]))

    def join(parts):
        return format_html_join("", "{}", ((format_html(f, t),) for f, t in parts))

    return join(old), join(new)


def preview_view(result) -> dict:
    """The outcome line and the rows by fate: new, updated (with their changes), unchanged."""
    groups: dict[str, list[PreviewRow]] = {"new": [], "update": [], "skip": []}
    rows = [row for row in result.valid_rows() if row.read_row is not None]
    for row in rows:
        if row.import_type not in groups:
            continue
        view = PreviewRow(row.label, record_of_row(row.read_row))
        for column, before, after in row.changes:
            view.changes.append(Change(column, *marked(before, after)))
        groups[row.import_type].append(view)
    # 「令和5年度 共催」: what the file holds (the projects are in memory, no query).
    sections = sorted(
        {(r.instance.fiscal_year, r.instance.form.order, r.instance.form.name) for r in rows}
    )
    return {
        "outcome_text": outcome_text(result.totals),
        "new_rows": groups["new"],
        "updated_rows": groups["update"],
        "unchanged_rows": groups["skip"],
        "sections": [f"{fiscal_year_label(year)} {form}" for year, _order, form in sections],
    }
