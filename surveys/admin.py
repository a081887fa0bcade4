"""The survey in the admin: 「調査を開始」, 調査の状況, the answer page, reminders and closing.

Nothing here writes an answer itself: every button calls a service of surveys.services, which
checks who may do it. The pages are in surveys/admin_views.py.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.html import format_html

from projects.admin.history import KyodoHistoryAdmin, id_or_404
from projects.permissions import is_coordinator
from surveys import admin_views
from surveys.forms import OpenSurveyForm
from surveys.models import ANSWERED, EDITABLE, FINISHED, Answer, Status, Survey, Transition
from surveys.selectors import answers_visible_to
from surveys.services import survey_open
from surveys.templatetags.surveys import wareki_date


@admin.register(Survey)
class SurveyAdmin(KyodoHistoryAdmin):
    form = OpenSurveyForm
    list_display = ("year_label", "deadline_text", "state_text", "answer_counts", "status_link")
    list_display_links = ("year_label",)
    change_form_template = "admin/surveys/survey/change_form.html"
    change_list_template = "admin/surveys/survey/change_list.html"

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                answer_total=Count("answers"),
                answered=Count("answers", filter=Q(answers__status__in=ANSWERED)),
                finished=Count("answers", filter=Q(answers__status__in=FINISHED)),
            )
        )

    @admin.display(description="年度", ordering="fiscal_year")
    def year_label(self, obj):
        return obj.fiscal_year_label

    @admin.display(description="提出期限", ordering="deadline")
    def deadline_text(self, obj):
        return wareki_date(obj.deadline)

    @admin.display(description="状況")
    def state_text(self, obj):
        return "受付中" if obj.is_open else "締切済"

    @admin.display(description="回答")
    def answer_counts(self, obj):
        return (
            f"{obj.answer_total}課中 提出 {obj.answered}課（うち確認済・該当なし {obj.finished}課）"
        )

    @admin.display(description="")
    def status_link(self, obj):
        url = reverse("admin:surveys_survey_status", args=[obj.pk])
        return format_html('<a href="{}">調査の状況</a>', url)

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ()
        if not obj.is_open:
            return ("fiscal_year", "deadline", "message")
        return ("fiscal_year",)

    def has_add_permission(self, request):
        return super().has_add_permission(request) and is_coordinator(request.user)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and is_coordinator(request.user)

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and is_coordinator(request.user)

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        if change:
            obj._history_user = request.user
            super().save_model(request, obj, form, change)
            return
        outcome = survey_open(
            fiscal_year=obj.fiscal_year,
            deadline=obj.deadline,
            message=obj.message,
            user=request.user,
        )
        obj.pk = outcome.survey.pk
        self.message_user(
            request,
            f"{outcome.survey}を開始しました：回答 {len(outcome.answers)}課、"
            f"例年実施などの協働事業の下書き {len(outcome.drafts)}件。",
            messages.SUCCESS,
        )

    def response_add(self, request, obj, post_url_continue=None):
        return HttpResponseRedirect(reverse("admin:surveys_survey_status", args=[obj.pk]))

    def get_urls(self):
        def wrap(view):
            def wrapped(request, *args, **kwargs):
                return view(request, self, *args, **kwargs)

            return self.admin_site.admin_view(wrapped)

        pages = (
            ("status", admin_views.status_view),
            ("remind", admin_views.remind_view),
            ("close", admin_views.close_view),
        )
        return [
            *(
                path(f"<int:object_id>/{name}/", wrap(view), name=f"surveys_survey_{name}")
                for name, view in pages
            ),
            *super().get_urls(),
        ]


class AnswerStatusFilter(admin.SimpleListFilter):
    title = "状況"
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [("waiting", "未提出（未着手・入力中・差戻し）"), *Status.choices]

    def queryset(self, request, queryset):
        if self.value() == "waiting":
            return queryset.filter(status__in=EDITABLE)
        if self.value() in Status.values:
            return queryset.filter(status=self.value())
        return queryset


@admin.register(Answer)
class AnswerAdmin(KyodoHistoryAdmin):
    """The list of answers; an answer's page replaces the change form (admin_views.answer_view)."""

    list_display = ("department", "year_label", "status", "submitted_at", "confirmed_at")
    list_filter = ("survey", AnswerStatusFilter)
    list_select_related = ("department", "survey")
    search_fields = ("department__name",)
    ordering = ("-survey__fiscal_year", "department__name")
    history_list_display = ["status"]

    def get_queryset(self, request):
        return answers_visible_to(request.user, super().get_queryset(request))

    @admin.display(description="年度", ordering="survey__fiscal_year")
    def year_label(self, obj):
        return obj.survey.fiscal_year_label

    def has_add_permission(self, request):
        return False  # answers are made by 「調査を開始」

    def has_delete_permission(self, request, obj=None):
        return False

    def change_view(self, request, object_id, form_url="", extra_context=None):
        return admin_views.answer_view(request, self, id_or_404(Answer, object_id))

    def _refuse_unless_visible(self, request, object_id) -> None:
        # The history shows the coordinator's comments: only to those who may see the answer.
        answer_id = id_or_404(Answer, object_id)
        if not answers_visible_to(request.user).filter(pk=answer_id).exists():
            if not Answer.objects.filter(pk=answer_id).exists():
                raise Http404("回答が見つかりません。")
            raise PermissionDenied("自分の担当課の回答だけを開けます。")

    def history_view(self, request, object_id, extra_context=None):
        self._refuse_unless_visible(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self._refuse_unless_visible(request, object_id)
        return super().history_form_view(request, object_id, version_id, extra_context)


@admin.register(Transition)
class TransitionAdmin(admin.ModelAdmin):
    """Every change of an answer's status, for the coordinator to look through. Read only."""

    list_display = ("at", "answer", "from_status", "to_status", "user", "comment")
    list_filter = ("answer__survey", "to_status")
    list_select_related = ("answer__department", "answer__survey", "user")
    search_fields = ("answer__department__name", "comment")
    date_hierarchy = "at"

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if is_coordinator(request.user):
            return queryset
        return queryset.filter(answer__in=answers_visible_to(request.user))

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
