"""Every write of the survey: opening, answering, checking, reminding, closing.

Each service checks on the server who may do it (a clerk acts only on their own departments'
answers; only the coordinator opens, returns, confirms, reminds and closes) and what the answer's
status allows, locks the answer's row, and records the move as a Transition. ``user=None`` is a
command run on the server by the operator (open_survey, remind_survey), as for imports.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from projects.models import Department, Project
from projects.permissions import department_ids_of, is_coordinator
from projects.rules import next_year_of
from projects.services.next_year import project_copy_to_next_year
from surveys import mail
from surveys.models import EDITABLE, FINISHED, Answer, Reminder, Status, Survey, Transition
from surveys.selectors import with_checklists

REASON_MAX = 500  # characters of one reason given for a remaining checklist point


class SurveyError(Exception):
    """A step the cycle does not allow now. The message is Japanese: it reaches the user."""


# --- who may act --------------------------------------------------------------------------


def _require_coordinator(user, doing: str) -> None:
    if user is not None and not is_coordinator(user):
        raise PermissionDenied(f"{doing}は協働推進担当だけができます。")


def may_answer(user, answer: Answer) -> bool:
    """Submit or answer 該当なし: the department's clerks, and the coordinator on their behalf."""
    if is_coordinator(user):
        return True
    return answer.department_id in department_ids_of(user) and user.has_perm(
        "surveys.change_answer"
    )


def _lock(answer: Answer) -> Answer:
    """The answer's current row, locked until the transaction ends (no double transition)."""
    return (
        Answer.objects.select_for_update().select_related("survey", "department").get(pk=answer.pk)
    )


def _require_open(answer: Answer) -> None:
    if not answer.survey.is_open:
        raise SurveyError(f"{answer.survey}は締め切られています。")


def _move(answer: Answer, *, to: str, user, note: str = "", **fields) -> Transition:
    """Set the status (and the given fields) and record the move, with ``note`` as its comment."""
    now = timezone.now()
    before = answer.status
    answer.status = to
    answer.changed_at = now
    answer.changed_by = user
    for name, value in fields.items():
        setattr(answer, name, value)
    answer._history_user = user
    answer._change_reason = f"{Status(before).label} → {Status(to).label}"
    answer.save()
    return Transition.objects.create(
        answer=answer, from_status=before, to_status=to, user=user, at=now, comment=note
    )


def _refuse_status(answer: Answer, doing: str) -> SurveyError:
    return SurveyError(f"「{answer.get_status_display()}」の回答は{doing}できません。")


# --- opening and closing ------------------------------------------------------------------


@dataclass
class OpenOutcome:
    survey: Survey
    created: bool
    answers: list[Answer] = field(default_factory=list)
    drafts: list[Project] = field(default_factory=list)


@transaction.atomic
def survey_open(*, fiscal_year: int, deadline, message: str = "", user=None) -> OpenOutcome:
    """Open the year's survey: one answer per active department and the year's drafts.

    The drafts are the departments' recurring projects that run in this year, copied by the
    次年度へ複製 rule (projects.services.next_year). Opening again creates nothing more; a
    department made active since gets its answer and drafts. The deadline and message of an
    open survey are changed in its admin form, not here.
    """
    _require_coordinator(user, "調査の開始")
    survey, created = Survey.objects.get_or_create(
        fiscal_year=fiscal_year,
        defaults={
            "deadline": deadline,
            "message": message,
            "opened_at": timezone.now(),
            "opened_by": user,
        },
    )
    if not survey.is_open:
        raise SurveyError(f"{survey}はすでに締め切られています。")
    departments = Department.objects.filter(active=True).exclude(
        pk__in=Answer.objects.filter(survey=survey).values("department_id")
    )
    answers = [Answer(survey=survey, department=department) for department in departments]
    if answers:
        answers = bulk_create_with_history(
            answers, Answer, default_user=user, default_change_reason="調査の開始"
        )
    sources = [
        project
        for project in Project.objects.recurring()
        .filter(fiscal_year__in=(fiscal_year - 1, fiscal_year - 2), department__active=True)
        .select_related("form", "department")
        .in_report_order()
        if next_year_of(project) == fiscal_year
    ]
    drafts = project_copy_to_next_year(projects=sources, user=user) if sources else []
    return OpenOutcome(survey=survey, created=created, answers=answers, drafts=drafts)


def unfinished_answers(survey: Survey) -> list[Answer]:
    """The answers neither 確認済 nor 該当なし, by department name."""
    return list(
        survey.answers.exclude(status__in=FINISHED)
        .select_related("department")
        .order_by("department__name")
    )


@transaction.atomic
def survey_close(*, survey: Survey, user, force: bool = False) -> Survey:
    """Close the survey: refused while an answer is unfinished, unless ``force``."""
    _require_coordinator(user, "調査の締切")
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if not survey.is_open:
        raise SurveyError(f"{survey}はすでに締め切られています。")
    waiting = unfinished_answers(survey)
    if waiting and not force:
        names = "、".join(a.department.name for a in waiting)
        raise SurveyError(f"確認済・該当なしでない担当課があります：{names}")
    survey.closed_at = timezone.now()
    survey.closed_by = user
    survey._history_user = user
    survey._change_reason = "調査の締切" + (f"（未完了 {len(waiting)}課）" if waiting else "")
    survey.save()
    return survey


# --- the department's answer --------------------------------------------------------------


@transaction.atomic
def answer_submit(*, answer: Answer, user, explanations: Mapping[str, str]) -> Answer:
    """提出する: the checklist is clean, or every remaining point has a reason."""
    answer = _lock(answer)
    if not may_answer(user, answer):
        raise PermissionDenied("自分の担当課の回答だけを提出できます。")
    _require_open(answer)
    if answer.status not in EDITABLE:
        raise _refuse_status(answer, "提出")
    with_checklists([answer])
    if not answer.projects:
        raise SurveyError(
            "この年度の協働事業がありません。なければ「該当なし」で回答してください。"
        )
    reasons = {p.key: (explanations.get(p.key) or "").strip()[:REASON_MAX] for p in answer.points}
    missing = [p for p in answer.points if not reasons[p.key]]
    if missing:
        raise SurveyError(
            f"チェックリストの{len(missing)}点に理由がありません。直すか、理由を書いてください。"
        )
    names = {p.pk: f"No.{p.number} {p.name}" for p in answer.projects}
    comment = "\n".join(
        f"{names[p.project_id]}：{p.text} → {reasons[p.key]}" for p in answer.points
    )
    _move(
        answer,
        to=Status.SUBMITTED,
        user=user,
        note=comment,
        explanations=reasons,
        submitted_at=timezone.now(),
    )
    return answer


@transaction.atomic
def answer_mark_none(*, answer: Answer, user) -> Answer:
    """該当なし: the department ran no 協働事業 this year (it has no project of the year)."""
    answer = _lock(answer)
    if not may_answer(user, answer):
        raise PermissionDenied("自分の担当課の回答だけを変更できます。")
    _require_open(answer)
    if answer.status not in EDITABLE:
        raise _refuse_status(answer, "該当なしに")
    projects = list(
        Project.objects.for_year(answer.survey.fiscal_year)
        .filter(department_id=answer.department_id)
        .in_report_order()
        .values_list("number", "name")[:4]
    )
    if projects:
        shown = "、".join(f"No.{number} {name}" for number, name in projects[:3])
        shown += "ほか" if len(projects) > 3 else ""
        raise SurveyError(
            f"この年度の協働事業が登録されています（{shown}）。"
            "実施しなかった協働事業を削除してから、「該当なし」で回答してください。"
        )
    _move(answer, to=Status.NONE, user=user, submitted_at=timezone.now(), explanations={})
    return answer


def answer_mark_in_progress(*, answer: Answer, user) -> Transition | None:
    """未着手 → 入力中 on a clerk's first change after opening; nothing otherwise."""
    with transaction.atomic():
        answer = _lock(answer)
        if answer.status != Status.NOT_STARTED or not answer.survey.is_open:
            return None
        return _move(answer, to=Status.IN_PROGRESS, user=user)


# --- the coordinator's check --------------------------------------------------------------


@transaction.atomic
def answer_return(*, answer: Answer, user, comment: str) -> Answer:
    """差戻し with a comment: the clerks see it and may edit again."""
    _require_coordinator(user, "差戻し")
    answer = _lock(answer)
    _require_open(answer)
    comment = (comment or "").strip()
    if not comment:
        raise SurveyError("差戻しの理由（コメント）を書いてください。")
    if answer.status not in {Status.SUBMITTED, Status.CONFIRMED, Status.NONE}:
        raise _refuse_status(answer, "差戻し")
    _move(answer, to=Status.RETURNED, user=user, note=comment, comment=comment)
    return answer


@transaction.atomic
def answer_confirm(*, answer: Answer, user, comment: str = "") -> Answer:
    """確認済: the coordinator has checked the submitted answer."""
    _require_coordinator(user, "確認")
    answer = _lock(answer)
    _require_open(answer)
    if answer.status != Status.SUBMITTED:
        raise _refuse_status(answer, "確認済に")
    comment = (comment or "").strip()
    _move(
        answer,
        to=Status.CONFIRMED,
        user=user,
        note=comment,
        comment=comment,
        confirmed_at=timezone.now(),
    )
    return answer


# --- reminders ----------------------------------------------------------------------------


@dataclass
class RemindOutcome:
    sent: list[Reminder] = field(default_factory=list)
    without_address: list[Answer] = field(default_factory=list)


@transaction.atomic
def survey_remind(*, survey: Survey, user, site_url: str) -> RemindOutcome:
    """E-mail the members of every department that has not submitted; record each mail.

    ``site_url`` is where the register is served (http://…), for the link in the mail.
    Departments whose members have no e-mail address are returned, for the coordinator to call.
    """
    _require_coordinator(user, "督促")
    if not survey.is_open:
        raise SurveyError(f"{survey}は締め切られています。")
    answers = list(
        survey.answers.filter(status__in=EDITABLE)
        .select_related("department", "survey")
        .prefetch_related("department__members")
        .order_by("department__name")
    )
    outcome = RemindOutcome()
    messages = []
    for answer in answers:
        addresses = sorted(
            {m.email for m in answer.department.members.all() if m.is_active and m.email}
        )
        if not addresses:
            outcome.without_address.append(answer)
            continue
        messages.append(mail.reminder_message(answer, addresses, site_url=site_url))
        outcome.sent.append(
            Reminder(
                answer=answer,
                sent_at=timezone.now(),
                sent_by=user,
                recipients=", ".join(addresses),
            )
        )
    if messages:
        mail.send_all(messages)
        Reminder.objects.bulk_create(outcome.sent)
    return outcome
