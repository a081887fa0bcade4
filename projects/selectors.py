"""Query-tuned reads: each returns everything its caller renders in a fixed number of queries."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import groupby
from typing import TYPE_CHECKING, Generic, TypedDict, TypeVar

from django.db.models import Prefetch
from django.db.models.expressions import RawSQL

from partners.models import Partner
from projects.display import people_text
from projects.models import Department, Form, Project, ProjectPartner, Session
from projects.querysets import ProjectQuerySet

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


def with_report_relations(queryset: ProjectQuerySet[Project]) -> ProjectQuerySet[Project]:
    """The queryset with what the report cells read, in report order: 3 queries in all.

    Prefetches already on the queryset are replaced, so applying this twice is harmless.
    """
    return (
        queryset.prefetch_related(None)
        .select_related("form", "department")
        .with_names()
        .prefetch_related(
            Prefetch(
                "partner_links",
                queryset=ProjectPartner.objects.select_related("partner").order_by("order", "pk"),
            ),
            Prefetch("sessions", queryset=Session.objects.order_by("order", "start", "pk")),
        )
        .in_report_order()
    )


def projects_for_report(
    *, fiscal_year: int, form: Form | str | None = None
) -> ProjectQuerySet[Project]:
    """A year's projects (optionally one form's) ready for the report, ordered by form and No."""
    queryset = Project.objects.for_year(fiscal_year)
    if form is not None:
        queryset = queryset.of_form(form)
    return with_report_relations(queryset)


def register_projects() -> ProjectQuerySet[Project]:
    """The public list: published projects with form, department and participants, in report
    order. The caller narrows it (projects.filters.PublicProjectFilter); 1 query a page."""
    return (
        Project.objects.published()
        .select_related("form", "department")
        .with_names()
        .with_participants()
        .in_report_order()
    )


def series_of(project: Project) -> ProjectQuerySet[Project]:
    """Every year of the project's series: the years before it (``previous``, its ``previous``…)
    and every later year linked to any of them; one query whatever the series' length.

    A recursive query, which the ORM cannot write; UNION (not UNION ALL) ends even on a loop.
    """
    meta = Project._meta
    table, pk, previous = meta.db_table, meta.pk.column, meta.get_field("previous").column
    sql = (
        f"WITH RECURSIVE up(id, previous_id) AS ("
        f" SELECT {pk}, {previous} FROM {table} WHERE {pk} = %s"
        f" UNION SELECT p.{pk}, p.{previous} FROM {table} p JOIN up ON p.{pk} = up.previous_id),"
        f" down(id) AS (SELECT id FROM up"
        f" UNION SELECT p.{pk} FROM {table} p JOIN down ON p.{previous} = down.id)"
        " SELECT id FROM down"
    )
    return Project.objects.filter(pk__in=RawSQL(sql, [project.pk]))


@dataclass
class SeriesYear:
    """One year of a series as its pages show it."""

    project: Project
    current: bool  # the project whose page this is
    partners_added: list[str] = field(default_factory=list)  # since the year before
    partners_gone: list[str] = field(default_factory=list)


def project_series(project: Project, *, published_only: bool = True) -> list[SeriesYear]:
    """The project's years, oldest first, with their sessions, participants and the partners
    added or gone since the year before; empty when the project stands alone. 2 queries.

    Each project carries session_count, participants_total and any_approximate. The year before
    a project is its ``previous`` when shown, else the latest earlier year shown.
    """
    queryset = series_of(project)
    if published_only:
        queryset = queryset.published()
    years = list(
        queryset.select_related("form", "department")
        .with_participants()
        .with_session_count()
        .in_report_order()
    )
    if len(years) < 2:
        return []
    # Added or gone by identity, named as that year's report printed them.
    partners: dict[int, dict[int, str]] = {p.pk: {} for p in years}
    links = ProjectPartner.objects.filter(project_id__in=list(partners))
    for link in links.order_by("order", "pk").only("project_id", "partner_id", "written_as"):
        partners[link.project_id].setdefault(link.partner_id, link.written_as)
    rows: list[SeriesYear] = []
    shown: dict[int, Project] = {}
    for item in years:
        previous = shown.get(item.previous_id) if item.previous_id is not None else None
        before = previous or next(
            (p for p in reversed(list(shown.values())) if p.fiscal_year < item.fiscal_year), None
        )
        row = SeriesYear(project=item, current=item.pk == project.pk)
        if before is not None:
            now, then = partners[item.pk], partners[before.pk]
            row.partners_added = [name for pk, name in now.items() if pk not in then]
            row.partners_gone = [name for pk, name in then.items() if pk not in now]
        rows.append(row)
        shown[item.pk] = item
    return rows


_Shown = TypeVar("_Shown", bound=Project)


@dataclass
class YearGroup(Generic[_Shown]):
    """A fiscal year's projects on a department or partner page, with the year's totals."""

    fiscal_year: int
    projects: list[_Shown]

    @property
    def participants_total(self) -> int | None:
        totals = [p.participants_total for p in self.projects if p.participants_total is not None]
        return sum(totals) if totals else None

    @property
    def any_approximate(self) -> bool:
        return any(p.any_approximate for p in self.projects)

    @property
    def participants_text(self) -> str:
        """「約1,234人」, 「305人（人数不明 1件）」 or 「不明」: no count is not 0人."""
        unknown = sum(1 for p in self.projects if p.participants_total is None)
        return people_text(
            self.participants_total or 0,
            self.any_approximate,
            unknown=unknown,
            projects=len(self.projects),
        )


def _by_year(projects: Iterable[_Shown]) -> list[YearGroup[_Shown]]:
    """Projects in report order grouped by fiscal year, the latest year first."""
    groups = [YearGroup(year, list(items)) for year, items in groupby(projects, _fiscal_year)]
    return groups[::-1]


def _fiscal_year(project: Project) -> int:
    return project.fiscal_year


def department_years(department: Department) -> list[YearGroup[Project]]:
    """The department's published projects by year, latest first: 1 query."""
    return _by_year(register_projects().filter(department=department))


class _Roles(TypedDict):
    roles: list[ProjectPartner]


def partner_years(partner: Partner) -> list[YearGroup["WithAnnotations[Project, _Roles]"]]:
    """Every published project the partner took part in, by year, latest first; each project has
    ``roles``: the partner's links to it (role, count and the name the report wrote). 2 queries.
    """
    roles = Prefetch(
        "partner_links",
        queryset=ProjectPartner.objects.filter(partner=partner).order_by("order", "pk"),
        to_attr="roles",
    )
    return _by_year(register_projects().with_partner(partner).prefetch_related(roles))
