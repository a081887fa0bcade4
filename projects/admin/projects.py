"""The clerks' admin of the register.

Who may change what is decided by projects/permissions.py and enforced here on the server:
the list shows every project, but the change form, the inlines, the bulk actions and the import
only let a clerk (担当課職員) touch the projects of their own departments.
"""

import datetime
from functools import wraps
from itertools import groupby

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Exists, F, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from import_export.admin import ImportExportMixin
from import_export.formats import base_formats
from import_export.forms import SelectableFieldsExportForm
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from projects.admin_filters import FiscalYearFilter, SessionDateRangeFilter
from projects.forms import (
    EditConflict,
    ProjectAdminForm,
    SessionInlineForm,
    SessionInlineFormSet,
    WarekiDateWidget,
    changes_since,
    field_changes,
    wareki_or_blank,
)
from projects.models import Department, Form, Project, ProjectPartner, Session
from projects.permissions import (
    can_edit_project,
    department_ids_of,
    editable_departments,
    is_coordinator,
    split_editable,
)
from projects.reader.records import ReportReadError
from projects.report.admin_views import copy_to_next_year, report_urls
from projects.resources import (
    ProjectResource,
    ReportCSVFormat,
    ReportTextFormat,
    ReportXLSXFormat,
)
from projects.services.publishing import project_set_published
from projects.wareki import WarekiError, fiscal_year_label


class ReportExportForm(SelectableFieldsExportForm):
    """The export form with the report's column names (年度, 協働の形態, …) as labels."""

    def _get_field_label(self, resource, field_name):
        field = resource.fields.get(field_name)
        return field.column_name if field is not None and field.column_name else field_name


HISTORY_TEMPLATE = "admin/kyodo/object_history.html"
HISTORY_LIST_TEMPLATE = "admin/kyodo/object_history_list.html"


class KyodoHistoryContextHelper(HistoricalRecordContextHelper):
    """Changes shown as a clerk reads them: choices by label, dates in 和暦."""

    def prepare_delta_change_value(self, change, value):
        value = super().prepare_delta_change_value(change, value)
        field = self.model._meta.get_field(change.field)
        if getattr(field, "choices", None):
            return dict(field.flatchoices).get(value, value)
        if isinstance(value, bool):
            return "はい" if value else "いいえ"
        if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
            return wareki_or_blank(value) or value
        return value


class KyodoHistoryAdmin(SimpleHistoryAdmin):
    """simple-history's pages in Japanese, with every change shown field by field.

    Past versions are shown read only: reverting would bypass the department checks and the
    optimistic lock of the change form, so a POST to a past version is refused.
    """

    object_history_template = HISTORY_TEMPLATE
    object_history_list_template = HISTORY_LIST_TEMPLATE

    def history_view_title(self, request, obj):
        return f"変更履歴：{obj}"

    def history_form_view_title(self, request, obj):
        return f"過去の版：{obj}"

    def get_historical_record_context_helper(self, request, historical_record):
        return KyodoHistoryContextHelper(self.model, historical_record)

    def revert_disabled(self, request, obj=None):
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            raise PermissionDenied("過去の版に戻す操作はできません。")
        return super().history_form_view(request, object_id, version_id, extra_context)


def fiscal_year_text(year: int | None) -> str:
    if year is None:
        return "-"
    try:
        return fiscal_year_label(year)
    except WarekiError:
        return f"{year}年度"


@admin.register(Form)
class FormAdmin(KyodoHistoryAdmin):
    list_display = ("order", "name")
    list_display_links = ("name",)
    ordering = ("order", "name")
    search_fields = ("name",)


@admin.register(Department)
class DepartmentAdmin(KyodoHistoryAdmin):
    list_display = ("name", "members_list", "project_count")
    search_fields = ("name", "members__username", "members__last_name", "members__first_name")
    filter_horizontal = ("members",)
    fields = ("name", "members", "projects_by_year")
    readonly_fields = ("projects_by_year",)

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related("members")
            .annotate(project_total=models.Count("projects", distinct=True))
        )

    @admin.display(description="所属職員")
    def members_list(self, obj):
        return "、".join(m.get_full_name() or m.get_username() for m in obj.members.all()) or "-"

    @admin.display(description="協働事業の数", ordering="project_total")
    def project_count(self, obj):
        return f"{obj.project_total}件"

    @admin.display(description="年度ごとの協働事業")
    def projects_by_year(self, obj):
        if obj.pk is None:
            return "-"
        projects = (
            obj.projects.select_related("form")
            .order_by("-fiscal_year", "form__order", "form__name", "number")
            .only("pk", "fiscal_year", "number", "name", "form__name")
        )
        blocks = []
        for year, items in groupby(projects, key=lambda p: p.fiscal_year):
            items = list(items)
            blocks.append(
                format_html(
                    "<h4>{}（{}件）</h4><ul>{}</ul>",
                    fiscal_year_text(year),
                    len(items),
                    format_html_join(
                        "",
                        '<li><a href="{}">{} No.{} {}</a></li>',
                        (
                            (
                                reverse("admin:projects_project_change", args=[p.pk]),
                                p.form.name,
                                p.number,
                                p.name,
                            )
                            for p in items
                        ),
                    ),
                )
            )
        return format_html_join("", "{}", ((b,) for b in blocks)) if blocks else "まだありません"

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and is_coordinator(request.user)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and is_coordinator(request.user)

    def has_add_permission(self, request):
        return super().has_add_permission(request) and is_coordinator(request.user)


# --- inlines: they follow the parent project ------------------------------------------


class FollowsProjectMixin:
    """A clerk changes sessions and partner links only of their departments' projects."""

    def has_add_permission(self, request, obj):
        allowed = super().has_add_permission(request, obj)
        return allowed and (obj is None or can_edit_project(request.user, obj))

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or can_edit_project(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or can_edit_project(request.user, obj))


class SessionInline(FollowsProjectMixin, admin.TabularInline):
    model = Session
    form = SessionInlineForm
    formset = SessionInlineFormSet
    extra = 1  # the fields and their order come from SessionInlineForm
    formfield_overrides = {models.DateField: {"widget": WarekiDateWidget}}
    classes = ("kyodo-sessions",)


class PartnerLinkInline(FollowsProjectMixin, admin.TabularInline):
    model = ProjectPartner
    extra = 1
    fields = ("order", "partner", "role", "count", "written_as")
    autocomplete_fields = ("partner",)
    classes = ("kyodo-partner-links",)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("partner")


# --- bulk actions: rows of other departments are skipped -------------------------------


def _only_editable(func):
    """Wrap an action so it receives only the rows the user may change; tell about the rest."""

    @wraps(func)
    def action(modeladmin, request, queryset):
        allowed, refused = split_editable(request.user, queryset)
        refused_names = [str(p) for p in refused.select_related("form")[:6]]
        if refused_names:
            shown = "、".join(refused_names[:5]) + ("ほか" if len(refused_names) > 5 else "")
            modeladmin.message_user(
                request,
                "他の担当課の協働事業は変更・削除できないため、対象から外しました：" + shown,
                messages.WARNING,
            )
        if not allowed.exists():
            return None
        return func(modeladmin, request, allowed)

    return action


def _sessions_of_project():
    return Session.objects.filter(project=OuterRef("pk")).order_by().values("project")


@admin.action(description="選択した協働事業を公開する", permissions=["publish"])
def publish(model_admin, request, queryset):
    changed = project_set_published(projects=queryset, published=True, user=request.user)
    model_admin.message_user(request, f"{changed}件の協働事業を公開しました。", messages.SUCCESS)


@admin.action(description="選択した協働事業を非公開にする", permissions=["publish"])
def withdraw(model_admin, request, queryset):
    changed = project_set_published(projects=queryset, published=False, user=request.user)
    model_admin.message_user(
        request, f"{changed}件の協働事業を非公開にしました。", messages.SUCCESS
    )


@admin.register(Project)
class ProjectAdmin(ImportExportMixin, KyodoHistoryAdmin):
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
    )
    search_fields = (
        "name",
        "purpose",
        "effect",
        "partners__name",
        "partners__aliases__name",
        "partner_links__written_as",
    )
    search_help_text = "協働事業の名称、目的・内容、効果、関係団体の名称（別表記も）で検索します。"
    ordering = ("fiscal_year", "form__order", "form__name", "number")
    list_per_page = 50
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
                    "purpose",
                    "effect",
                    ("reported_session_count", "reported_participants_total"),
                    "participants_summary",
                    "published",
                    "loaded_version",
                    "loaded_at",
                )
            },
        ),
    )
    readonly_fields = ("fiscal_year_wareki", "participants_summary")

    history_list_display = []

    class Media:
        css = {"all": ["projects/admin.css"]}
        js = ["projects/wareki.js"]

    # import and export (django-import-export)
    resource_classes = [ProjectResource]
    # The report's PDF text, and CSV / XLSX in the report layout (cp932 or UTF-8, detected).
    import_formats = [ReportTextFormat, ReportCSVFormat, ReportXLSXFormat]
    export_formats = [base_formats.CSV, base_formats.XLSX]
    to_encoding = "utf-8-sig"  # with a BOM, so Excel opens the CSV without mojibake
    export_form_class = ReportExportForm
    import_template_name = "admin/projects/project/import.html"
    export_template_name = "admin/projects/project/export.html"

    # --- the list ---------------------------------------------------------------------

    def get_queryset(self, request):
        sessions = _sessions_of_project()
        return (
            super()
            .get_queryset(request)
            .annotate(
                participants_total=Subquery(
                    sessions.annotate(total=Sum("participants")).values("total")
                ),
                first_start=Subquery(sessions.annotate(first=models.Min("start")).values("first")),
                any_approximate=Exists(
                    Session.objects.filter(project=OuterRef("pk"), approximate=True)
                ),
            )
        )

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
        if obj.participants_total is None:
            return "-"
        return f"{'約' if obj.any_approximate else ''}{obj.participants_total:,}人"

    # --- the form ---------------------------------------------------------------------

    @admin.display(description="年度（和暦）")
    def fiscal_year_wareki(self, obj):
        text = fiscal_year_text(obj.fiscal_year) if obj and obj.fiscal_year else ""
        return format_html('<span class="kyodo-fiscal-year-wareki">{}</span>', text or "-")

    @admin.display(description="参加人数の合計")
    def participants_summary(self, obj):
        if obj is None or obj.pk is None:
            return format_html('<span class="kyodo-participants-total">{}</span>', "-")
        sessions = list(obj.sessions.all())
        total = sum(s.participants or 0 for s in sessions)
        approximate = any(s.approximate for s in sessions)
        text = f"全{len(sessions)}回 延べ{'約' if approximate else ''}{total:,}人"
        return format_html('<span class="kyodo-participants-total">{}</span>', text)

    def get_fieldsets(self, request, obj=None):
        if obj is not None and not self.has_change_permission(request, obj):
            # Viewing another department's project: no form, so no lock fields either.
            hidden = {"loaded_version", "loaded_at"}
            return [
                (name, {**options, "fields": [f for f in options["fields"] if f not in hidden]})
                for name, options in self.fieldsets
            ]
        return self.fieldsets

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "department":
            kwargs["queryset"] = editable_departments(request.user, Department.objects.all())
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    # --- who may do what --------------------------------------------------------------

    def has_add_permission(self, request):
        return super().has_add_permission(request) and can_edit_project(request.user, None)

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or can_edit_project(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or can_edit_project(request.user, obj))

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

    def has_publish_permission(self, request):
        """Only the coordinating office decides what citizens see."""
        return is_coordinator(request.user)

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        if not self.has_publish_permission(request):
            readonly = (*readonly, "published")
        return readonly

    def has_import_permission(self, request):
        user = request.user
        may_write = user.has_perm("projects.add_project") or user.has_perm(
            "projects.change_project"
        )
        return may_write and (is_coordinator(user) or bool(department_ids_of(user)))

    def has_export_permission(self, request):
        return self.has_view_permission(request)

    def get_urls(self):
        # 年次集計 (the yearly summary), its downloads and the printable report.
        return report_urls(self) + super().get_urls()

    def get_actions(self, request):
        actions = super().get_actions(request)
        return {
            name: (_only_editable(func), name, description)
            for name, (func, name, description) in actions.items()
        }

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
        super().save_model(request, obj, form, change)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except EditConflict as conflict:
            # The atomic block of the change view has rolled back everything of this save.
            for line in conflict.lines:
                self.message_user(request, line, messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def history_view(self, request, object_id, extra_context=None):
        extra_context = {**(extra_context or {}), "related_history": related_history(object_id)}
        return super().history_view(request, object_id, extra_context)

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        departments = editable_departments(request.user, Department.objects.all())
        if "department" not in initial and not is_coordinator(request.user):
            only = list(departments.values_list("pk", flat=True)[:2])
            if len(only) == 1:
                initial["department"] = only[0]
        return initial


_ACTIONS = {"+": "追加", "~": "変更", "-": "削除"}


def related_history(project_id, limit: int = 200) -> list[dict]:
    """The history of a project's sessions and partner links, newest first, field by field."""
    try:
        project_id = int(project_id)
    except (TypeError, ValueError):
        return []
    entries = []
    for model, noun in ((Session, "実施"), (ProjectPartner, "関係団体")):
        records = (
            model.history.filter(project_id=project_id)
            .select_related("history_user")
            .order_by("-history_date")[:limit]
        )
        for record in records:
            if model is Session:
                what = f"{noun} {wareki_or_blank(record.start)}"
            else:
                what = f"{noun} {record.written_as or record.partner}"
            changes = []
            if record.history_type == "~":
                changes = field_changes(record)
            entries.append(
                {
                    "date": record.history_date,
                    "what": what,
                    "action": _ACTIONS[record.history_type],
                    "user": (
                        record.history_user.get_full_name() or record.history_user.get_username()
                    )
                    if record.history_user
                    else "",
                    "changes": changes,
                }
            )
    entries.sort(key=lambda e: e["date"], reverse=True)
    return entries[:limit]
