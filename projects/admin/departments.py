"""担当課 in the admin: their clerks and their projects by year. Only the coordinator edits them."""

from itertools import groupby

from django.contrib import admin
from django.db import models
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.timezone import localtime

from projects.admin.renaming import RenamingAdmin
from projects.history import fiscal_year_text, japanese_name
from projects.models import Department
from projects.permissions import is_coordinator
from projects.services import names


@admin.register(Department)
class DepartmentAdmin(RenamingAdmin):
    list_display = ("name", "active", "members_list", "project_count")
    list_filter = ("active",)
    search_fields = ("name", "members__username", "members__last_name", "members__first_name")
    filter_horizontal = ("members",)
    fields = ("name", "active", "members", "members_table", "projects_by_year")
    readonly_fields = ("members_table", "projects_by_year")

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

    @admin.display(description="職員の一覧")
    def members_table(self, obj):
        if obj.pk is None:
            return "-"
        members = obj.members.order_by("-is_active", "username")
        if not members:
            return "まだいません"
        return format_html(
            '<table class="kyodo-members"><thead><tr><th scope="col">氏名</th>'
            '<th scope="col">ユーザー名</th><th scope="col">メール</th>'
            '<th scope="col">最終ログイン</th><th scope="col">状態</th></tr></thead>'
            "<tbody>{}</tbody></table>",
            format_html_join(
                "",
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                (
                    (
                        japanese_name(m) or "-",
                        m.get_username(),
                        m.email or "（なし）",
                        date_format(localtime(m.last_login), "Y-m-d H:i")
                        if m.last_login
                        else "まだログインしていません",
                        "有効" if m.is_active else "無効",
                    )
                    for m in members
                ),
            ),
        )

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

    def rename(self, *, obj, name, from_year, user):
        names.department_rename(department=obj, name=name, from_year=from_year, user=user)

    def correct(self, *, obj, name, until_year, user):
        names.department_correct_name(department=obj, name=name, until_year=until_year, user=user)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and is_coordinator(request.user)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and is_coordinator(request.user)

    def has_add_permission(self, request):
        return super().has_add_permission(request) and is_coordinator(request.user)
