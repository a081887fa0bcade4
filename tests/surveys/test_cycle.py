"""The answer's cycle through the services: submit, return, resubmit, confirm, 該当なし, close."""

import pytest
from django.core.exceptions import PermissionDenied

from projects.models import Project
from surveys.models import Status, Transition
from surveys.services import (
    SurveyError,
    answer_confirm,
    answer_mark_none,
    answer_return,
    answer_submit,
    survey_close,
)
from tests.surveys.helpers import complete

pytestmark = pytest.mark.django_db


def _draft(answer):
    return Project.objects.get(fiscal_year=2024, department=answer.department)


def test_submitting_needs_a_reason_for_each_remaining_point(room_answer, clerk):
    draft = _draft(room_answer)
    with pytest.raises(SurveyError, match="理由がありません"):
        answer_submit(answer=room_answer, user=clerk, explanations={})

    reasons = {f"{draft.pk}:no_session": "中止", f"{draft.pk}:no_effect": "中止のため"}
    answer = answer_submit(answer=room_answer, user=clerk, explanations=reasons)

    assert answer.status == Status.SUBMITTED and answer.submitted_at
    assert answer.explanations == reasons
    transition = answer.transitions.get()
    assert (transition.from_status, transition.to_status) == (
        Status.NOT_STARTED,
        Status.SUBMITTED,
    )
    assert transition.user == clerk
    assert "中止のため" in transition.comment


def test_the_whole_cycle_is_recorded(room_answer, clerk, coordinator):
    complete(_draft(room_answer))
    answer_submit(answer=room_answer, user=clerk, explanations={})
    with pytest.raises(SurveyError, match="コメント"):
        answer_return(answer=room_answer, user=coordinator, comment=" ")
    answer_return(answer=room_answer, user=coordinator, comment="参加人数を確かめてください")
    answer_submit(answer=room_answer, user=clerk, explanations={})
    answer = answer_confirm(answer=room_answer, user=coordinator)

    assert answer.status == Status.CONFIRMED and answer.confirmed_at
    moves = [
        (t.from_status, t.to_status, t.user.username)
        for t in Transition.objects.filter(answer=room_answer)
    ]
    assert moves == [
        (Status.NOT_STARTED, Status.SUBMITTED, "clerk-kyodo"),
        (Status.SUBMITTED, Status.RETURNED, "coordinator"),
        (Status.RETURNED, Status.SUBMITTED, "clerk-kyodo"),
        (Status.SUBMITTED, Status.CONFIRMED, "coordinator"),
    ]
    assert answer.history.count() == 5  # created, then each of the four moves


def test_a_clerk_acts_only_on_their_own_departments_answer(lifelong_answer, clerk):
    with pytest.raises(PermissionDenied):
        answer_submit(answer=lifelong_answer, user=clerk, explanations={})
    with pytest.raises(PermissionDenied):
        answer_mark_none(answer=lifelong_answer, user=clerk)
    lifelong_answer.refresh_from_db()
    assert lifelong_answer.status == Status.NOT_STARTED


def test_a_clerk_cannot_confirm_or_return_even_their_own_answer(room_answer, clerk):
    complete(_draft(room_answer))
    answer_submit(answer=room_answer, user=clerk, explanations={})
    with pytest.raises(PermissionDenied):
        answer_confirm(answer=room_answer, user=clerk)
    with pytest.raises(PermissionDenied):
        answer_return(answer=room_answer, user=clerk, comment="自分で戻す")
    room_answer.refresh_from_db()
    assert room_answer.status == Status.SUBMITTED


def test_none_is_refused_while_the_department_has_projects_of_the_year(room_answer, clerk):
    with pytest.raises(SurveyError, match="削除してから"):
        answer_mark_none(answer=room_answer, user=clerk)
    _draft(room_answer).delete()
    answer = answer_mark_none(answer=room_answer, user=clerk)
    assert answer.status == Status.NONE


def test_an_answer_without_projects_is_not_submitted_but_answered_none(room_answer, clerk):
    _draft(room_answer).delete()
    with pytest.raises(SurveyError, match="該当なし"):
        answer_submit(answer=room_answer, user=clerk, explanations={})


def test_nothing_is_submitted_once_the_survey_is_closed(room_answer, clerk, coordinator):
    complete(_draft(room_answer))
    survey_close(survey=room_answer.survey, user=coordinator, force=True)
    with pytest.raises(SurveyError, match="締め切られています"):
        answer_submit(answer=room_answer, user=clerk, explanations={})


def test_closing_waits_for_every_answer_unless_forced(room_answer, lifelong_answer, coordinator):
    survey = room_answer.survey
    with pytest.raises(SurveyError, match="生涯学習課"):
        survey_close(survey=survey, user=coordinator)
    survey = survey_close(survey=survey, user=coordinator, force=True)
    assert survey.closed_by == coordinator and not survey.is_open


def test_closing_without_force_once_all_are_confirmed_or_none(
    room_answer, lifelong_answer, clerk, other_clerk, coordinator
):
    complete(_draft(room_answer))
    answer_submit(answer=room_answer, user=clerk, explanations={})
    answer_confirm(answer=room_answer, user=coordinator)
    _draft(lifelong_answer).delete()
    answer_mark_none(answer=lifelong_answer, user=other_clerk)
    assert not survey_close(survey=room_answer.survey, user=coordinator).is_open


def test_a_clerk_cannot_close(survey, clerk):
    with pytest.raises(PermissionDenied):
        survey_close(survey=survey.survey, user=clerk, force=True)


def test_a_transition_is_never_changed_or_deleted(room_answer, clerk):
    _draft(room_answer).delete()
    answer_mark_none(answer=room_answer, user=clerk)
    transition = Transition.objects.get()
    transition.comment = "書き換え"
    with pytest.raises(PermissionError):
        transition.save()
    with pytest.raises(PermissionError):
        transition.delete()
    assert Transition.objects.get().comment == ""


def test_no_one_has_a_permission_to_delete_survey_records(coordinator):
    for model in ("survey", "answer", "transition", "reminder"):
        assert not coordinator.has_perm(f"surveys.delete_{model}")
    assert coordinator.has_perm("surveys.change_answer")
    assert not coordinator.has_perm("surveys.change_transition")
