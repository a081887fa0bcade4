"""Each cell of the published table, rebuilt from the structured records in the report's wording.

Only the project's own fields and its related rows are read (``partner_links`` with their
``partner``, ``sessions``, and the names of the form and department in the project's year,
``form_name`` and ``department_name``): either a model instance with them prefetched
(``projects.selectors.projects_for_report``) or a plain record of projects.report.plain, whose
related rows are tuples already in order. Neither costs a query per project.
"""

from collections.abc import Iterator, Sequence
from itertools import groupby
from typing import overload

from projects import layout
from projects.models import Category, Project, ProjectPartner, Session
from projects.report.plain import PlainLink, PlainProject, PlainSession
from projects.wareki import era_of_date, fiscal_year_label, format_date, format_year

RANGE = "～"  # U+FF5E, as the report prints it (and cp932 can hold it)
LIST = "、"
ROLE = "："
LABEL = "・"

# What the cells are built from: a project with its relations prefetched, or a plain record.
Reported = Project | PlainProject


def name_cell(project: Reported) -> str:
    """「まちかどミーティング (協働・男女平等参画室)」."""
    return f"{project.name} ({project.department_name})"


def category_cell(project: Reported) -> str:
    """「例年実施 (昭和62年頃から継続実施)」, or the category alone (「単年度(新規)実施」)."""
    label = Category(project.category).label
    if project.since_year:
        return f"{label} ({format_year(project.since_year)}頃から継続実施)"
    return str(label)


@overload
def links_of(project: Project) -> list[ProjectPartner]: ...
@overload
def links_of(project: PlainProject) -> list[PlainLink]: ...
@overload
def links_of(project: Reported) -> list[ProjectPartner] | list[PlainLink]: ...
def links_of(project: Reported) -> list[ProjectPartner] | list[PlainLink]:
    if isinstance(project.partner_links, tuple):  # a plain record: in order already
        return list(project.partner_links)
    return sorted(project.partner_links.all(), key=lambda link: (link.order, link.pk or 0))


def partners_lines(project: Reported) -> list[str]:
    """One text per run of partners sharing a role label: 「日曜大工：A、B」."""
    lines = []
    every: Sequence[ProjectPartner | PlainLink] = links_of(project)
    for role, links in groupby(every, key=lambda link: link.role):
        names = LIST.join(link.display_name for link in links)
        lines.append(f"{role}{ROLE}{names}" if role else names)
    return lines


def partners_cell(project: Reported) -> str:
    """Partners in link order joined with 、; a role label before each run, after a space."""
    return " ".join(partners_lines(project))


def date_range_text(session: Session) -> str:
    """「令和5年8月22日～10月31日」: the end omits what it shares with the start."""
    start, end = session.start, session.end
    text = format_date(start)
    if end is None or end == start:
        return text
    same_year = start.year == end.year and era_of_date(start) == era_of_date(end)
    same_month = same_year and start.month == end.month
    return text + RANGE + format_date(end, year=not same_year, month=not same_month)


def count_text(participants: int, *, approximate: bool = False, unit: str = "人") -> str:
    """「(305人)」, 「(約300人)」, 「(3,723人)」, 「(21名)」."""
    return f"({'約' if approximate else ''}{participants:,}{unit})"


@overload
def sessions_of(project: Project) -> list[Session]: ...
@overload
def sessions_of(project: PlainProject) -> list[PlainSession]: ...
@overload
def sessions_of(project: Reported) -> list[Session] | list[PlainSession]: ...
def sessions_of(project: Reported) -> list[Session] | list[PlainSession]:
    if isinstance(project.sessions, tuple):  # a plain record: in order already
        return list(project.sessions)
    return sorted(project.sessions.all(), key=lambda s: (s.order, s.start, s.pk or 0))


def _runs(sessions) -> Iterator[list[Session]]:
    """The sessions as the report groups them: each session of group 0 alone (it has its own
    count), consecutive sessions of one group ≥ 1 together (they share one)."""
    run: list[Session] = []
    for session in sessions:
        if run and session.group and session.group == run[-1].group:
            run.append(session)
            continue
        if run:
            yield run
        run = [session]
    if run:
        yield run


def sessions_lines(project: Reported) -> list[str]:
    """One text per group of sessions sharing a count, then the closing total if reported.

    A group: its label (once per run of the same label), its dates joined with 、, the shared
    count and the note after it: 「・子ども会交流会 令和5年6月24日、令和6年1月21日 (46人)」.
    """
    lines = []
    previous_label = ""
    for members in _runs(sessions_of(project)):
        if len(members) == 1:  # most sessions: no search through the group
            (only,) = members
            label, dates, note = only.label or "", date_range_text(only), only.note
            counted = only if only.participants is not None else None
        else:
            label = next((s.label for s in members if s.label), "")
            dates = LIST.join(date_range_text(s) for s in members)
            counted = next((s for s in members if s.participants is not None), None)
            note = next((s.note for s in members if s.note), "")
        parts = []
        if label and label != previous_label:
            parts.append(f"{LABEL}{label}")
        previous_label = label
        parts.append(dates)
        if counted is not None and counted.participants is not None:  # chosen for its count
            parts.append(
                count_text(counted.participants, approximate=counted.approximate, unit=counted.unit)
            )
        if note:
            parts.append(note)
        lines.append(" ".join(parts))
    total = closing_total(project)
    if total:
        lines.append(total)
    return lines


def closing_total(project: Reported) -> str:
    """「全9回 延べ165人」 from the reported figures; either half alone when only one is kept."""
    parts = []
    if project.reported_session_count is not None:
        parts.append(f"全{project.reported_session_count:,}回")
    if project.reported_participants_total is not None:
        parts.append(f"延べ{project.reported_participants_total:,}人")
    return " ".join(parts)


def sessions_cell(project: Reported) -> str:
    return " ".join(sessions_lines(project))


def table_row(project: Reported) -> list[str]:
    """The seven columns of the printed table (layout.TABLE_COLUMNS)."""
    return [
        str(project.number),
        name_cell(project),
        category_cell(project),
        project.purpose,
        partners_cell(project),
        sessions_cell(project),
        project.effect,
    ]


def report_row(project: Reported) -> list[str]:
    """A row of projects.layout.DATASET_COLUMNS: year label, form, the seven columns."""
    return [fiscal_year_label(project.fiscal_year), project.form_name, *table_row(project)]


# Which column of the table shows which stored field ("partners" and "sessions": the related rows).
COLUMN_OF_FIELD = {
    "name": layout.NAME,
    "department_id": layout.NAME,
    "category": layout.CATEGORY,
    "since_year": layout.CATEGORY,
    "purpose": layout.PURPOSE,
    "effect": layout.EFFECT,
    "partners": layout.PARTNERS,
    "sessions": layout.SESSIONS,
    "reported_session_count": layout.SESSIONS,
    "reported_participants_total": layout.SESSIONS,
}
_CELL_OF_COLUMN = {
    layout.NAME: name_cell,
    layout.CATEGORY: category_cell,
    layout.PURPOSE: lambda project: project.purpose,
    layout.PARTNERS: partners_cell,
    layout.SESSIONS: sessions_cell,
    layout.EFFECT: lambda project: project.effect,
}


def cells_of_fields(project: Reported, fields) -> dict[str, str]:
    """The cells showing these fields, column → text, in the table's column order."""
    columns = {COLUMN_OF_FIELD[f] for f in fields}
    return {c: _CELL_OF_COLUMN[c](project) for c in layout.TABLE_COLUMNS if c in columns}
