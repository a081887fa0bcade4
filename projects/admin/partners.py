"""関係団体 in the admin: search by any spelling, the projects each took part in, and merging."""

from itertools import groupby

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db.models import Count
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from partners.models import Partner, PartnerAlias
from projects.admin.history import KyodoHistoryAdmin
from projects.history import fiscal_year_text
from projects.permissions import is_coordinator
from projects.services.partners import PartnerMergeRefused, partner_merge, shared_projects


class PartnerAliasInline(admin.TabularInline):
    model = PartnerAlias
    extra = 1
    fields = ("name",)


@admin.register(Partner)
class PartnerAdmin(KyodoHistoryAdmin):
    list_display = ("name", "legal_form", "kind", "alias_list", "project_count")
    list_filter = ("kind", "legal_form")
    search_fields = ("name", "aliases__name")
    search_help_text = "正式名称と別表記（(公財)〜 などの書き方）で検索します。"
    inlines = [PartnerAliasInline]
    fields = ("name", "legal_form", "kind", "note", "projects_by_year")
    readonly_fields = ("projects_by_year",)
    actions = ["merge_partners"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related("aliases")
            .annotate(project_total=Count("project_links__project", distinct=True))
        )

    @admin.display(description="別表記")
    def alias_list(self, obj):
        return "、".join(alias.name for alias in obj.aliases.all()) or "-"

    @admin.display(description="協働事業の数", ordering="project_total")
    def project_count(self, obj):
        return f"{obj.project_total}件"

    @admin.display(description="参加した協働事業（年度ごと）")
    def projects_by_year(self, obj):
        if obj is None or obj.pk is None:
            return "-"
        links = obj.project_links.select_related(
            "project", "project__form", "project__department"
        ).order_by(
            "-project__fiscal_year",
            "project__form__order",
            "project__form__name",
            "project__number",
        )
        blocks = []
        for year, items in groupby(links, key=lambda link: link.project.fiscal_year):
            rows = format_html_join(
                "",
                '<li><a href="{}">{} {} No.{} {}</a>（{}）{}{}</li>',
                (
                    (
                        reverse("admin:projects_project_change", args=[link.project.pk]),
                        fiscal_year_text(year),
                        link.project.form.name,
                        link.project.number,
                        link.project.name,
                        link.project.department.name,
                        f" 役割：{link.role}" if link.role else "",
                        # the spelling that year's report printed, when not the current name
                        f" 表記：{link.written_as}" if link.written_as != obj.name else "",
                    )
                    for link in items
                ),
            )
            blocks.append(format_html("<h4>{}</h4><ul>{}</ul>", fiscal_year_text(year), rows))
        if not blocks:
            return "まだ協働事業に登録されていません。"
        return format_html_join("", "{}", ((block,) for block in blocks))

    # --- merging duplicates -----------------------------------------------------------

    def has_merge_permission(self, request):
        return is_coordinator(request.user) and self.has_delete_permission(request)

    @admin.action(description="選択した関係団体を統合", permissions=["merge"])
    def merge_partners(self, request, queryset):
        partners = list(queryset.order_by("name"))
        if len(partners) < 2:
            self.message_user(request, "統合する関係団体を2件以上選んでください。", messages.ERROR)
            return None
        target_id = request.POST.get("target")
        confirmed = request.POST.get("same_body") == "yes"
        refused = None
        if request.POST.get("post") == "yes" and target_id:
            target = next((p for p in partners if str(p.pk) == target_id), None)
            if target is None:
                self.message_user(
                    request, "残す関係団体を、選んだものの中から選んでください。", messages.ERROR
                )
                return None
            others = [p for p in partners if p.pk != target.pk]
            names = "、".join(f"「{p.name}」" for p in others)
            try:
                partner_merge(
                    target=target, others=others, user=request.user, confirmed_same_body=confirmed
                )
            except PartnerMergeRefused as error:
                # Back to the page, which names the projects and asks for the confirmation.
                refused = str(error)
            else:
                self.message_user(
                    request,
                    f"{names}を「{target.name}」に統合しました。元の名称は別表記として残しています。"
                    "協働事業の報告書での表記は変わりません。",
                    messages.SUCCESS,
                )
                return None
        # The intermediate page: which of the selected partners survives, and, when two of them
        # share a project, the confirmation that they are one body.
        counted = {
            p.pk: p
            for p in Partner.objects.filter(pk__in=[p.pk for p in partners])
            .prefetch_related("aliases")
            .annotate(link_total=Count("project_links"))
        }
        suggested = max(partners, key=lambda p: (counted[p.pk].link_total, -p.pk)).pk
        context = {
            **self.admin_site.each_context(request),
            "title": "関係団体の統合",
            "opts": self.model._meta,
            "partners": [counted[p.pk] for p in partners],
            "suggested": int(target_id) if refused and target_id else suggested,
            "shared_projects": shared_projects(partners),
            "refused": refused,
            "confirmed": confirmed,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "action": "merge_partners",
            "media": self.media,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/partners/partner/merge_confirmation.html", context)
