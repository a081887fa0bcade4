"""Series: one recurring project across fiscal years, each year linked to the one before.

A project's ``previous`` is its own earlier year. 次年度へ複製 sets it on the copy; an import,
and `manage.py link_series` for what is already in the register, look for it by the rule of
次年度へ複製 read backwards: same 担当課 (or one it took over from: DepartmentSuccession) and
協働の形態, one or two years earlier (例年実施, 2年に一度実施), and a name that becomes this
project's name when its year is moved on (projects.rules.name_for_year), compared as
projects.reader.text.key compares names. The coordinator links and unlinks by hand in the admin
(``project_link_previous``).
"""

from collections import defaultdict
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from projects.models import DepartmentSuccession, Project
from projects.reader.text import key
from projects.rules import STEP, name_for_year, previous_link_error

LINK_REASON = "前年度の協働事業と関連付け"
UNLINK_REASON = "前年度の協働事業との関連付けを解除"
# How far back a previous year may lie: nearest first (an annual project that paused a year is
# found two years back, as a biennial one is).
LOOK_BACK = tuple(range(1, max(STEP.values()) + 1))
CHUNK = 500  # projects per IN list: under SQLite's 999 parameters


# A candidate as read: (id, fiscal_year, form_id, department_id, name).
_CANDIDATE_FIELDS = ("id", "fiscal_year", "form_id", "department_id", "name")


class SeriesCandidates:
    """The projects that may be the previous year of projects of the given years, forms and
    departments: read in one query (at the first look-up), then found by one look-up per
    project.

    Each candidate is filed under the name it would have in each later year it may precede
    (comparing every pair was quadratic: a 10,000-project year into a register of nine took
    minutes). Candidates are kept as rows, not models: an import reads two years of them.
    """

    def __init__(self, fiscal_years, form_ids, department_ids=None):
        years = {year - back for year in fiscal_years for back in LOOK_BACK}
        candidates = Project.objects.filter(fiscal_year__in=years, form_id__in=form_ids)
        successions = DepartmentSuccession.objects.all()
        if department_ids is not None:  # None: of any department
            successions = successions.filter(successor_id__in=department_ids)
            # A department's previous years may lie with the departments it took over from.
            predecessors = successions.values("predecessor_id")
            candidates = candidates.filter(
                Q(department_id__in=department_ids) | Q(department_id__in=predecessors)
            )
        self.candidates = candidates
        self.successions = successions
        self._by_name: dict[tuple, list[tuple]] | None = None

    @property
    def by_name(self) -> dict[tuple, list[tuple]]:
        if self._by_name is None:
            self._by_name = defaultdict(list)
            # {predecessor: [(successor, from_year)]}: a candidate of a predecessor precedes
            # the successor's projects from the year the successor took over.
            successors = defaultdict(list)
            for predecessor, successor, from_year in self.successions.values_list(
                "predecessor_id", "successor_id", "from_year"
            ):
                successors[predecessor].append((successor, from_year))
            rows = self.candidates.order_by("number", "pk").values_list(*_CANDIDATE_FIELDS)
            for row in rows:
                _, year, form_id, department_id, name = row
                # A name that names no year of its own reads the same in every later year.
                dated = name_for_year(name, from_year=year, to_year=year + 1) != name
                for back in LOOK_BACK:
                    later = year + back
                    moved = name_for_year(name, from_year=year, to_year=later) if dated else name
                    heirs = [s for s, since in successors.get(department_id, ()) if since <= later]
                    for department in (department_id, *heirs):
                        self._by_name[(later, back, form_id, department, key(moved))].append(row)
        return self._by_name

    def previous_row(self, project: Project) -> tuple | None:
        """The project's one candidate in the nearest year that has any; None when there is
        none, or two equally good ones (linking it is then the coordinator's choice)."""
        name = key(project.name)
        for back in LOOK_BACK:
            matches = self.by_name.get(
                (project.fiscal_year, back, project.form_id, project.department_id, name)
            )
            if matches:
                return matches[0] if len(matches) == 1 else None
        return None

    def previous_of(self, project: Project) -> Project | None:
        """previous_row as a project (with the candidate's fields only, the rest deferred)."""
        row = self.previous_row(project)
        if row is None:
            return None
        values = dict(zip(_CANDIDATE_FIELDS, row, strict=True))
        # from_db takes the values in the model's field order
        names = [f.attname for f in Project._meta.concrete_fields if f.attname in values]
        return Project.from_db(self.candidates.db, names, [values[name] for name in names])


def previous_candidates(projects: list[Project]) -> dict[int, Project]:
    """The previous year's project of each project that has exactly one, by project pk.

    One query for the whole batch. A project with two equally good candidates in its nearest
    year gets none: linking it is the coordinator's choice.
    """
    if not projects:
        return {}
    candidates = SeriesCandidates(
        {p.fiscal_year for p in projects},
        {p.form_id for p in projects},
        {p.department_id for p in projects},
    )
    found = {}
    for project in projects:
        if (previous := candidates.previous_of(project)) is not None:
            found[project.pk] = previous
    return found


def series_link_new(projects: Iterable[Project], candidates: SeriesCandidates) -> list[Project]:
    """Link projects not yet written to their previous year, as series_link would once they
    are (the previous year and a new version); return those linked.

    For an import, which then writes each project with its link and the link's history row
    (LINK_REASON) at once: linking after the write updated every row again, and looked in the
    history for links removed by hand, which a new project cannot have.
    """
    linked = []
    for project in projects:
        if (previous := candidates.previous_row(project)) is not None:
            project.previous_id = previous[0]  # the previous project is loaded only if read
            project.version += 1
            linked.append(project)
    return linked


def _unlinked_by_hand(projects: list[Project]) -> set[int]:
    """Projects that had a previous year once and have none now: someone took the link off."""
    history = Project.history.model.objects.filter(
        id__in=[p.pk for p in projects], previous__isnull=False
    )
    return set(history.values_list("id", flat=True).distinct())


def links_to_make(projects: Iterable[Project]) -> list[tuple[Project, Project]]:
    """(project, previous) for each project the rule links: 2 queries whatever the batch size.

    A project already linked, or unlinked by hand before (its history shows a link), is left
    as it is, so linking twice changes nothing.
    """
    unlinked = [p for p in projects if p.previous_id is None and p.pk is not None]
    candidates = previous_candidates(unlinked)
    if not candidates:
        return []
    with_candidate = [p for p in unlinked if p.pk in candidates]
    kept_apart = set()
    for start in range(0, len(with_candidate), CHUNK):
        kept_apart |= _unlinked_by_hand(with_candidate[start : start + CHUNK])
    return [
        (project, candidates[project.pk])
        for project in unlinked
        if project.pk in candidates and project.pk not in kept_apart
    ]


@transaction.atomic
def series_link(projects: Iterable[Project], *, user=None, reason: str = LINK_REASON) -> list:
    """Link each project without a previous year to the one the rule finds; return those linked.

    The candidates are read once for all the projects (one query), then per 500 projects: the
    hand-unlinked check, the update and its history rows.
    """
    linked = []
    for project, previous in links_to_make(projects):
        project.previous = previous
        project.version += 1  # a clerk's form opened before this is stale now
        linked.append(project)
    for start in range(0, len(linked), CHUNK):
        _save_links(linked[start : start + CHUNK], user=user, reason=reason)
    # No figure of 年次集計 depends on the links (新規・継続 follow 実施区分): no token to renew.
    return linked


def _save_links(projects: list[Project], *, user, reason: str) -> None:
    """One UPDATE (executemany) and one INSERT … SELECT of the history rows, as
    bulk_update_with_history would write them, but without SQLite's 999-parameter chunks."""
    now = timezone.now()
    for project in projects:
        project.updated_at = now
    quote, adapt = connection.ops.quote_name, connection.ops.adapt_datetimefield_value
    meta = Project._meta
    table, pk = quote(meta.db_table), quote(meta.pk.column)
    previous, version = quote(meta.get_field("previous").column), quote("version")
    updated = quote(meta.get_field("updated_at").column)
    history = Project.history.model
    tracked = [quote(f.column) for f in history.tracked_fields]
    stamps = ["history_date", "history_change_reason", "history_type", "history_user_id"]
    marks = ", ".join(["%s"] * len(projects))
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {table} SET {previous} = %s, {version} = {version} + 1, {updated} = %s "
            f"WHERE {pk} = %s",
            [(p.previous_id, adapt(now), p.pk) for p in projects],
        )
        cursor.execute(
            f"INSERT INTO {quote(history._meta.db_table)} "
            f"({', '.join(tracked + [quote(column) for column in stamps])}) "
            f"SELECT {', '.join(tracked)}, %s, %s, %s, %s FROM {table} WHERE {pk} IN ({marks})",
            [adapt(now), reason, "~", getattr(user, "pk", None), *(p.pk for p in projects)],
        )


@transaction.atomic
def project_link_previous(project: Project, previous: Project | None, *, user) -> Project:
    """Link the project to ``previous`` (None unlinks it), by hand, with its history.

    Raises ValidationError when ``previous`` is the project itself or not of an earlier year.
    """
    reason = previous_link_error(project, previous)
    if reason:
        raise ValidationError({"previous": reason})
    if project.previous_id == (previous.pk if previous else None):
        return project
    project.previous = previous
    project.version += 1
    project._history_user = user
    project._change_reason = LINK_REASON if previous else UNLINK_REASON
    project.save(update_fields=["previous", "version", "updated_at"])
    return project
