"""Published editions (公表版) in the admin: the publish button of 年次集計, and read-only lists
of the editions and the corrections (no one may change or delete them)."""

from django.contrib import admin, messages
from django.core.exceptions import BadRequest, PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.views.decorators.http import require_POST

from projects.models import Correction, Edition
from projects.permissions import can_publish_edition
from projects.services.editions import EditionError, edition_publish

SUMMARY_URL = "projects_project_summary"


@require_POST
def publish_view(request: HttpRequest, model_admin) -> HttpResponse:
    """「公表版を作成」 on 年次集計: the coordinator only, checked here on the server."""
    if not can_publish_edition(request.user):
        raise PermissionDenied("公表版を作成できるのは協働推進担当だけです。")
    value = request.POST.get("fiscal_year", "")
    if not value.isdigit():
        raise BadRequest("年度を指定してください。")
    fiscal_year = int(value)
    try:
        edition = edition_publish(
            fiscal_year=fiscal_year, note=request.POST.get("note", ""), user=request.user
        )
    except EditionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"{edition}を公表しました。")
    return redirect(reverse(f"admin:{SUMMARY_URL}") + f"?fiscal_year={fiscal_year}")


class ReadOnlyAdmin(admin.ModelAdmin):
    """Shown, never added, changed or deleted here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Edition)
class EditionAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "published_at", "note", "published_by")
    list_filter = ("fiscal_year",)
    fields = ("fiscal_year", "number", "published_at", "note", "published_by", "files_list")
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("published_by")

    @admin.display(description="ファイル")
    def files_list(self, obj):
        files = obj.files.defer("content").order_by("kind")
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                '<li><a href="{}">{}</a>（{}バイト）<br><code>{}</code></li>',
                ((f.path, f.filename, f"{f.size:,}", f.sha256) for f in files),
            ),
        )


@admin.register(Correction)
class CorrectionAdmin(ReadOnlyAdmin):
    list_display = ("corrected_at", "project", "fiscal_year", "reason", "user")
    list_filter = ("fiscal_year",)
    list_select_related = ("project", "user")
    fields = ("project", "fiscal_year", "reason", "corrected_at", "user")
    readonly_fields = fields
