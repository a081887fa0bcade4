"""The report layout as a tablib Dataset, and the structured records as JSON-ready dicts.

``report_dataset`` is what the admin's export (ProjectResource.export) and the export_report
command share: one row per project in layout.DATASET_COLUMNS, cells rebuilt by projects.report.cells
and neutralised against formula injection.
"""

from collections.abc import Iterable

import tablib
from django.db.models import QuerySet

from projects import layout
from projects.formulas import neutralise
from projects.models import Category, Project
from projects.report import cells
from projects.report.cells import report_row
from projects.report.plain import plain_projects


def _prepared(projects: QuerySet | Iterable[Project]) -> Iterable[Project]:
    if isinstance(projects, QuerySet):
        return plain_projects(projects)
    return projects


def report_dataset(queryset: QuerySet | Iterable[Project]) -> tablib.Dataset:
    """The projects in the report layout, in report order (year, form, No.), cells neutralised.

    A queryset is read as plain records (projects.report.plain): 3 queries per 2,000 projects and
    no model instances; an iterable of already-prefetched projects is used as given.
    """
    dataset = tablib.Dataset(headers=list(layout.DATASET_COLUMNS))
    for project in _prepared(queryset):
        dataset.append([neutralise(cell) for cell in report_row(project)])
    return dataset


def project_record(project: Project) -> dict:
    """The structured record of a project (what `export_report --format json` writes)."""
    sessions, links = cells.sessions_of(project), cells.links_of(project)
    return {
        "fiscal_year": project.fiscal_year,
        "no": project.number,
        "form": project.form.name,
        "name": project.name,
        "department": project.department.name,
        "category": str(Category(project.category).label),
        "since_year": project.since_year,
        "partners": [
            {"name": link.partner.name, "role": link.role, "count": link.count} for link in links
        ],
        "sessions": [
            {
                "label": session.label,
                "start": session.start.isoformat(),
                "end": session.end.isoformat() if session.end else None,
                "participants": session.participants,
                "approximate": session.approximate,
                "note": session.note,
            }
            for session in sessions
        ],
        "participants_total": sum(s.participants or 0 for s in sessions),
    }


def report_records(queryset: QuerySet | Iterable[Project]) -> list[dict]:
    return [project_record(project) for project in _prepared(queryset)]
