"""The report layout as a django-import-export resource: the admin's export of the project list.

The library does what it does well here: the export page with its columns to tick, the formats
(CSV with a BOM, XLSX) and the file's download; each column is a Field whose dehydrate method
writes the report's cell (projects.report.cells), neutralised against formula injection like
every export. The import is not the library's: a report file is read whole and written all or
nothing by projects/services/report_import.py, whose pages are projects/admin/import_flow.py
(see the README, 「取込と書き出しの境界」).
"""

from django.db.models import Prefetch
from import_export import fields, resources

from projects import layout
from projects.formulas import neutralise
from projects.models import Project, ProjectPartner
from projects.reader.records import ReportReadError
from projects.report import cells
from projects.services.report_import import (  # noqa: F401  (where callers found them)
    project_import_dataset,
    report_text_dataset,
    tabular_dataset,
)
from projects.wareki import fiscal_year_label


def _cell(text_of):
    """A column's dehydrate method: the cell's text, neutralised like every export's."""
    return lambda project: neutralise(text_of(project))


def _column(column_name, text_of) -> fields.Field:
    return fields.Field(column_name=column_name, dehydrate_method=_cell(text_of))


class ProjectResource(resources.ModelResource):
    """協働事業 in the report layout: 年度, 協働の形態 and the seven columns of the table."""

    fiscal_year = _column(layout.FISCAL_YEAR, lambda p: fiscal_year_label(p.fiscal_year))
    form = _column(layout.FORM, lambda p: p.form.name)
    number = _column(layout.NUMBER, lambda p: str(p.number))
    name = _column(layout.NAME, cells.name_cell)
    category = _column(layout.CATEGORY, cells.category_cell)
    purpose = _column(layout.PURPOSE, lambda p: p.purpose)
    partners = _column(layout.PARTNERS, cells.partners_cell)
    sessions = _column(layout.SESSIONS, cells.sessions_cell)
    effect = _column(layout.EFFECT, lambda p: p.effect)

    class Meta:
        model = Project
        fields = (
            "fiscal_year",
            "form",
            "number",
            "name",
            "category",
            "purpose",
            "partners",
            "sessions",
            "effect",
        )
        # The library pages a queryset with prefetches by this many projects.
        chunk_size = 2000

    def __init__(self, *, default_fiscal_year=None, default_form=None, form_choices=None, **kwargs):
        super().__init__(**kwargs)
        # Only for import_data below.
        self.default_fiscal_year = default_fiscal_year
        self.default_form = default_form
        self.form_choices = form_choices

    @classmethod
    def get_display_name(cls):
        return "報告書の様式"

    def filter_export(self, queryset, **kwargs):
        # In report order, with what the cells read: a fixed number of queries per page.
        sessions = Prefetch("sessions")
        links = Prefetch("partner_links", ProjectPartner.objects.select_related("partner"))
        return (
            queryset.in_report_order()
            .select_related("form", "department")
            .prefetch_related(sessions, links)
        )

    def import_data(self, dataset, dry_run=False, raise_errors=False, **kwargs):
        """Not the library's import: the whole file through project_import_dataset.

        Kept for callers that drive this resource as the library's own tests do
        (tests/importer); the admin and import_report call projects/services/report_import.py
        directly.
        ``raise_errors`` raises ReportReadError with every error of the file.
        """
        result = project_import_dataset(
            dataset,
            dry_run=dry_run,
            user=kwargs.get("user"),
            file_name=kwargs.get("file_name"),
            fiscal_year=self.default_fiscal_year,
            form=self.default_form,
            form_choices=self.form_choices,
            progress=kwargs.get("progress"),
        )
        if raise_errors and result.read_errors:
            raise ReportReadError(result.read_errors)
        return result
