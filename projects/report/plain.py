"""A year's projects as plain records for the report's cells: read with values(), no models.

Building tens of thousands of model instances (a project, its partner links with their partners,
its sessions) was most of an export's time. These records carry exactly what projects.report.cells
reads, under the same attribute names, in three queries whatever the number of projects; the
rows of each query are read in chunks, so memory stays bounded too.
"""

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import QuerySet

from projects.models import ProjectPartner, Session

CHUNK = 2000


@dataclass(frozen=True, slots=True)
class Named:
    name: str


@dataclass(frozen=True, slots=True)
class PlainLink:
    order: int
    role: str
    count: int | None
    written_as: str
    partner: Named

    @property
    def display_name(self) -> str:  # as ProjectPartner.display_name
        name = self.written_as or self.partner.name
        return f"{self.count}{name}" if self.count else name


@dataclass(frozen=True, slots=True)
class PlainSession:
    order: int
    group: int
    label: str
    start: object
    end: object
    participants: int | None
    approximate: bool
    unit: str
    note: str


@dataclass(frozen=True, slots=True)
class PlainProject:
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
    form: Named
    department: Named
    partner_links: tuple[PlainLink, ...]  # in report order already
    sessions: tuple[PlainSession, ...]


_PROJECT = (
    "pk", "fiscal_year", "number", "name", "category", "since_year", "purpose", "effect",
    "reported_session_count", "reported_participants_total", "form__name", "department__name",
)  # fmt: skip
_LINK = ("project_id", "order", "role", "count", "written_as", "partner__name")
_SESSION = (
    "project_id", "order", "group", "label", "start", "end", "participants", "approximate",
    "unit", "note",
)  # fmt: skip


def plain_projects(queryset: QuerySet) -> Iterator[PlainProject]:
    """The queryset's projects in report order, each with its partner links and sessions."""
    rows = queryset.prefetch_related(None).in_report_order().values_list(*_PROJECT)
    batch: list[tuple] = []
    for row in rows.iterator(chunk_size=CHUNK):
        batch.append(row)
        if len(batch) == CHUNK:
            yield from _with_children(batch)
            batch = []
    if batch:
        yield from _with_children(batch)


def _with_children(batch: list[tuple]) -> Iterator[PlainProject]:
    ids = [row[0] for row in batch]
    links, sessions = defaultdict(list), defaultdict(list)
    for project_id, order, role, count, written_as, partner in (
        ProjectPartner.objects.filter(project_id__in=ids)
        .order_by("order", "pk")
        .values_list(*_LINK)
    ):
        links[project_id].append(PlainLink(order, role, count, written_as, Named(partner)))
    for project_id, *values in (
        Session.objects.filter(project_id__in=ids)
        .order_by("order", "start", "pk")
        .values_list(*_SESSION)
    ):
        sessions[project_id].append(PlainSession(*values))
    for pk, *values, form, department in batch:
        yield PlainProject(
            pk, *values, form=Named(form), department=Named(department),
            partner_links=tuple(links[pk]), sessions=tuple(sessions[pk]),
        )  # fmt: skip


def record_of_row(row) -> PlainProject:
    """A read report row (projects.reader.rows.ProjectRow) as a record for the cells, unsaved:
    its cells come back in the report's wording, comparable with a stored project's."""
    return PlainProject(
        0, row.fiscal_year, row.number, row.name, row.category, row.since_year, row.purpose,
        row.effect, row.sessions.reported_session_count, row.sessions.reported_participants_total,
        form=Named(row.form), department=Named(row.department),
        partner_links=tuple(
            PlainLink(order, p.role, p.count, p.written_as, Named(p.name))
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
