"""The admin's import of a report file, owned here: upload → preview → confirm.

Django's own forms, views and templates around kyodo's whole-file import
(projects/services/report_import.py); django-import-export takes no part in the import (it
keeps the export, importexport.py; why: the README, 「取込と書き出しの境界」).

- 読み込んで確認する (POST import/): the file is kept on the server under a random name
  (FileStore), read whole and imported as a check (a dry run, rolled back): every error of the
  file in plain sight, or the preview (import_preview.py) with the confirm form.
- A form of collaboration the list lacks: the coordinator answers on the error page (add it,
  or read it as a listed one); the kept file is read again with the answer (another check),
  and the confirm form carries the answer to the real import. A clerk sees the refusal only,
  and the service refuses a forged answer.
- インポートを確定 (POST process_import/): the kept file is imported for real, all or nothing.
  Refused (say, another import changed the rows meanwhile): nothing is saved and the page says
  why. Imported: the admin's log, the post_import signal (surveys/signals.py listens), a
  message in Japanese and the project list.

Who may import: a user who may add or change projects and is the coordinator or a member of a
担当課; a clerk's rows of another 担当課 are refused row by row by the service.
"""

from django import forms
from django.contrib import messages
from django.contrib.admin import AdminSite
from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.core.exceptions import PermissionDenied
from django.db.models.options import Options
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.views.decorators.http import require_POST
from import_export.signals import post_import

from projects import layout
from projects.admin.import_preview import error_view, outcome_text, preview_view
from projects.admin.import_upload import (
    GONE,
    IMPORT_FORMATS,
    UNREADABLE,
    ConfirmForm,
    FileStore,
    UploadForm,
)
from projects.admin.unknown_forms import RECHECK, FormChoiceForm, encode
from projects.permissions import department_ids_of, is_coordinator
from projects.reader.records import ReportReadError
from projects.services.importing import IMPORT_REASON
from projects.services.locks import ImportBusy
from projects.services.report_import import (
    NEW,
    UPDATE,
    project_import_dataset,
    read_file,
)

TEMPLATE = "admin/projects/project/import.html"


class ReportImportMixin:
    """The import's URLs and pages on the project admin (ProjectAdmin)."""

    # What the ModelAdmin it is mixed into provides.
    admin_site: AdminSite
    opts: Options
    media: forms.Media

    import_formats = IMPORT_FORMATS  # the upload form's 「形式」, by place: 0 is the text
    file_store = FileStore()

    def get_import_formats(self):
        return list(self.import_formats)

    def has_import_permission(self, request) -> bool:
        user = request.user
        may_write = user.has_perm("projects.add_project") or user.has_perm(
            "projects.change_project"
        )
        return may_write and (is_coordinator(user) or bool(department_ids_of(user)))

    def get_urls(self):
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        wrap = self.admin_site.admin_view
        return [
            path("import/", wrap(self.import_view), name=f"{prefix}_import"),
            path(
                "process_import/",
                wrap(require_POST(self.confirm_view)),
                name=f"{prefix}_process_import",
            ),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {})}
        extra_context["has_import_permission"] = self.has_import_permission(request)
        return super().changelist_view(request, extra_context)

    # -- 読み込んで確認する ---------------------------------------------------------------

    def import_view(self, request):
        if not self.has_import_permission(request):
            raise PermissionDenied
        if request.method == "POST" and RECHECK in request.POST:
            return self.recheck_view(request)
        if request.method != "POST":
            return self.import_page(request, UploadForm())
        form = UploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.import_page(request, form)
        upload = form.cleaned_data["import_file"]
        data = b"".join(upload.chunks())
        stored = self.file_store.save(data)
        upload.tmp_storage_name = stored  # the confirm form's import_file_name
        file_fields = {
            "import_file_name": stored,
            "original_file_name": upload.name,
            "format": form.cleaned_data["format"],
        }
        try:
            dataset = read_file(data, kind=form.kind())
        except ReportReadError as error:
            for read_error in error.errors:
                form.add_error("import_file", str(read_error))
        except Exception:
            form.add_error("import_file", UNREADABLE)
        else:
            if not len(dataset):
                form.add_error("import_file", "データの行がありません。")
        if form.errors:
            self.file_store.remove(stored)
            return self.import_page(request, form)
        try:
            result = project_import_dataset(
                dataset,
                add_departments=is_coordinator(request.user),
                dry_run=True,
                user=request.user,
                file_name=upload.name,
            )
        except ImportBusy as busy:
            form.add_error(None, str(busy))
            return self.import_page(request, form)
        context = self.result_context(request, result, file_fields)
        if not result.has_validation_errors():
            context["confirm_form"] = ConfirmForm(initial=file_fields)
        return self.import_page(request, form, context)

    def recheck_view(self, request):
        """The kept file read again with the coordinator's answer for unknown forms."""
        choice_form = FormChoiceForm(request.POST)
        kept = ConfirmForm(request.POST)
        if not kept.is_valid() or not is_coordinator(request.user):
            raise PermissionDenied
        file_fields = kept.file_fields()
        answered = choice_form.is_valid()
        choices = choice_form.choices() if answered else None
        try:
            dataset = read_file(
                self.file_store.read(kept.cleaned_data["import_file_name"]), kind=kept.kind()
            )
        except (OSError, ReportReadError):
            messages.error(request, GONE)
            return self.import_page(request, UploadForm())
        try:
            result = project_import_dataset(
                dataset,
                add_departments=is_coordinator(request.user),
                dry_run=True,
                user=request.user,
                file_name=kept.cleaned_data["original_file_name"],
                form_choices=choices,
            )
        except ImportBusy as busy:
            messages.error(request, str(busy))
            return self.import_page(request, UploadForm())
        context = self.result_context(request, result, file_fields, choice_form)
        if answered and not result.has_validation_errors():
            context["confirm_form"] = ConfirmForm(
                initial={**file_fields, "form_choices": encode(choices)}
            )
            context["form_choice_lines"] = [
                f"「{name}」を協働の形態の一覧に追加します。" for name in sorted(choices.add)
            ] + [f"「{name}」を「{to}」として読みます。" for name, to in choices.mapping.items()]
        return self.import_page(request, UploadForm(), context)

    # -- インポートを確定 -----------------------------------------------------------------

    def confirm_view(self, request):
        if not self.has_import_permission(request):
            raise PermissionDenied
        confirm = ConfirmForm(request.POST)
        if not confirm.is_valid():
            for errors in confirm.errors.values():
                for error in errors:
                    messages.error(request, error)
            return self.import_page(request, UploadForm())
        stored = confirm.cleaned_data["import_file_name"]
        file_name = confirm.cleaned_data["original_file_name"]
        try:
            dataset = read_file(self.file_store.read(stored), kind=confirm.kind())
        except (OSError, ReportReadError):
            messages.error(request, GONE)
            return self.import_page(request, UploadForm())
        try:
            result = project_import_dataset(
                dataset,
                add_departments=is_coordinator(request.user),
                user=request.user,
                file_name=file_name,
                form_choices=confirm.cleaned_data["form_choices"],
            )
        except ImportBusy as busy:
            messages.error(request, f"{busy} 何も保存していません。")
            return self.import_page(request, UploadForm())
        self.file_store.remove(stored)
        if result.has_validation_errors():
            # Refused at confirmation (say, another import changed the rows meanwhile):
            # everything was rolled back; show why instead of a success message.
            messages.error(request, "取り込めませんでした。何も保存していません。")
            context = self.result_context(request, result, {})
            return self.import_page(request, UploadForm(), context)
        self.log_import(request, result, file_name)
        post_import.send(sender=None, model=self.model)
        messages.success(request, f"取り込みました：{outcome_text(result.totals)}。")
        return HttpResponseRedirect(
            reverse(
                f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist",
                current_app=self.admin_site.name,
            )
        )

    def log_import(self, request, result, file_name: str) -> None:
        """New and updated projects in the admin's log (「最近の操作」), as the change form's."""
        message = f"{IMPORT_REASON}（{file_name}）"
        for import_type, flag in ((NEW, ADDITION), (UPDATE, CHANGE)):
            projects = [row.instance for row in result.rows if row.import_type == import_type]
            if projects:
                LogEntry.objects.log_actions(request.user.pk, projects, flag, message)

    # -- the page ---------------------------------------------------------------------

    def result_context(self, request, result, file_fields, choice_form=None) -> dict:
        """What the page shows of a result: the errors in plain sight, or the preview."""
        context = {"result": result, "outcome_text": outcome_text(result.totals)}
        if result.has_validation_errors():
            context.update(error_view(result))
        else:
            context.update(preview_view(result))
        context["unknown_forms"] = result.unknown_forms
        # A 担当課 the register does not know: the coordinator's preview names it, and the
        # confirmation registers it; a clerk's import is refused (projects.services.importing).
        context["new_departments"] = result.new_departments
        if result.unknown_forms and is_coordinator(request.user) and file_fields:
            context["choice_form"] = choice_form or FormChoiceForm(
                initial=file_fields, names=result.unknown_forms
            )
        return context

    def import_page(self, request, form, context=None) -> TemplateResponse:
        page = {
            **self.admin_site.each_context(request),
            "title": "インポート",
            "opts": self.opts,
            "form": form,
            "media": self.media + form.media,
            "columns": layout.DATASET_COLUMNS,
            **(context or {}),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, TEMPLATE, page)
