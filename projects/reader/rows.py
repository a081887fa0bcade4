"""Reading one row of the report layout (a dataset row) into a record ready to be saved.

Pure like the rest of the reader: kyodo/limits.py gives the ranges and lengths the register stores.

The dataset comes from the report text (via projects.reader.table), a CSV or an XLSX; every
cell goes through the reader's cell functions, so all three sources obey the same rules.
Nothing is guessed: a cell that cannot be read yields a ReadError naming the row, the column,
the text and the reason, and the row is not saved.
"""

import unicodedata
from dataclasses import dataclass, replace

from kyodo import limits
from kyodo.characters import forbidden_character
from kyodo.limits import SMALLINT_MAX
from projects import layout
from projects.formulas import restore
from projects.reader import cells
from projects.reader.bounds import DEFAULT, Limits
from projects.reader.limits import within, year_within
from projects.reader.records import (
    CellError,
    PartnerEntry,
    ReadError,
    ReportReadError,
    SessionsCell,
)
from projects.reader.text import clean
from projects.wareki import (
    WarekiError,
    fiscal_year_label,
    format_date,
    outside_fiscal_year,
    read_year,
)


@dataclass(frozen=True)
class ProjectRow:
    """A fully read row: everything the register stores about one project."""

    row_number: int  # 1-based position in the dataset
    fiscal_year: int
    form: str
    number: int
    name: str
    department: str
    category: str
    since_year: int | None
    purpose: str
    effect: str
    partners: tuple[PartnerEntry, ...]
    sessions: SessionsCell
    named_section: bool = False  # a file of several forms names the row 「後援 No.1」
    page: str = ""  # a PDF's row: the page it began on, named before the row (「3ページ No.1」)

    @property
    def key(self) -> tuple[int, str, int]:
        return (self.fiscal_year, self.form, self.number)

    @property
    def label(self) -> str:
        label = row_label(self.number, self.form if self.named_section else None)
        return f"{self.page}ページ {label}" if self.page else label


def row_label(number, section: str | None = None) -> str:
    """How an error names a row: 「No.3」, or 「後援 No.3」 when the file has several forms."""
    return f"{section} No.{number}" if section else f"No.{number}"


def _cell(values: dict, column: str) -> str:
    value = values.get(column)
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():  # XLSX numbers come back as floats
        value = int(value)
    return restore(str(value)).strip()


def parse_fiscal_year(text: str) -> int:
    """「令和5年度」, 「令和元年度」, 「R5」, 「2023年度」 or 「2023」 → 2023."""
    return year_within(read_year(text), what="年度", text=text)


def parse_number(text: str) -> int:
    normal = unicodedata.normalize("NFKC", text).strip().removesuffix(".")
    if not normal.isdigit() or int(normal) < 1:
        raise CellError("No.は1以上の整数で書いてください。")
    return within(int(normal), low=1, high=SMALLINT_MAX, what="No.")


def read_row(
    values: dict,
    *,
    row_number: int,
    fiscal_year: int | None = None,
    form: str | None = None,
    name_section: bool = False,
    limits: Limits = DEFAULT,
) -> ProjectRow:
    """Read a dataset row (column header → text); raises ReportReadError with every problem."""
    errors: list[ReadError] = []
    # A cell with an invisible or control character is not read further: its one error says
    # which character (the text itself is not shown, since the character would act on the page).
    refusals = {
        column: reason
        for column in layout.DATASET_COLUMNS
        if (reason := _refusal(_cell(values, column), limits))
    }
    refused = set(refusals)
    number_text = "" if layout.NUMBER in refused else _cell(values, layout.NUMBER)
    form_name = (None if layout.FORM in refused else clean(_cell(values, layout.FORM))) or form
    section = form_name if name_section else None
    where = row_label(number_text, section) if number_text else f"{row_number}行目"
    page = _cell(values, layout.PAGE)
    if page:
        where = f"{page}ページ {where}"
    errors.extend(ReadError(where, column, "", reason) for column, reason in refusals.items())

    def read(column, parse, text=None):
        if column in refused:
            return None
        text = _cell(values, column) if text is None else text
        try:
            return parse(text)
        except (CellError, WarekiError) as error:
            errors.append(ReadError(where, column, text, str(error)))
            return None

    def required(column):
        text = _cell(values, column)
        if not text and column not in refused:
            errors.append(ReadError(where, column, "", "空欄です。必ず入力してください。"))
        return text

    year_text = _cell(values, layout.FISCAL_YEAR)
    if year_text:
        year = read(layout.FISCAL_YEAR, parse_fiscal_year)
        if year is not None and fiscal_year is not None and year != fiscal_year:
            errors.append(
                ReadError(
                    where,
                    layout.FISCAL_YEAR,
                    year_text,
                    f"指定された年度（{fiscal_year_label(fiscal_year)}）と異なります。",
                )
            )
    elif fiscal_year is not None:
        year = fiscal_year
    else:
        year = None
        errors.append(ReadError(where, layout.FISCAL_YEAR, "", "年度がわかりません。"))

    if layout.FORM in refused:
        pass
    elif not form_name:
        errors.append(ReadError(where, layout.FORM, "", "協働の形態がわかりません。"))
    elif form is not None and form_name != form:
        errors.append(
            ReadError(
                where, layout.FORM, form_name, f"指定された協働の形態（{form}）と異なります。"
            )
        )

    number = read(layout.NUMBER, parse_number) if required(layout.NUMBER) else None
    name_department = read(layout.NAME, cells.parse_name) if required(layout.NAME) else None
    category = read(layout.CATEGORY, cells.parse_category) if required(layout.CATEGORY) else None
    partners = read(layout.PARTNERS, cells.parse_partners)
    sessions = read(layout.SESSIONS, cells.parse_sessions)

    if partners is not None and len(partners) > limits.partners:
        errors.append(
            ReadError(
                where,
                layout.PARTNERS,
                "",
                f"団体が多すぎます（{len(partners):,}団体。1つの事業に{limits.partners:,}団体まで）。",
            )
        )
        partners = None
    if sessions is not None and len(sessions.sessions) > limits.sessions:
        errors.append(
            ReadError(
                where,
                layout.SESSIONS,
                "",
                f"実施日が多すぎます（{len(sessions.sessions):,}回。"
                f"1つの事業に{limits.sessions:,}回まで）。",
            )
        )
        sessions = None
    if sessions is not None and year is not None:
        errors.extend(_check_sessions(sessions, year, where))
    errors.extend(
        ReadError(where, column, text, reason)
        for column, text, reason in _too_long(name_department, partners, sessions)
    )

    if errors:
        raise ReportReadError([replace(e, position=row_number) for e in errors])
    # Without errors every cell was there and read: an empty or unreadable one is an error.
    assert form_name is not None and number is not None
    assert name_department is not None and category is not None
    name, department = name_department
    category_value, since_year = category
    if since_year is not None and since_year > year:
        raise ReportReadError(
            [
                ReadError(
                    where,
                    layout.CATEGORY,
                    _cell(values, layout.CATEGORY),
                    "継続実施の開始年が年度より後です。",
                    position=row_number,
                )
            ]
        )
    return ProjectRow(
        row_number=row_number,
        fiscal_year=year,
        form=form_name,
        number=number,
        name=name,
        department=department,
        category=category_value,
        since_year=since_year,
        purpose=clean(_cell(values, layout.PURPOSE)),
        effect=clean(_cell(values, layout.EFFECT)),
        partners=tuple(partners or ()),
        sessions=sessions,
        named_section=name_section,
        page=page,
    )


def _check_sessions(cell: SessionsCell, fiscal_year: int, where: str) -> list[ReadError]:
    """Sessions fall inside the fiscal year; a closing total agrees with the sessions."""
    errors = []
    for session in cell.sessions:
        if reason := outside_fiscal_year(fiscal_year, session.start, session.end):
            shown = format_date(session.start)
            if session.end:
                shown += f"～{format_date(session.end)}"
            errors.append(ReadError(where, layout.SESSIONS, shown, reason))
    total = cell.participants_total
    if cell.reported_participants_total is not None and cell.reported_participants_total != total:
        errors.append(
            ReadError(
                where,
                layout.SESSIONS,
                f"延べ{cell.reported_participants_total:,}人",
                f"各回の参加人数の合計（{total:,}人）と合いません。",
            )
        )
    if cell.reported_session_count is not None and cell.reported_session_count != len(
        cell.sessions
    ):
        errors.append(
            ReadError(
                where,
                layout.SESSIONS,
                f"全{cell.reported_session_count}回",
                f"書かれた実施日の数（{len(cell.sessions)}回）と合いません。",
            )
        )
    return errors


def _refusal(text: str, limits: Limits) -> str | None:
    """Why a cell is refused before it is read: a character it may not hold, or its length."""
    if len(text) > limits.cell_chars:
        return f"文字が多すぎます（{len(text):,}文字。1つのセルは{limits.cell_chars:,}文字まで）。"
    return forbidden_character(text)


def _too_long(name_department, partners, sessions) -> list[tuple[str, str, str]]:
    """(column, text, reason) of each text longer than the register's column can store."""
    checks = []
    if name_department is not None:
        name, department = name_department
        checks += [
            (layout.NAME, "協働事業の名称", name, limits.PROJECT_NAME_MAX),
            (layout.NAME, "担当課", department, limits.DEPARTMENT_NAME_MAX),
        ]
    for entry in partners or ():
        checks += [
            (layout.PARTNERS, "団体名", entry.name, limits.PARTNER_NAME_MAX),
            (layout.PARTNERS, "団体名", entry.written_as, limits.PARTNER_NAME_MAX),
            (layout.PARTNERS, "役割", entry.role, limits.ROLE_MAX),
        ]
    for session in sessions.sessions if sessions is not None else ():
        checks += [
            (layout.SESSIONS, "内容", session.label, limits.SESSION_TEXT_MAX),
            (layout.SESSIONS, "備考", session.note, limits.SESSION_TEXT_MAX),
        ]
    found, seen = [], set()
    for column, what, text, most in checks:
        if len(text) > most and (column, what, text) not in seen:
            seen.add((column, what, text))
            found.append((column, text, f"{what}が長すぎます（{len(text)}文字。{most}文字まで）。"))
    return found
