"""A year's projects as plain records for the report's cells: read with values(), no models.

Building tens of thousands of model instances (a project, its partner links with their partners,
its sessions) was most of an export's time. These records carry exactly what projects.report.cells
reads, under the same attribute names, in three queries whatever the number of projects; the
projects are read in chunks and each one's links and sessions let go once it is made.
"""

from collections import defaultdict
from collections.abc import Iterator
from datetime import date
from typing import NamedTuple

from projects.models import Project, ProjectPartner, Session
from projects.querysets import ProjectQuerySet

CHUNK = 2000

# Named tuples: read-only records made ten thousands at a time, faster to make than frozen
# dataclasses (whose every field is set through object.__setattr__).


class Named(NamedTuple):
    """The partner's identity: its id and current name (an unsaved row's partner has no id)."""

    pk: int | None
    name: str


class PlainLink(NamedTuple):
    order: int
    role: str
    # As ProjectPartner.count, which the cells read; the field hides tuple.count, unused here.
    count: int | None  # type: ignore[assignment]
    written_as: str
    partner: Named

    @property
    def display_name(self) -> str:  # as ProjectPartner.display_name: as printed
        return f"{self.count}{self.written_as}" if self.count else self.written_as


class PlainSession(NamedTuple):
    order: int
    group: int
    label: str
    start: date
    end: date | None
    participants: int | None
    approximate: bool
    unit: str
    note: str


class PlainProject(NamedTuple):
    pk: int
    fiscal_year: int
    number: int
    name: str
    category: str
    since_year: int | None
    purpose: str
    effect: str
    reported_session_count: int | None
    reported_participants_total: int | None
    form_name: str  # the names in the project's year (projects.names)
    department_name: str
    partner_links: tuple[PlainLink, ...]  # in report order already
    sessions: tuple[PlainSession, ...]


_PROJECT = (
    "pk", "fiscal_year", "number", "name", "category", "since_year", "purpose", "effect",
    "reported_session_count", "reported_participants_total", "form_name", "department_name",
)  # fmt: skip
_LINK = ("project_id", "order", "role", "count", "written_as", "partner_id", "partner__name")
_SESSION = (
    "project_id", "order", "group", "label", "start", "end", "participants", "approximate",
    "unit", "note",
)  # fmt: skip


def plain_projects(queryset: ProjectQuerySet[Project]) -> Iterator[PlainProject]:
    """The queryset's projects in report order, each with its partner links and sessions.

    The links and sessions of all the projects are read first, each in one query that selects
    the projects by a subquery: lists of ids per batch (their parameters built, quoted and
    parsed, and more queries) were a large part of the read.
    """
    queryset = queryset.prefetch_related(None)
    chosen = queryset.order_by().values("pk")
    links, sessions = defaultdict(list), defaultdict(list)
    partners: dict[int, Named] = {}  # one record per partner, as a partner has many links
    for project_id, order, role, count, written_as, partner_id, name in (
        ProjectPartner.objects.filter(project__in=chosen)
        .order_by("order", "pk")
        .values_list(*_LINK)
    ):
        partner = partners.get(partner_id) or partners.setdefault(
            partner_id, Named(partner_id, name)
        )
        links[project_id].append(PlainLink(order, role, count, written_as, partner))
    for row in (
        Session.objects.filter(project__in=chosen)
        .order_by("order", "start", "pk")
        .values_list(*_SESSION)
    ):
        sessions[row[0]].append(PlainSession._make(row[1:]))
    rows = queryset.with_names().in_report_order().values_list(*_PROJECT)
    for row in rows.iterator(chunk_size=CHUNK):
        pk = row[0]
        # _make: the fields in order, then partner_links and sessions.
        yield PlainProject._make((
            *row, tuple(links.pop(pk, ())), tuple(sessions.pop(pk, ())),
        ))  # fmt: skip


def record_of_row(row) -> PlainProject:
    """A read report row (projects.reader.rows.ProjectRow) as a record for the cells, unsaved:
    its cells come back in the report's wording, comparable with a stored project's."""
    return PlainProject(
        0, row.fiscal_year, row.number, row.name, row.category, row.since_year, row.purpose,
        row.effect, row.sessions.reported_session_count, row.sessions.reported_participants_total,
        row.form, row.department,
        partner_links=tuple(
            PlainLink(order, p.role, p.count, p.written_as, Named(None, p.name))
            for order, p in enumerate(row.partners)
        ),
        sessions=tuple(
            PlainSession(
                order, s.group, s.label, s.start, s.end, s.participants, s.approximate, s.unit,
                s.note,
            )
            for order, s in enumerate(row.sessions.sessions)
        ),
    )  # fmt: skip
