"""Import and export on the project list, in the report's layout.

The import is kyodo's own (import_flow.py: upload → preview → confirm, around
projects/services/report_import.py). The export is django-import-export's: its page with the
columns to tick (the report's column names, projects.forms.ReportExportForm), its formats and
download, over ProjectResource's columns (projects/resources.py); it honours the list's filters.
Why the boundary lies there: the README, 「取込と書き出しの境界」.
"""

from import_export.admin import ExportMixin
from import_export.formats import base_formats

from projects.admin.import_flow import ReportImportMixin
from projects.forms import ReportExportForm
from projects.resources import ProjectResource


class ReportImportExportMixin(ReportImportMixin, ExportMixin):
    resource_classes = [ProjectResource]
    export_formats = [base_formats.CSV, base_formats.XLSX]
    to_encoding = "utf-8-sig"  # with a BOM, so Excel opens the CSV without mojibake
    export_form_class = ReportExportForm
    # The library's list buttons (エクスポート) with the import's beside them.
    import_export_change_list_template = "admin/projects/project/import/change_list.html"

    def has_export_permission(self, request):
        return self.has_view_permission(request)
