"""未着手 → 入力中 on the first change a clerk makes to their department's projects of the year.

Every save and delete of a project, session or partner link leaves a history record
(simple-history), whichever admin path made it (form, inline, action): its signal says which
project and user. An import writes its history in bulk, without that signal, so after an admin
import the importing clerk's not-started answers are looked at once more.
"""

from import_export.signals import post_import
from simple_history.models import HistoricalRecords
from simple_history.signals import post_create_historical_record

from projects.models import Project
from projects.permissions import department_ids_of, is_coordinator
from surveys.models import Answer, Status
from surveys.services import answer_mark_in_progress

_WATCHED = ("Project", "Session", "ProjectPartner")


def _not_started(user) -> dict[tuple[int, int], Answer]:
    """{(department id, fiscal year): answer} of the user's not-started answers, once a request.

    Cached on the user object like projects.permissions does, so a form saving ten sessions
    asks the database once.
    """
    cached = getattr(user, "_kyodo_not_started_answers", None)
    if cached is None:
        answers = Answer.objects.filter(
            department_id__in=department_ids_of(user),
            status=Status.NOT_STARTED,
            survey__closed_at__isnull=True,
        ).select_related("survey")
        cached = {(a.department_id, a.survey.fiscal_year): a for a in answers}
        user._kyodo_not_started_answers = cached
    return cached


def _is_clerk(user) -> bool:
    return (
        user is not None
        and user.is_authenticated
        and not is_coordinator(user)
        and bool(department_ids_of(user))
    )


def _start(user, department_id: int, fiscal_year: int) -> None:
    answer = _not_started(user).pop((department_id, fiscal_year), None)
    if answer is not None:
        answer_mark_in_progress(answer=answer, user=user)


def project_changed(sender, history_instance, history_user=None, **kwargs) -> None:
    if sender.__name__ not in {f"Historical{name}" for name in _WATCHED}:
        return
    if not _is_clerk(history_user):
        return
    project = kwargs["instance"]
    if not isinstance(project, Project):
        project = project.project
    _start(history_user, project.department_id, project.fiscal_year)


def projects_imported(sender, model=None, **kwargs) -> None:
    if model is not Project:
        return
    request = getattr(HistoricalRecords.context, "request", None)
    user = getattr(request, "user", None)
    if user is None or not _is_clerk(user):
        return
    for (department_id, fiscal_year), answer in list(_not_started(user).items()):
        changed = Project.history.filter(
            department_id=department_id,
            fiscal_year=fiscal_year,
            history_user_id=user.pk,
            history_date__gte=answer.survey.opened_at,
        ).exists()
        if changed:
            _start(user, department_id, fiscal_year)


def connect() -> None:
    post_create_historical_record.connect(project_changed, dispatch_uid="surveys.project_changed")
    post_import.connect(projects_imported, dispatch_uid="surveys.projects_imported")
