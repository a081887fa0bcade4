"""Saving read report rows: departments, partners, projects, links and sessions, in batches.

The stock django-import-export path costs 9 queries a row and cannot write sessions or the
partner links' roles, so the resource hands its rows here. Per batch a constant number of
queries: look-ups come from in-memory maps built once per import, writes are bulk, and every
write is recorded in the history (simple-history) with the importing user and a reason.

The caller runs this inside a transaction. Rows that may not be saved (another department's
project, a partner written twice) are collected and raised together as ReportReadError at the end,
so the caller's transaction rolls everything back: nothing is saved from a file with an error.
"""

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass, fields

from django.db import models
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from projects import layout
from projects.models import Department, Form, Project, ProjectPartner, Session
from projects.names import departments_named
from projects.permissions import can_edit_department, department_ids_of, is_coordinator
from projects.reader.records import ReadError, ReportReadError, SessionEntry
from projects.reader.rows import ProjectRow
from projects.report import cells
from projects.services import bulk
from projects.services.figures import figures_mark_changed
from projects.services.import_partners import ImportPartners
from projects.services.locks import import_lock_acquire
from projects.services.series import (
    LINK_REASON,
    LOOK_BACK,
    SeriesCandidates,
    series_link,
    series_link_new,
)
from projects.services.unknown_departments import check_unknown_departments
from projects.services.unknown_forms import FormChoices, resolve_forms

IMPORT_REASON = "報告書の取込"
BATCH_SIZE = 500


def _attname(name: str) -> str:
    field = Project._meta.get_field(name)
    assert isinstance(field, models.Field)  # a column of the project, not a relation's other end
    return field.attname


# Project fields an import sets (as attribute names: department_id); compared to tell an update
# from an unchanged row.
PROJECT_FIELDS = tuple(_attname(name) for name in layout.PROJECT_FIELDS)
_PROJECT_COLUMNS = [
    f.attname for f in Project._meta.concrete_fields if f.name not in {"created_at", "updated_at"}
]
# A session's fields as the reader gives them (SessionEntry's are Session's, by design), and its
# place in the cell.
_SESSION_ENTRY_FIELDS = tuple(f.name for f in fields(SessionEntry))
SESSION_FIELDS = ("order", *_SESSION_ENTRY_FIELDS)
LINK_FIELDS = ("order", "partner_id", "role", "count", "written_as")


@dataclass
class ImportOutcome:
    row: ProjectRow
    import_type: str  # "new", "update" or "skip" (unchanged), as django-import-export says
    project: Project
    changed_fields: tuple[str, ...] = ()
    # An update's changed columns as the register had them, in the report's wording.
    before: dict[str, str] = dataclasses.field(default_factory=dict)
    new_department: bool = False  # the row's 担当課 was registered by this import


class _Maps:
    """Everything looked up by name, loaded once per import."""

    def __init__(self, rows: list[ProjectRow], forms: dict[str, "Form"]):
        self.forms = forms
        years = {r.fiscal_year for r in rows}
        # Each row's 担当課 by the name it had in the row's year (a renamed department is found
        # by its old name in the years before the rename), else by its name now.
        self.departments: dict[tuple[int, str], Department] = {}
        self.new_departments: set[str] = set()  # names this import registers
        for year in sorted(years):
            names = {r.department for r in rows if r.fiscal_year == year}
            for name, department in departments_named(names, year).items():
                self.departments[(year, name)] = department
        unfound = {r.department for r in rows} - {name for _, name in self.departments}
        now = {d.name: d for d in Department.objects.filter(name__in=unfound)}
        for row in rows:
            key = (row.fiscal_year, row.department)
            if key not in self.departments and row.department in now:
                self.departments[key] = now[row.department]
        self.partners = ImportPartners()
        # New projects of a year whose look-back years are not in the file are linked to their
        # previous year as they are written: the register holds those years already, and the
        # import does not change them (candidates read once for the file).
        self.linkable_years = {y for y in years if not {y - back for back in LOOK_BACK} & years}
        self.series = SeriesCandidates(self.linkable_years, {form.pk for form in forms.values()})
        # The file's projects the register holds already, as (year, form id, No.): a batch of
        # new projects then asks for none (20 queries a year, each compiling 500 numbers).
        self.existing = set(
            Project.objects.filter(fiscal_year__in=years, form__in=forms.values()).values_list(
                "fiscal_year", "form_id", "number"
            )
        )
        new = [r for r in rows if (r.fiscal_year, forms[r.form].pk, r.number) not in self.existing]
        self.ids = {
            Project: bulk.IdPool(Project, len(new)),
            ProjectPartner: bulk.IdPool(ProjectPartner, sum(len(r.partners) for r in new)),
            Session: bulk.IdPool(Session, sum(len(r.sessions.sessions) for r in new)),
        }


def project_import_rows(
    *,
    rows: Iterable[ProjectRow],
    user=None,
    reason: str = IMPORT_REASON,
    batch_size: int = BATCH_SIZE,
    forms: FormChoices | None = None,
    add_departments: bool = False,
) -> list[ImportOutcome]:
    """Save the rows; returns each row's fate in the rows' order. Raises ReportReadError.

    A 協働の形態 the list lacks is refused (UnknownFormsError) unless ``forms`` says to add it
    or to read it as a listed one (coordinator only). A 担当課 the register does not know by
    any name it had in the row's year is refused (UnknownDepartmentsError) unless
    ``add_departments`` says to register it, which only the coordinator (or the operator's
    command) may: nothing is created without a word.
    """
    rows = list(rows)
    history_user = user if user is not None and user.is_authenticated else None
    import_lock_acquire()  # before any read: a concurrent import's rows are then visible
    rows, forms_by_name = resolve_forms(rows, user=user, choices=forms, reason=reason)
    maps = _Maps(rows, forms_by_name)
    maps.new_departments = check_unknown_departments(
        rows, maps.departments, user=user, add=add_departments
    )
    outcomes: list[ImportOutcome] = []
    errors: list[ReadError] = []
    allowed = None if user is None or is_coordinator(user) else department_ids_of(user)

    # The file's new partners and spellings at once, in the order they first appear (as batch by
    # batch): a batch then takes nothing from the database but its ids.
    maps.partners.create_missing(rows, history_user, reason)
    for start in range(0, len(rows), batch_size):
        batch = rows[start : start + batch_size]
        outcomes.extend(_import_batch(batch, maps, allowed, history_user, reason, errors))
    if errors:
        raise ReportReadError(errors)
    for outcome in outcomes:
        outcome.new_department = outcome.row.department in maps.new_departments
    # A recurring project's year joins its series: the year before, same 担当課 and 協働の形態,
    # the name with its year moved on (the rule of 次年度へ複製 and link_series). New projects
    # were linked as they were written, but for a year whose previous years are in this very
    # file; those, and updated projects without a link, are linked now, once for the whole file.
    unlinked = [
        o.project
        for o in outcomes
        if (o.import_type == "new" and o.project.fiscal_year not in maps.linkable_years)
        or (o.import_type == "update" and o.project.previous_id is None)
    ]
    if unlinked:
        series_link(unlinked, user=history_user)
    # The bulk writes above send no signals (projects.signals): the years' figures change here.
    figures_mark_changed(years={o.project.fiscal_year for o in outcomes if o.import_type != "skip"})
    bulk.refresh_statistics(Project, Session, ProjectPartner, rows=len(rows))
    return outcomes


def _import_batch(batch, maps, allowed, user, reason, errors) -> list[ImportOutcome]:
    existing = _existing_projects(batch, maps)
    _create_departments(batch, maps, user, reason)

    outcomes = []
    new_projects, updated_projects = [], []
    # (project, its links, its sessions: rows as dicts) of the projects whose children are new
    children: list[tuple[Project, list[dict], list[dict]]] = []
    replaced: list[Project] = []  # updated projects whose old children go
    for row in batch:
        department = maps.departments[(row.fiscal_year, row.department)]
        project = existing.get((row.fiscal_year, maps.forms[row.form].pk, row.number))
        if allowed is not None:
            refused = department.pk not in allowed or (
                project is not None and project.department_id not in allowed
            )
            # A year the department has answered in the yearly survey waits for the coordinator.
            answered = not refused and not can_edit_department(user, department.pk, row.fiscal_year)
            if refused or answered:
                errors.append(
                    ReadError(
                        row.label,
                        layout.NAME,
                        row.department,
                        "この年度の調査に回答済みのため、取り込めません（協働推進担当に差戻しを"
                        "依頼してください）。"
                        if answered
                        else "担当課の職員は、自分の担当課の協働事業しか取り込めません。",
                        position=row.row_number,
                    )
                )
                continue
        links, link_errors = maps.partners.links_for(row)
        errors.extend(link_errors)
        sessions = _sessions_for(row)
        values = {
            "name": row.name,
            "department_id": department.pk,
            "category": row.category,
            "since_year": row.since_year,
            "purpose": row.purpose,
            "effect": row.effect,
            "reported_session_count": row.sessions.reported_session_count,
            "reported_participants_total": row.sessions.reported_participants_total,
        }
        if project is None:
            # A report is a published document: what it lists is public at once. Updates leave
            # the status alone, so a coordinator's 非公開 survives a re-import.
            project = Project(
                fiscal_year=row.fiscal_year,
                form=maps.forms[row.form],
                number=row.number,
                published=True,
                **values,
            )  # not saved: its row is written with the batch's (bulk.insert_with_history)
            children.append((project, links, sessions))
            new_projects.append(project)
            outcomes.append(ImportOutcome(row, "new", project))
            continue
        changed = tuple(f for f in PROJECT_FIELDS if getattr(project, f) != values[f])
        old_links = [_signature(link, LINK_FIELDS) for link in project.partner_links.all()]
        old_sessions = [_signature(s, SESSION_FIELDS) for s in project.sessions.all()]
        if old_links != [tuple(link[f] for f in LINK_FIELDS) for link in links]:
            changed += ("partners",)
        if old_sessions != [tuple(s[f] for f in SESSION_FIELDS) for s in sessions]:
            changed += ("sessions",)
        if not changed:
            outcomes.append(ImportOutcome(row, "skip", project))
            continue
        before = cells.cells_of_fields(project, changed)
        for field, value in values.items():
            setattr(project, field, value)
        project.version += 1
        project.updated_at = timezone.now()  # bulk_update does not apply auto_now
        updated_projects.append(project)
        if "partners" in changed or "sessions" in changed:
            children.append((project, links, sessions))
            replaced.append(project)
        outcomes.append(ImportOutcome(row, "update", project, changed, before))

    if errors:
        return outcomes  # the caller raises; writing more would only be rolled back

    if new_projects:
        _insert_projects(new_projects, maps, user, reason)
    if updated_projects:
        bulk_update_with_history(
            updated_projects,
            Project,
            [*PROJECT_FIELDS, "version", "updated_at"],
            default_user=user,
            default_change_reason=reason,
        )
    _delete_children(replaced, user, reason)
    _create_children(children, maps, user, reason)
    return outcomes


def _insert_projects(projects: list[Project], maps, user, reason) -> None:
    """Write new projects, each linked to its previous year when the register holds it already
    (series_link_new). The history tells it as linking after the write would: created without
    the link (+), then linked (~, LINK_REASON)."""
    linkable = [p for p in projects if p.fiscal_year in maps.linkable_years]
    linked = series_link_new(linkable, maps.series)
    bulk.assign_ids(projects, maps.ids[Project].take(len(projects)))
    now = timezone.now()
    rows = bulk.insert(
        Project, [{f: getattr(p, f) for f in _PROJECT_COLUMNS} for p in projects], now=now
    )
    linked_ids = {p.pk for p in linked}
    created = [{**r, "previous_id": None} if r["id"] in linked_ids else r for r in rows]
    bulk.insert_history(Project, created, user=user, reason=reason, now=now)
    bulk.insert_history(
        Project,
        [r for r in rows if r["id"] in linked_ids],
        user=user,
        reason=LINK_REASON,
        now=timezone.now(),
        kind="~",
    )


def _existing_projects(batch, maps) -> dict[tuple[int, int, int], Project]:
    """The batch's projects the register holds, by (year, form id, No.): by the form's id, as
    a renamed form is named in a file by the name of the file's year."""
    batch = [r for r in batch if (r.fiscal_year, maps.forms[r.form].pk, r.number) in maps.existing]
    if not batch:
        return {}
    forms = [maps.forms[r.form] for r in batch]
    candidates = (
        Project.objects.filter(
            fiscal_year__in={r.fiscal_year for r in batch},
            form__in=forms,
            number__in={r.number for r in batch},
        )
        .select_related("form", "department")  # the department: the preview's 変更前
        .with_names()
        .prefetch_related(
            models.Prefetch(
                "partner_links",
                ProjectPartner.objects.select_related("partner").order_by("order", "pk"),
            ),
            models.Prefetch("sessions", Session.objects.order_by("order", "pk")),
        )
    )
    wanted = {(r.fiscal_year, maps.forms[r.form].pk, r.number) for r in batch}
    found = {}
    for project in candidates:
        project_key = (project.fiscal_year, project.form_id, project.number)
        if project_key in wanted:
            found[project_key] = project
    return found


def _create_departments(batch, maps, user, reason) -> None:
    missing = {(r.fiscal_year, r.department) for r in batch} - maps.departments.keys()
    if missing:
        created = bulk_create_with_history(
            [Department(name=name) for name in sorted({name for _, name in missing})],
            Department,
            default_user=user,
            default_change_reason=reason,
        )
        by_name = {d.name: d for d in created}
        maps.departments.update({key: by_name[key[1]] for key in missing})


def _sessions_for(row: ProjectRow) -> list[dict]:
    # SessionEntry's fields are Session's, by design of the reader's records (its attributes
    # read directly: dataclasses.asdict deep-copies every value, and was a fifth of an import).
    return [{"order": order, **vars(s)} for order, s in enumerate(row.sessions.sessions)]


def _signature(obj, fields) -> tuple:
    return tuple(getattr(obj, f) for f in fields)


def _delete_children(projects: list[Project], user, reason) -> None:
    """Delete the old links and sessions of changed projects, recording the deletions.

    QuerySet.delete() would send a signal and write one history row per object; the deletions
    are recorded in bulk instead, then the rows removed with one DELETE per table and chunk.
    """
    if not projects:
        return
    now = timezone.now()
    for model, related in ((ProjectPartner, "partner_links"), (Session, "sessions")):
        old = [obj for project in projects for obj in getattr(project, related).all()]
        if not old:
            continue
        history = model.history.model
        history.objects.bulk_create(
            [
                history(
                    history_date=now,
                    history_user=user,
                    history_change_reason=reason,
                    history_type="-",
                    **{f.attname: getattr(obj, f.attname) for f in history.tracked_fields},
                )
                for obj in old
            ]
        )
        bulk.delete_rows(model, [obj.pk for obj in old])


def _create_children(children, maps, user, reason) -> None:
    links, sessions = [], []
    for project, project_links, project_sessions in children:
        for row in (*project_links, *project_sessions):
            row["project_id"] = project.pk
        links.extend(project_links)
        sessions.extend(project_sessions)
    for model, rows in ((ProjectPartner, links), (Session, sessions)):
        for row, pk in zip(rows, maps.ids[model].take(len(rows)), strict=True):
            row["id"] = pk
        bulk.insert_with_history(model, rows, user=user, reason=reason)
