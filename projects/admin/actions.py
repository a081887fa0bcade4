"""Bulk actions of the project list: 次年度へ複製, 公開する and 非公開にする.

ProjectAdmin wraps every action in ``only_editable``, so an action receives only the rows the
user may change (a clerk: their own departments' projects) and the user is told about the rest.
"""

from functools import wraps

from django.contrib import admin, messages
from django.http import HttpRequest

from projects.permissions import department_ids_of, split_editable
from projects.services.next_year import project_copy_to_next_year, skip_reason
from projects.services.publishing import project_set_published


def only_editable(func):
    """Wrap an action so it receives only the rows the user may change; tell about the rest."""

    @wraps(func)
    def action(modeladmin, request, queryset):
        allowed, refused = split_editable(request.user, queryset)
        refused = list(refused.select_related("form")[:12])
        own = department_ids_of(request.user)
        for why, rows in (
            ("他の担当課の協働事業は", [p for p in refused if p.department_id not in own]),
            # Their own department's, in a year it has answered in the yearly survey.
            ("調査に回答済みの年度の協働事業は", [p for p in refused if p.department_id in own]),
        ):
            if rows:
                shown = "、".join(str(p) for p in rows[:5]) + ("ほか" if len(rows) > 5 else "")
                modeladmin.message_user(
                    request,
                    f"{why}変更・削除できないため、対象から外しました：{shown}",
                    messages.WARNING,
                )
        if not allowed.exists():
            return None
        return func(modeladmin, request, allowed)

    return action


@admin.action(description="次年度へ複製", permissions=["add"])
def copy_to_next_year(model_admin, request: HttpRequest, queryset) -> None:
    """Copy the selected 例年実施 / 2年に一度実施 projects to the year they run next."""
    projects = list(queryset.select_related("form", "department"))
    eligible = []
    for project in projects:
        reason = skip_reason(project, user=request.user)
        if reason:
            messages.warning(
                request, f"{project.fiscal_year_label} No.{project.number} {project.name}：{reason}"
            )
        else:
            eligible.append(project)
    created = project_copy_to_next_year(projects=eligible, user=request.user)
    for project in created:
        messages.success(
            request,
            f"{project.fiscal_year_label} No.{project.number} {project.name} を作成しました。",
        )
    existing = len(eligible) - len(created)
    if existing:
        messages.info(request, f"{existing}件は複製先の年度にすでにあるため、作成しませんでした。")
    if not created and not existing and not projects:
        messages.info(request, "複製する協働事業がありません。")


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
