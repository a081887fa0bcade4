"""人事異動 in the admin: the coordinator uploads the personnel list, reads what will change
(every error of the file, or each row's change), and applies it whole with one button; every
list applied stays listed read only with its rows (projects.services.transfers).

The confirm step posts the file's bytes back (base64, hidden) and they are read and checked
again before anything is written: a forged confirm is checked like any upload.
"""

import base64
import binascii

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from projects.models import Transfer, TransferList
from projects.permissions import can_manage_account
from projects.reader.records import ReportReadError
from projects.services.transfer_lists import COLUMNS, transfers_read
from projects.services.transfers import transfers_apply, transfers_carry_out_due


class TransferUploadForm(forms.Form):
    file = forms.FileField(
        label="人事異動の一覧",
        help_text="CSV（UTF-8 または Shift_JIS）か XLSX。列: " + "、".join(COLUMNS) + "。",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.KYODO_IMPORT_MAX_BYTES:
            raise forms.ValidationError("ファイルが大きすぎます。")
        if not upload.name.lower().endswith((".csv", ".xlsx", ".txt")):
            raise forms.ValidationError("CSV か XLSX のファイルを選んでください。")
        return upload


class TransferInline(admin.TabularInline):
    model = Transfer
    fields = ("row", "username", "kind", "change", "effective", "done_at")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(TransferList)
class TransferListAdmin(admin.ModelAdmin):
    list_display = ("file_name", "applied_at", "applied_by", "row_count", "waiting_count")
    readonly_fields = ("file_name", "sha256", "applied_at", "applied_by")
    fields = readonly_fields
    inlines = [TransferInline]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("applied_by")

    @admin.display(description="行数")
    def row_count(self, obj):
        return obj.transfers.count()

    @admin.display(description="異動日待ち")
    def waiting_count(self, obj):
        return obj.transfers.filter(done_at__isnull=True).count() or "-"

    def has_module_permission(self, request):
        return can_manage_account(request.user, None) and super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return can_manage_account(request.user, None) and super().has_view_permission(request, obj)

    def has_add_permission(self, request):
        return can_manage_account(request.user, None) and super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        urls = super().get_urls()
        due = path(
            "due/",
            self.admin_site.admin_view(self.due_view),
            name="projects_transferlist_due",
        )
        return [due, *urls]

    def due_view(self, request):
        if request.method != "POST" or not self.has_add_permission(request):
            raise PermissionDenied
        done = transfers_carry_out_due(by=request.user)
        messages.success(request, f"異動日を迎えた{len(done)}件を適用しました。")
        return HttpResponseRedirect(reverse("admin:projects_transferlist_changelist"))

    def changelist_view(self, request, extra_context=None):
        waiting = Transfer.objects.filter(done_at__isnull=True).count()
        return super().changelist_view(request, {**(extra_context or {}), "waiting": waiting})

    def add_view(self, request, form_url="", extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "人事異動の一覧を適用",
            "columns": COLUMNS,
        }
        form = TransferUploadForm()
        if request.method == "POST" and "confirm" in request.POST:
            file_name = request.POST.get("file_name", "")[:255]
            try:
                data = base64.b64decode(request.POST.get("data", ""), validate=True)
            except (binascii.Error, ValueError):
                raise PermissionDenied from None
            try:
                record = transfers_apply(data=data, file_name=file_name, by=request.user)
            except ReportReadError as error:
                context["errors"] = error.errors
            else:
                self.log_addition(request, record, f"人事異動の一覧 {file_name} を適用しました")
                messages.success(request, f"人事異動を適用しました: {file_name}")
                return HttpResponseRedirect(
                    reverse("admin:projects_transferlist_change", args=[record.pk])
                )
        elif request.method == "POST":
            form = TransferUploadForm(request.POST, request.FILES)
            if form.is_valid():
                upload = form.cleaned_data["file"]
                data = upload.read()
                try:
                    plan = transfers_read(data=data, file_name=upload.name)
                except ReportReadError as error:
                    context["errors"] = error.errors
                else:
                    context["plan"] = plan
                    context["data"] = base64.b64encode(data).decode("ascii")
        context["form"] = form
        return TemplateResponse(request, "admin/projects/transferlist/upload.html", context)
