"""Import and export on the project list (django-import-export), in the report's layout.

The import reads the report's PDF text, or CSV / XLSX in the report layout, through
ProjectResource; its rows pass the same department checks as the change form. The export
writes the columns the user ticks, in the report's wording and order. The import's pages
(errors in plain sight, the preview, unknown forms of collaboration) are import_flow.py's.
"""

from import_export.admin import ImportExportMixin
from import_export.formats import base_formats

from projects.admin.import_flow import ImportPreviewMixin
from projects.admin.upload import ReportImportForm
from projects.forms import ReportExportForm
from projects.permissions import department_ids_of, is_coordinator
from projects.reader.records import ReportReadError
from projects.resources import (
    ProjectResource,
    ReportCSVFormat,
    ReportTextFormat,
    ReportXLSXFormat,
)


class ReportImportExportMixin(ImportPreviewMixin, ImportExportMixin):
    resource_classes = [ProjectResource]
    # The report's PDF text, and CSV / XLSX in the report layout (cp932 or UTF-8, detected).
    import_formats = [ReportTextFormat, ReportCSVFormat, ReportXLSXFormat]
    export_formats = [base_formats.CSV, base_formats.XLSX]
    to_encoding = "utf-8-sig"  # with a BOM, so Excel opens the CSV without mojibake
    export_form_class = ReportExportForm
    import_form_class = ReportImportForm
    import_template_name = "admin/projects/project/import.html"

    def add_data_read_fail_error_to_form(self, form, e):
        # The stock message names only the exception's class; a clerk needs the reasons.
        if isinstance(e, ReportReadError):
            for error in e.errors:
                form.add_error("import_file", str(error))
        else:
            form.add_error(
                "import_file",
                "ファイルを読めませんでした。選んだ形式（報告書テキスト・CSV・XLSX）と"
                "ファイルが合っているか確かめてください。",
            )

    def has_import_permission(self, request):
        user = request.user
        may_write = user.has_perm("projects.add_project") or user.has_perm(
            "projects.change_project"
        )
        return may_write and (is_coordinator(user) or bool(department_ids_of(user)))

    def has_export_permission(self, request):
        return self.has_view_permission(request)
