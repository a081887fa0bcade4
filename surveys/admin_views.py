"""The survey's admin pages: 調査の状況, an answer's page, reminders and closing.

Wired into SurveyAdmin.get_urls and AnswerAdmin.change_view (surveys/admin.py). Each page
reads through surveys.selectors in a fixed number of queries, and each button calls a service.
"""

from django.contrib import messages
from django.core.exceptions import BadRequest, PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_POST

from projects.permissions import is_coordinator
from projects.services.editions import EditionError, edition_publish
from surveys import selectors, services
from surveys.forms import CloseForm, CommentForm, SubmitForm
from surveys.models import EDITABLE, Answer, Status, Survey

# The sortable columns of 調査の状況: (GET value, heading).
STATUS_COLUMNS = (
    ("department", "担当課"),
    ("status", "状況"),
    ("projects", "事業数"),
    ("participants", "参加人数"),
    ("changed", "最終更新"),
)


def _context(request: HttpRequest, model_admin, **values) -> dict:
    return {**model_admin.admin_site.each_context(request), "opts": model_admin.opts, **values}


def _coordinator_only(request: HttpRequest) -> None:
    if not is_coordinator(request.user):
        raise PermissionDenied("協働推進担当だけが開けるページです。")


def _status_url(survey_id: int, **query) -> str:
    url = reverse("admin:surveys_survey_status", args=[survey_id])
    query = {k: v for k, v in query.items() if v}
    return url + ("?" + urlencode(query) if query else "")


def status_view(request: HttpRequest, model_admin, object_id: int) -> HttpResponse:
    """調査の状況: every department's answer, sortable and filterable, with counts."""
    _coordinator_only(request)
    surveys = Survey.objects.select_related("opened_by", "closed_by")
    survey = get_object_or_404(surveys, pk=object_id)
    status = request.GET.get("status", "")
    order = request.GET.get("o", "department")
    rows = selectors.status_rows(survey, status=status, order=order)
    counts = selectors.status_counts(survey)
    columns = []
    for key, heading in STATUS_COLUMNS:
        current = order.lstrip("-") == key
        descending = current and order.startswith("-")
        columns.append(
            {
                "heading": heading,
                "url": _status_url(survey.pk, status=status, o=key if descending else f"-{key}")
                if current
                else _status_url(survey.pk, status=status, o=key),
                "sorted": ("descending" if descending else "ascending") if current else "",
            }
        )
    filters = [
        {
            "label": "すべて",
            "count": sum(c["count"] for c in counts),
            "url": _status_url(survey.pk, o=order),
            "selected": status not in Status.values,
        },
        *(
            {
                **c,
                "url": _status_url(survey.pk, status=c["status"], o=order),
                "selected": c["status"] == status,
            }
            for c in counts
        ),
    ]
    waiting = sum(c["count"] for c in counts if c["status"] in EDITABLE)
    context = _context(
        request,
        model_admin,
        title=f"調査の状況（{survey.fiscal_year_label}）",
        survey=survey,
        rows=rows,
        columns=columns,
        filters=filters,
        waiting=waiting,
    )
    return render(request, "admin/surveys/status.html", context)


@require_POST
def remind_view(request: HttpRequest, model_admin, object_id: int) -> HttpResponse:
    """督促メールを送る: to every department that has not submitted."""
    _coordinator_only(request)
    survey = get_object_or_404(Survey, pk=object_id)
    try:
        outcome = services.survey_remind(
            survey=survey, user=request.user, site_url=request.build_absolute_uri("/")
        )
    except services.SurveyError as error:
        messages.error(request, str(error))
        return redirect(_status_url(survey.pk))
    if outcome.sent:
        names = "、".join(r.answer.department.name for r in outcome.sent)
        messages.success(request, f"{len(outcome.sent)}課に督促メールを送りました：{names}")
    if outcome.without_address:
        names = "、".join(a.department.name for a in outcome.without_address)
        messages.warning(
            request,
            f"所属職員のメールアドレスが登録されていないため送れませんでした：{names}"
            "（電話などで連絡してください）",
        )
    if not outcome.sent and not outcome.without_address:
        messages.info(request, "未提出の担当課はありません。")
    return redirect(_status_url(survey.pk))


def close_view(request: HttpRequest, model_admin, object_id: int) -> HttpResponse:
    """調査を締め切る: at once when all is done; otherwise after naming who is still open."""
    _coordinator_only(request)
    survey = get_object_or_404(Survey, pk=object_id)
    waiting = services.unfinished_answers(survey)
    form = CloseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.survey_close(
                survey=survey, user=request.user, force=form.cleaned_data["force"]
            )
        except services.SurveyError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"{survey}を締め切りました。")
            if form.cleaned_data["publish"]:
                _publish_after_closing(request, survey, form.cleaned_data["note"])
            return redirect(_status_url(survey.pk))
    context = _context(
        request,
        model_admin,
        title=f"{survey}を締め切る",
        survey=survey,
        waiting=waiting,
        form=form,
    )
    return render(request, "admin/surveys/close.html", context)


def _publish_after_closing(request: HttpRequest, survey: Survey, note: str) -> None:
    """The year's edition, asked for on the closing page; the survey stays closed either way."""
    try:
        edition = edition_publish(fiscal_year=survey.fiscal_year, note=note, user=request.user)
    except EditionError as error:
        messages.error(request, f"公表版は作成していません：{error}")
    else:
        messages.success(request, f"{edition}を公表しました。")


def _answer_action(request: HttpRequest, answer: Answer) -> SubmitForm | CommentForm | None:
    """Carry out the button pressed; returns a form with errors to show again, else None."""
    action = request.POST.get("action")
    user = request.user
    if action == "submit":
        form = SubmitForm(request.POST, points=answer.points)
        if not form.is_valid():
            messages.error(request, "チェックリストに残っている点に、理由を書いてください。")
            return form
        services.answer_submit(answer=answer, user=user, explanations=form.explanations())
        messages.success(request, "提出しました。協働推進担当が確認します。")
    elif action == "none":
        services.answer_mark_none(answer=answer, user=user)
        messages.success(request, "「該当なし」で回答しました。")
    elif action in {"return", "confirm"}:
        comment_form = CommentForm(request.POST)
        if not comment_form.is_valid():
            return comment_form
        comment = comment_form.cleaned_data["comment"]
        if action == "return":
            services.answer_return(answer=answer, user=user, comment=comment)
            messages.success(request, f"{answer.department.name}の回答を差し戻しました。")
        else:
            services.answer_confirm(answer=answer, user=user, comment=comment)
            messages.success(request, f"{answer.department.name}の回答を確認済にしました。")
    else:
        raise BadRequest("操作が指定されていません。")
    return None


def answer_view(request: HttpRequest, model_admin, object_id) -> HttpResponse:
    """An answer's page: deadline, message, comments, projects with the checklist, buttons."""
    answer = selectors.answer_for_page(request.user, object_id)
    if answer is None:
        if Answer.objects.filter(pk=object_id).exists():
            raise PermissionDenied("自分の担当課の回答だけを開けます。")
        raise Http404("回答が見つかりません。")
    failed_form = None
    if request.method == "POST":
        try:
            failed_form = _answer_action(request, answer)
        except services.SurveyError as error:
            messages.error(request, str(error))
        if failed_form is None:
            return redirect(request.get_full_path())
    coordinator = is_coordinator(request.user)
    may_answer = (
        services.may_answer(request.user, answer)
        and answer.survey.is_open
        and answer.status in EDITABLE
    )
    submit_form = (
        failed_form if isinstance(failed_form, SubmitForm) else SubmitForm(points=answer.points)
    )
    reasons = {p.key: submit_form[f"reason-{p.key}"] for p in answer.points}
    for project in answer.projects:
        project.checklist = [
            (point, reasons[point.key], answer.explanations.get(point.key, ""))
            for point in project.points
        ]
    context = _context(
        request,
        model_admin,
        title=f"{answer.department.name}の回答（{answer.survey.fiscal_year_label}）",
        answer=answer,
        survey=answer.survey,
        coordinator=coordinator,
        may_answer=may_answer,
        submit_form=submit_form,
        comment_form=failed_form if isinstance(failed_form, CommentForm) else CommentForm(),
        may_check=coordinator and answer.survey.is_open,
        may_confirm=answer.status == Status.SUBMITTED,
        may_return=answer.status in {Status.SUBMITTED, Status.CONFIRMED, Status.NONE},
        add_url=reverse("admin:projects_project_add")
        + "?"
        + urlencode({"fiscal_year": answer.survey.fiscal_year, "department": answer.department_id}),
        status_url=_status_url(answer.survey_id) if coordinator else "",
    )
    return render(request, "admin/surveys/answer.html", context)
