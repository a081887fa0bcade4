"""Query-tuned reads of the survey: each page's data in a fixed number of queries.

Counts and sums come from subqueries (never from joins that multiply rows), and each page's
projects come with their sessions and partner links prefetched, so the number of queries does
not grow with the number of departments or projects.
"""

from collections import defaultdict
from datetime import datetime
from typing import TYPE_CHECKING, TypedDict

from django.contrib.auth import get_user_model
from django.db.models import (
    Case,
    Count,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from projects.display import people
from projects.models import Category, Project, ProjectPartner, Session
from projects.permissions import department_ids_of, is_coordinator
from projects.rules import name_for_year, participants
from surveys.checklist import answer_points
from surveys.models import ANSWERED, EDITABLE, Answer, Status, Survey, Transition

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

# The columns 調査の状況 sorts by: GET value -> order_by fields.
STATUS_ORDERS = {
    "department": ("department__name",),
    "status": ("status_order", "department__name"),
    "projects": ("project_count", "department__name"),
    "participants": ("participants", "department__name"),
    "changed": ("changed_at", "department__name"),
}
_STATUS_ORDER = {status: index for index, status in enumerate(Status.values)}


def open_surveys() -> QuerySet:
    return Survey.objects.filter(closed_at__isnull=True).order_by("fiscal_year")


def collecting_label(fiscal_year: int) -> str:
    """「集計中（未提出 3課）」 while the year's survey is open, "" otherwise: one query."""
    survey = (
        Survey.objects.filter(fiscal_year=fiscal_year, closed_at__isnull=True)
        .annotate(waiting=Count("answers", filter=Q(answers__status__in=EDITABLE)))
        .first()
    )
    if survey is None:
        return ""
    return f"集計中（未提出 {survey.waiting}課）"


def locked_pairs(department_ids) -> set[tuple[int, int]]:
    """{(department id, fiscal year)} whose projects the departments' clerks may not change.

    Locked once the department has answered (提出済, 確認済, 該当なし) or the survey is closed.
    """
    if not department_ids:
        return set()
    rows = Answer.objects.filter(department_id__in=department_ids).filter(
        Q(status__in=ANSWERED) | Q(survey__closed_at__isnull=False)
    )
    return set(rows.values_list("department_id", "survey__fiscal_year"))


def _project_count(fiscal_year: int) -> Coalesce:
    projects = (
        Project.objects.filter(department_id=OuterRef("department_id"), fiscal_year=fiscal_year)
        .order_by()
        .values("department_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(projects, output_field=IntegerField()), 0)


def _participants(fiscal_year: int) -> Subquery:
    sessions = (
        Session.objects.filter(
            project__department_id=OuterRef("department_id"), project__fiscal_year=fiscal_year
        )
        .order_by()
        .values("project__department_id")
        .annotate(total=Sum("participants"))
        .values("total")
    )
    return Subquery(sessions, output_field=IntegerField())


def _last_edit(survey: Survey, field: str) -> Subquery:
    """The last saved change of the department's projects of the year, leaving out the drafts
    that opening the survey made (they are nobody's work yet)."""
    records = (
        Project.history.filter(
            department_id=OuterRef("department_id"), fiscal_year=survey.fiscal_year
        )
        .exclude(history_type="+", history_user_id=survey.opened_by_id)
        .order_by("-history_date", "-history_id")
    )
    return Subquery(records.values(field)[:1])


class _StatusRow(TypedDict):
    project_count: int
    participants: int | None
    edited_at: datetime | None
    edited_by_id: int | None
    status_order: int


def status_rows(
    survey: Survey, *, status: str = "", order: str = "department"
) -> list["WithAnnotations[Answer, _StatusRow]"]:
    """Every answer of the survey with projects, participants and the last change: 2 queries.

    Each answer gets ``project_count``, ``participants`` (None when no count is given),
    ``last_change_at`` and ``last_change_by`` (a user or None): the later of the answer's own
    last status change and the last saved change of its projects of the year.
    """
    fields = STATUS_ORDERS.get(order.lstrip("-"), STATUS_ORDERS["department"])
    if order.startswith("-"):
        fields = tuple(f"-{f}" if i == 0 else f for i, f in enumerate(fields))
    answers = Answer.objects.filter(survey=survey).select_related("department", "changed_by")
    if status in Status.values:
        answers = answers.filter(status=status)
    answers = answers.annotate(
        project_count=_project_count(survey.fiscal_year),
        participants=_participants(survey.fiscal_year),
        edited_at=_last_edit(survey, "history_date"),
        edited_by_id=_last_edit(survey, "history_user_id"),
        status_order=Case(
            *(When(status=value, then=Value(index)) for value, index in _STATUS_ORDER.items()),
            output_field=IntegerField(),
        ),
    ).order_by(*fields)
    rows = list(answers)
    editors = {row.edited_by_id for row in rows if row.edited_by_id}
    users = get_user_model().objects.in_bulk(editors) if editors else {}
    for row in rows:
        row.last_change_at, row.last_change_by = row.changed_at, row.changed_by
        if row.edited_at and (row.changed_at is None or row.edited_at > row.changed_at):
            row.last_change_at = row.edited_at
            row.last_change_by = users.get(row.edited_by_id)
    if order.lstrip("-") == "changed":
        # The last change is known only now; None sorts first, as the database would.
        rows.sort(
            key=lambda r: (r.last_change_at is not None, r.last_change_at or 0),
            reverse=order.startswith("-"),
        )
    return rows


def status_counts(survey: Survey) -> list[dict]:
    """[{status, label, count}] in the order of Status, zeros included: 1 query."""
    found = dict(
        Answer.objects.filter(survey=survey)
        .order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    return [
        {"status": value, "label": label, "count": found.get(value, 0)}
        for value, label in Status.choices
    ]


def answers_visible_to(user, queryset: QuerySet | None = None) -> QuerySet:
    """The coordinator sees every answer; a clerk those of their own departments."""
    queryset = Answer.objects.all() if queryset is None else queryset
    if is_coordinator(user):
        return queryset
    return queryset.filter(department_id__in=department_ids_of(user))


def projects_of(pairs) -> dict[tuple[int, int], list[Project]]:
    """{(department id, fiscal year): its projects in report order} for the pairs: 3 queries."""
    pairs = set(pairs)
    if not pairs:
        return {}
    condition = Q()
    for department_id, fiscal_year in pairs:
        condition |= Q(department_id=department_id, fiscal_year=fiscal_year)
    projects = (
        Project.objects.filter(condition)
        .select_related("form")
        .prefetch_related(
            Prefetch("sessions", queryset=Session.objects.order_by("order", "start", "pk")),
            Prefetch(
                "partner_links",
                queryset=ProjectPartner.objects.select_related("partner").order_by("order", "pk"),
            ),
        )
        .in_report_order()
    )
    found = defaultdict(list)
    for project in projects:
        found[(project.department_id, project.fiscal_year)].append(project)
    return {pair: found.get(pair, []) for pair in pairs}


def previous_since_years(projects) -> dict[int, int]:
    """{project id: 開始年 of last year's same project} for 例年実施 projects without one: 1 query.

    Last year's project is the one 次年度へ複製 would have copied into this one: same department
    and form, and its name with the year moved on equal to this name.
    """
    wanting = [p for p in projects if p.category == Category.ANNUAL and p.since_year is None]
    if not wanting:
        return {}
    earlier = Project.objects.filter(
        fiscal_year__in={p.fiscal_year - 1 for p in wanting},
        department_id__in={p.department_id for p in wanting},
        since_year__isnull=False,
    ).values_list("fiscal_year", "department_id", "form_id", "name", "since_year")
    known = {
        (
            year + 1,
            department_id,
            form_id,
            name_for_year(name, from_year=year, to_year=year + 1),
        ): since
        for year, department_id, form_id, name, since in earlier
        if since is not None  # none is: since_year__isnull=False
    }
    found = {}
    for project in wanting:
        key = (project.fiscal_year, project.department_id, project.form_id, project.name)
        if key in known:
            found[project.pk] = known[key]
    return found


def _participants_text(project: Project) -> str:
    """「約330人」 from the prefetched sessions; 「不明」 when no session has a count."""
    return people(*participants(project.sessions.all()))


def with_checklists(answers: list[Answer]) -> list[Answer]:
    """Give each answer ``projects`` (each with ``points``) and ``points``: 4 queries in all."""
    projects = projects_of((a.department_id, a.survey.fiscal_year) for a in answers)
    every = [p for group in projects.values() for p in group]
    points = answer_points(every, previous_since_years(every))
    for answer in answers:
        answer.projects = projects[(answer.department_id, answer.survey.fiscal_year)]
        answer.points = []
        for project in answer.projects:
            project.points = points[project.pk]
            project.participants_text = _participants_text(project)
            answer.points.extend(project.points)
        counts = [
            s.participants
            for p in answer.projects
            for s in p.sessions.all()
            if s.participants is not None
        ]
        answer.participants_total = sum(counts) if counts else None
    return answers


def answer_for_page(user, answer_id) -> Answer | None:
    """One answer with everything its page shows, or None when the user may not see it."""
    answer = (
        answers_visible_to(user)
        .select_related("survey", "department", "changed_by")
        .prefetch_related(
            Prefetch("transitions", queryset=Transition.objects.select_related("user")),
            "reminders__sent_by",
        )
        .filter(pk=answer_id)
        .first()
    )
    if answer is None:
        return None
    return with_checklists([answer])[0]


def index_answers(user) -> list[Answer]:
    """A clerk's answers to the open surveys, with their checklists: 5 queries in all."""
    ids = department_ids_of(user)
    if not ids:
        return []
    answers = list(
        Answer.objects.filter(department_id__in=ids, survey__closed_at__isnull=True)
        .select_related("survey", "department")
        .order_by("survey__fiscal_year", "department__name")
    )
    return with_checklists(answers)


def index_surveys(user) -> list[dict]:
    """For the coordinator: each open survey with its counts per status: 2 queries."""
    if not is_coordinator(user):
        return []
    surveys = list(open_surveys())
    counts: defaultdict[int, dict[str, int]] = defaultdict(dict)
    rows = (
        Answer.objects.filter(survey__in=surveys)
        .order_by()
        .values_list("survey_id", "status")
        .annotate(n=Count("pk"))
    )
    for survey_id, status, n in rows:
        counts[survey_id][status] = n
    return [
        {
            "survey": survey,
            "counts": [
                {"status": value, "label": label, "count": counts[survey.pk].get(value, 0)}
                for value, label in Status.choices
            ],
        }
        for survey in surveys
    ]
