"""協働事業 in the admin: the list clerks work from, the change form with its inlines, the
bulk actions, import and export, and the 年次集計 pages.

Who may change what is decided by projects/permissions.py and enforced here on the server: the
list shows every project, but the change form, the inlines, the bulk actions and the import only
let a clerk (担当課職員) touch the projects of their own departments. A save is refused when
someone else saved the project since the form was loaded (optimistic locking on `version`).
"""

from django.contrib import admin, messages
from django.contrib.admin.views.main import PAGE_VAR, SEARCH_VAR
from django.db.models import F
from django.db.models.functions import Coalesce
from django.http import HttpResponseRedirect
from django.template.loader import render_to_string
from django.utils.html import format_html

from projects.admin.actions import copy_to_next_year, only_editable, publish, withdraw
from projects.admin.filters import FiscalYearFilter, MissingFilter, SessionDateRangeFilter
from projects.admin.history import KyodoHistoryAdmin, id_or_404
from projects.admin.importexport import ReportImportExportMixin
from projects.admin.inlines import PartnerLinkInline, SessionInline
from projects.admin.reports import report_urls
from projects.admin.scope import ProjectScopedPermissions, form_checking_year
from projects.display import people
from projects.forms import CORRECTION_FIELD, ProjectAdminForm, needs_correction_reason
from projects.history import (
    EditConflict,
    changes_since,
    fiscal_year_text,
    related_history,
    wareki_or_blank,
)
from projects.models import REPORT_ORDER, Department, Project, Session
from projects.paging import CappedPaginator
from projects.permissions import can_edit_project, editable_departments, is_coordinator
from projects.report.charts import series_chart
from projects.rules import keyword_error, participants
from projects.selectors import project_series
from projects.services.editions import project_record_correction

_LOCK_FIELDS = ("loaded_version", "loaded_at")


@admin.register(Project)
class ProjectAdmin(ProjectScopedPermissions, ReportImportExportMixin, KyodoHistoryAdmin):
    form = ProjectAdminForm
    inlines = [SessionInline, PartnerLinkInline]
    actions = [copy_to_next_year, publish, withdraw]

    list_display = (
        "number_display",
        "name",
        "department",
        "category",
        "form",
        "fiscal_year_display",
        "first_date",
        "participants_display",
        "published",
    )
    list_display_links = ("number_display", "name")
    list_select_related = ("department", "form")
    list_filter = (
        FiscalYearFilter,
        "form",
        "category",
        "department",
        SessionDateRangeFilter,
        "published",
        MissingFilter,
    )
    # The search box runs the register's one keyword search (Project.objects.matching, see
    # get_search_results); the field names only make the admin show the box.
    search_fields = ("name",)
    search_help_text = "協働事業の名称、目的・内容、効果、関係団体の名称（別表記も）で検索します。"
    ordering = REPORT_ORDER
    list_per_page = 50
    # Count a search only as far as the pages need (「1,000件以上」), and not the whole register
    # beside it: at 100,000 projects those two counts were most of a search's time.
    paginator = CappedPaginator
    show_full_result_count = False
    save_on_top = True
    change_list_template = "admin/projects/project/change_list.html"

    fieldsets = (
        (
            None,
            {
                "fields": (
                    ("fiscal_year", "fiscal_year_wareki"),
                    ("form", "number"),
                    "name",
                    "department",
                    ("category", "since_year"),
                    "previous",
                    "purpose",
                    "effect",
                    ("reported_session_count", "reported_participants_total"),
                    "participants_summary",
                    "series_years",
                    "published",
                    *_LOCK_FIELDS,
                )
            },
        ),
    )
    readonly_fields = ("fiscal_year_wareki", "participants_summary", "series_years")
    autocomplete_fields = ("previous",)

    history_list_display: list[str] = []

    class Media:
        css = {"all": ["projects/admin.css"]}
        js = ["projects/wareki.js"]

    # --- the list ---------------------------------------------------------------------

    def get_queryset(self, request):
        return super().get_queryset(request).with_participants()

    def get_paginator(self, request, queryset, per_page, orphans=0, allow_empty_first_page=True):
        page = request.GET.get(PAGE_VAR)
        searched = bool(request.GET.get(SEARCH_VAR, "").strip())
        return self.paginator(
            queryset, per_page, orphans, allow_empty_first_page, page=page, searched=searched
        )

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        cl = getattr(response, "context_data", {}).get("cl")
        if cl is not None and cl.paginator.capped:
            # Django's note says 「1001 個選択されました」: the limit's count, not the list's.
            response.context_data["selection_note_all"] = (
                f"{cl.paginator.count_text}の全件が選択されています"
            )
        return response

    def get_search_results(self, request, queryset, search_term):
        # A keyword past the limits (kyodo.limits) finds nothing and says why, on both databases.
        error = keyword_error(search_term)
        if error:
            self.message_user(request, error, messages.ERROR)
            return queryset.none(), False
        # Subqueries, not joins: no project twice, so no DISTINCT over the whole list.
        return queryset.matching(search_term), False

    @admin.display(description="No.", ordering="number")
    def number_display(self, obj):
        return obj.number

    @admin.display(description="年度", ordering="fiscal_year")
    def fiscal_year_display(self, obj):
        return fiscal_year_text(obj.fiscal_year)

    @admin.display(description="実施日（最初）", ordering="first_start")
    def first_date(self, obj):
        return wareki_or_blank(obj.first_start) or "-"

    @admin.display(description="参加人数", ordering=Coalesce("participants_total", 0))
    def participants_display(self, obj):
        return people(obj.participants_total, obj.any_approximate)

    def get_urls(self):
        # 年次集計 (the yearly summary), its downloads and the printable report.
        return report_urls(self) + super().get_urls()

    def get_actions(self, request):
        actions = super().get_actions(request)
        return {
            name: (only_editable(func), name, description)
            for name, (func, name, description) in actions.items()
        }

    # --- the form ---------------------------------------------------------------------

    @admin.display(description="年度（和暦）")
    def fiscal_year_wareki(self, obj):
        text = fiscal_year_text(obj.fiscal_year) if obj and obj.fiscal_year else ""
        return format_html('<span class="kyodo-fiscal-year-wareki">{}</span>', text or "-")

    @admin.display(description="参加人数の合計")
    def participants_summary(self, obj):
        if obj is None or obj.pk is None:
            return format_html('<span class="kyodo-participants-total">{}</span>', "-")
        # Read afresh: the sessions as saved, whatever a list's prefetch holds.
        sessions = list(Session.objects.filter(project=obj))
        counted = participants(sessions)
        text = f"全{len(sessions)}回 延べ{people(counted.total, counted.approximate)}"
        return format_html('<span class="kyodo-participants-total">{}</span>', text)

    def get_fieldsets(self, request, obj=None):
        if obj is not None and not self.has_change_permission(request, obj):
            # Viewing another department's project: no form, so no lock fields either.
            return [
                (
                    name,
                    {**options, "fields": [f for f in options["fields"] if f not in _LOCK_FIELDS]},
                )
                for name, options in self.fieldsets
            ]
        if needs_correction_reason(obj):
            # The form requires the reason for this project (ProjectAdminForm): show it first.
            correction = (
                "訂正（公表済みの年度）",
                {"fields": [CORRECTION_FIELD], "classes": ["kyodo-correction"]},
            )
            return [correction, *self.fieldsets]
        return self.fieldsets

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        if not self.has_publish_permission(request):
            # Publishing and linking the years of a series by hand are the coordinator's.
            readonly = (*readonly, "published", "previous")
        return readonly

    @admin.display(description="年度ごとの実施状況")
    def series_years(self, obj):
        if obj is None or obj.pk is None:
            return "-"
        series = project_series(obj, published_only=False)
        if not series:
            return "この協働事業だけです（前年度の協働事業を選ぶと、年度ごとに並びます）。"
        return render_to_string(
            "public/includes/series.html",
            {
                "series": series,
                "series_chart": series_chart(series),
                "series_link_name": "admin:projects_project_change",
            },
        )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "department":
            kwargs["queryset"] = editable_departments(request.user, Department.objects.all())
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        return form_checking_year(form, request.user)

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        departments = editable_departments(request.user, Department.objects.all())
        if "department" not in initial and not is_coordinator(request.user):
            only = list(departments.values_list("pk", flat=True)[:2])
            if len(only) == 1:
                initial["department"] = only[0]
        return initial

    # --- who may do what (change and delete: ProjectScopedPermissions) ---------------

    def has_add_permission(self, request):
        return super().has_add_permission(request) and can_edit_project(request.user, None)

    def has_publish_permission(self, request):
        """Only the coordinating office decides what citizens see."""
        return is_coordinator(request.user)

    # --- saving: optimistic locking ---------------------------------------------------

    def save_model(self, request, obj, form, change):
        if change:
            loaded = form.cleaned_data.get("loaded_version")
            # Compare and set: only the writer who loaded the current version may save.
            updated = Project.objects.filter(pk=obj.pk, version=loaded).update(
                version=F("version") + 1
            )
            if not updated:
                raise EditConflict(changes_since(obj.pk, form.loaded_since()))
            obj.version = loaded + 1
        reason = form.cleaned_data.get(CORRECTION_FIELD) if change else ""
        if reason:
            obj._change_reason = f"訂正：{reason}"
        super().save_model(request, obj, form, change)
        if reason:
            project_record_correction(project=obj, reason=reason, user=request.user)

    def save_formset(self, request, form, formset, change):
        # A session or partner changed in a published year carries the same reason in its
        # history as the project (deleted rows too: the formset deletes its forms' instances).
        reason = form.cleaned_data.get(CORRECTION_FIELD) if change else ""
        if reason:
            for inline_form in formset.forms:
                inline_form.instance._change_reason = f"訂正：{reason}"
        super().save_formset(request, form, formset, change)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except EditConflict as conflict:
            # The atomic block of the change view has rolled back everything of this save.
            for line in conflict.lines:
                self.message_user(request, line, messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def history_view(self, request, object_id, extra_context=None):
        id_or_404(Project, object_id)  # before related_history reads the id
        extra_context = {**(extra_context or {}), "related_history": related_history(object_id)}
        return super().history_view(request, object_id, extra_context)
