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

import contextlib
import os
import re
import secrets
import tempfile
import time
from pathlib import Path

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
from projects.admin.unknown_forms import RECHECK, FormChoiceForm, decode, encode
from projects.permissions import department_ids_of, is_coordinator
from projects.reader.records import ReportReadError
from projects.services.importing import IMPORT_REASON
from projects.services.locks import ImportBusy
from projects.services.report_import import (
    CSV,
    KINDS,
    NEW,
    PDF,
    TEXT,
    UPDATE,
    XLSX,
    project_import_dataset,
    read_file,
    too_large,
)

TEMPLATE = "admin/projects/project/import.html"
UNREADABLE = (
    "ファイルを読めませんでした。選んだ形式（報告書テキスト・CSV・XLSX・PDF）と"
    "ファイルが合っているか確かめてください。"
)
GONE = "取り込むファイルが見つかりません。もう一度ファイルを選んでください。"


# --- the kinds of file -----------------------------------------------------------------------


class ImportFormat:
    """A kind of file the upload form offers (its 「形式」), by its place in IMPORT_FORMATS."""

    kind = TEXT

    def get_title(self) -> str:
        return KINDS[self.kind]

    def get_extension(self) -> str:
        return self.kind


class ReportTextFormat(ImportFormat):
    """The report as text extracted from the PDF (UTF-8 or cp932, detected)."""

    kind = TEXT


class ReportCSVFormat(ImportFormat):
    """CSV in the report layout; UTF-8 (with or without BOM) or cp932, detected."""

    kind = CSV


class ReportXLSXFormat(ImportFormat):
    kind = XLSX


class ReportPDFFormat(ImportFormat):
    """The city's report PDF (a text PDF with a ruled table), read by projects.reader.pdf."""

    kind = PDF


IMPORT_FORMATS = [ReportTextFormat, ReportCSVFormat, ReportXLSXFormat, ReportPDFFormat]


# --- the file between the steps ----------------------------------------------------------------


class FileStore:
    """An uploaded file kept on the server from the check to the confirmation.

    Named by 32 random hex digits, in a directory of its own under the system's temporary one;
    a name from a form is checked against that shape, so it cannot point anywhere else. Files
    older than a day (an import never confirmed) are removed when another is kept.
    """

    NAME = re.compile(r"[0-9a-f]{32}")
    MAX_AGE = 24 * 3600

    def __init__(self, directory: Path | None = None):
        self.directory = directory or Path(tempfile.gettempdir()) / "kyodo-import"

    def save(self, data: bytes) -> str:
        self.directory.mkdir(mode=0o700, exist_ok=True)
        self._sweep()
        name = secrets.token_hex(16)
        descriptor = os.open(self.directory / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
        return name

    def read(self, name: str) -> bytes:
        return self._path(name).read_bytes()

    def remove(self, name: str) -> None:
        with contextlib.suppress(FileNotFoundError):
            self._path(name).unlink(missing_ok=True)

    def _path(self, name: str) -> Path:
        if not self.NAME.fullmatch(name or ""):
            raise FileNotFoundError(name)
        return self.directory / name

    def _sweep(self) -> None:
        limit = time.time() - self.MAX_AGE
        for old in self.directory.iterdir():
            try:
                if old.stat().st_mtime < limit:
                    old.unlink()
            except OSError:
                pass


# --- the forms -------------------------------------------------------------------------------


def _format_choices():
    return [("", "---")] + [(str(i), f().get_title()) for i, f in enumerate(IMPORT_FORMATS)]


class UploadForm(forms.Form):
    """The file and its kind; a file over the size limit is refused before it is read."""

    import_file = forms.FileField(label="インポートするファイル")
    format = forms.ChoiceField(label="形式", choices=_format_choices)

    def clean_import_file(self):
        upload = self.cleaned_data["import_file"]
        if reason := too_large(upload.size):
            raise forms.ValidationError(reason, code="too_large")
        return upload

    def kind(self) -> str:
        return IMPORT_FORMATS[int(self.cleaned_data["format"])].kind


FILE_FIELDS = ("import_file_name", "original_file_name", "format")


class ConfirmForm(forms.Form):
    """The kept file (its stored and its own name, its kind) and the coordinator's answer for
    forms the list lacks, from the preview to the real import. Field names as the choice form's
    (projects/admin/unknown_forms.py), which carries the same file."""

    import_file_name = forms.CharField(widget=forms.HiddenInput)
    original_file_name = forms.CharField(widget=forms.HiddenInput)
    format = forms.TypedChoiceField(
        widget=forms.HiddenInput,
        coerce=int,
        choices=[(str(i), str(i)) for i in range(len(IMPORT_FORMATS))],
    )
    form_choices = forms.CharField(widget=forms.HiddenInput, required=False, initial="")

    def clean_import_file_name(self) -> str:
        name = self.cleaned_data["import_file_name"]
        if not FileStore.NAME.fullmatch(name):
            raise forms.ValidationError(GONE)
        return name

    def clean_form_choices(self):
        return decode(self.cleaned_data.get("form_choices", ""))

    def kind(self) -> str:
        return IMPORT_FORMATS[self.cleaned_data["format"]].kind

    def file_fields(self) -> dict:
        return {name: self.data.get(name, "") for name in FILE_FIELDS}


# --- the views -------------------------------------------------------------------------------


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
