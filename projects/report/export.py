"""The report layout as rows (or a tablib Dataset), and the structured records as JSON-ready dicts.

``report_rows`` is what every export shares: one row per project in layout.DATASET_COLUMNS, cells
rebuilt by projects.report.cells and neutralised against formula injection. The CSV downloads
and export_report write them as they are; ``report_dataset`` puts them in a tablib Dataset for
the XLSX and the admin's export (ProjectResource.export).
"""

from collections.abc import Iterable

from django.db.models import QuerySet

from projects import layout
from projects.formulas import neutralise
from projects.models import Category, Project
from projects.querysets import ProjectQuerySet
from projects.report import cells
from projects.report.cells import Reported, report_row
from projects.report.plain import plain_projects
from projects.rules import participants


def _prepared(projects: QuerySet | Iterable[Reported]) -> Iterable[Reported]:
    """A queryset of projects as plain records (three queries); projects given one by one
    (models or records) as they are."""
    if isinstance(projects, ProjectQuerySet):
        return plain_projects(projects)
    return projects


def report_rows(queryset: QuerySet | Iterable[Project]) -> list[list[str]]:
    """The projects in the report layout, in report order (year, form, No.), cells neutralised.

    A queryset is read as plain records (projects.report.plain): 3 queries whatever the number of
    projects and no model instances; an iterable of already-prefetched projects is used as given.
    """
    return [[neutralise(cell) for cell in report_row(project)] for project in _prepared(queryset)]


def report_dataset(queryset: QuerySet | Iterable[Project]):
    """The rows of ``report_rows`` as a tablib Dataset with the layout's headers."""
    import tablib  # here: a CSV export does not need it

    dataset = tablib.Dataset(headers=list(layout.DATASET_COLUMNS))
    dataset.extend(report_rows(queryset))
    return dataset


def project_record(project: Reported) -> dict:
    """The structured record of a project (what `export_report --format json` writes)."""
    sessions, links = cells.sessions_of(project), cells.links_of(project)
    counted = participants(sessions)
    return {
        "fiscal_year": project.fiscal_year,
        "no": project.number,
        "form": project.form_name,
        "name": project.name,
        "department": project.department_name,
        "category": str(Category(project.category).label),
        "since_year": project.since_year,
        # "name" is the spelling the report printed, which never changes; "partner" is the body
        # it stands for now, so a rename or merge shows only there.
        "partners": [
            {
                "name": link.written_as,
                "role": link.role,
                "count": link.count,
                "partner": {"id": link.partner.pk, "name": link.partner.name},
            }
            for link in links
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
        # One definition (projects.rules.participants): null when no date has a count.
        "participants_total": counted.total,
        "participants_approximate": counted.approximate,
    }


def report_records(queryset: QuerySet | Iterable[Project]) -> list[dict]:
    return [project_record(project) for project in _prepared(queryset)]
