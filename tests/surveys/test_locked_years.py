"""After submitting, the department's projects of the year are read-only to its clerks.

Tried through the requests a clerk could send: the change form, an inline, a bulk action, the
次年度へ複製 action and an import. The coordinator may still change everything.
"""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from projects.models import Project, Session
from projects.permissions import can_edit_project, split_editable
from surveys.models import Status
from surveys.services import answer_return, answer_submit, survey_close
from tests.admin.helpers import change_url, form_data
from tests.surveys.helpers import complete

pytestmark = pytest.mark.django_db

LIST = "/admin/projects/project/"


@pytest.fixture
def draft(room_answer):
    project = Project.objects.get(fiscal_year=2024, department=room_answer.department)
    complete(project)
    return project


@pytest.fixture
def submitted(room_answer, draft, clerk):
    return answer_submit(answer=room_answer, user=clerk, explanations={})


def _fresh(user):
    # A new request loads the user anew: the per-request caches start empty.
    return type(user).objects.get(pk=user.pk)


def test_a_clerk_may_edit_until_submitting(clerk, draft, room_answer):
    assert can_edit_project(_fresh(clerk), draft)
    answer_submit(answer=room_answer, user=clerk, explanations={})
    assert not can_edit_project(_fresh(clerk), draft)


def test_last_years_projects_stay_editable(clerk, submitted, last_year):
    assert can_edit_project(_fresh(clerk), last_year["meeting"])


def test_the_coordinator_may_always_edit(coordinator, submitted, draft):
    assert can_edit_project(_fresh(coordinator), draft)


def test_a_return_opens_the_year_again(clerk, coordinator, submitted, draft):
    answer_return(answer=submitted, user=coordinator, comment="直してください")
    assert can_edit_project(_fresh(clerk), draft)


def test_a_closed_survey_locks_even_an_unsubmitted_year(other_clerk, coordinator, lifelong_answer):
    project = Project.objects.get(fiscal_year=2024, department=lifelong_answer.department)
    assert can_edit_project(_fresh(other_clerk), project)
    survey_close(survey=lifelong_answer.survey, user=coordinator, force=True)
    assert not can_edit_project(_fresh(other_clerk), project)


def test_the_change_form_of_a_submitted_year_is_refused(client, clerk, submitted, draft):
    client.force_login(clerk)
    page = client.get(change_url(draft))
    assert page.status_code == 200 and 'name="_save"' not in page.text
    client.force_login(_fresh(submitted.department.members.get()))
    response = client.post(change_url(draft), {"name": "書き換え"})
    assert response.status_code == 403
    draft.refresh_from_db()
    assert draft.name == "令和6年度 まちかどミーティング"


def test_an_inline_session_of_a_submitted_year_is_refused(
    client, clerk, coordinator, submitted, draft
):
    # The coordinator's form, replayed by the clerk with a new session added.
    client.force_login(coordinator)
    data = form_data(client.get(change_url(draft)))
    extra = int(data["sessions-TOTAL_FORMS"]) - 1
    data[f"sessions-{extra}-start"] = "2024-12-01"
    data[f"sessions-{extra}-participants"] = "999"
    client.force_login(clerk)
    assert client.post(change_url(draft), data).status_code == 403
    assert not Session.objects.filter(participants=999).exists()


def test_a_bulk_delete_skips_the_submitted_years_projects(
    client, clerk, submitted, draft, last_year
):
    client.force_login(clerk)
    meeting = last_year["meeting"]
    response = client.post(
        LIST,
        {
            "action": "delete_selected",
            ACTION_CHECKBOX_NAME: [draft.pk, last_year["forum"].pk],
            "post": "yes",
        },
        follow=True,
    )
    assert response.status_code == 200
    assert "調査に回答済みの年度の協働事業は変更・削除できないため" in response.text
    assert Project.objects.filter(pk=draft.pk).exists()
    assert not Project.objects.filter(pk=last_year["forum"].pk).exists()
    assert Project.objects.filter(pk=meeting.pk).exists()


def test_split_editable_names_the_locked_rows(clerk, submitted, draft, last_year):
    allowed, refused = split_editable(_fresh(clerk), Project.objects.all())
    assert draft in refused and draft not in allowed
    assert last_year["meeting"] in allowed
    assert last_year["school"] in refused  # another department's


def test_copying_into_a_submitted_year_is_refused(client, clerk, submitted, last_year, kyosai):
    from tests.factories import make_project

    again = make_project(form=kyosai, department=submitted.department, number=9, name="新講座")
    client.force_login(clerk)
    client.post(
        LIST,
        {"action": "copy_to_next_year", ACTION_CHECKBOX_NAME: [again.pk]},
        follow=True,
    )
    assert not Project.objects.filter(fiscal_year=2024, name="新講座").exists()


def _import(client, user, department, *, number=1, year="令和6年度"):
    """POST a one-row CSV in the report layout to the admin's import, as the user."""
    from django.contrib import admin
    from django.core.files.uploadedfile import SimpleUploadedFile

    from projects import layout

    row = {
        layout.FISCAL_YEAR: year,
        layout.FORM: "共催",
        layout.NUMBER: str(number),
        layout.NAME: f"取り込んだ講座 ({department.name})",
        layout.CATEGORY: "単年度(新規)実施",
        layout.SESSIONS: "令和6年9月13日(61人)",
    }
    lines = [",".join(layout.DATASET_COLUMNS)]
    lines.append(",".join(f'"{row.get(c, "")}"' for c in layout.DATASET_COLUMNS))
    formats = admin.site._registry[Project].get_import_formats()
    index = next(i for i, f in enumerate(formats) if f().get_extension() == "csv")
    client.force_login(user)
    payload = ("\n".join(lines) + "\n").encode("utf-8")
    return client.post(
        reverse("admin:projects_project_import"),
        {
            "format": str(index),
            "import_file": SimpleUploadedFile("r06.csv", payload, content_type="text/csv"),
        },
    )


def test_an_import_into_a_submitted_year_is_refused(client, clerk, submitted):
    response = _import(client, clerk, submitted.department)
    assert response.status_code == 200
    assert "この年度の調査に回答済みのため" in response.text
    assert not Project.objects.filter(name="取り込んだ講座").exists()


def test_an_import_into_another_year_still_works(client, clerk, submitted):
    response = _import(client, clerk, submitted.department, year="令和5年度", number=7)
    assert response.status_code == 200
    assert "この年度の調査に回答済みのため" not in response.text


def test_the_coordinator_imports_a_closed_year(client, coordinator, submitted):
    survey_close(survey=submitted.survey, user=coordinator, force=True)
    response = _import(client, coordinator, submitted.department, number=7)
    assert response.status_code == 200
    assert "この年度の調査に回答済みのため" not in response.text


def test_the_in_progress_status_starts_with_a_clerks_first_change(client, clerk, room_answer):
    project = Project.objects.get(fiscal_year=2024, department=room_answer.department)
    client.force_login(clerk)
    data = form_data(client.get(change_url(project)))
    data["effect"] = "好評でした"
    extra = int(data["sessions-TOTAL_FORMS"]) - 1
    data[f"sessions-{extra}-start"] = "2024-09-01"
    data[f"sessions-{extra}-participants"] = "12"
    response = client.post(change_url(project), data)
    assert response.status_code == 302, response.context and response.context["errors"]
    room_answer.refresh_from_db()
    assert room_answer.status == Status.IN_PROGRESS
    transition = room_answer.transitions.get()
    assert transition.user == clerk and transition.to_status == Status.IN_PROGRESS


def test_a_coordinators_change_does_not_start_the_answer(client, coordinator, room_answer):
    project = Project.objects.get(fiscal_year=2024, department=room_answer.department)
    client.force_login(coordinator)
    data = form_data(client.get(change_url(project)))
    data["effect"] = "好評でした"
    assert client.post(change_url(project), data).status_code == 302
    room_answer.refresh_from_db()
    assert room_answer.status == Status.NOT_STARTED


def test_an_admin_import_by_a_clerk_starts_the_answer(clerk, room_answer, rf):
    from import_export.signals import post_import
    from simple_history.models import HistoricalRecords

    project = Project.objects.get(fiscal_year=2024, department=room_answer.department)
    Project.history.bulk_history_create([project], default_user=clerk, update=True)
    request = rf.post("/admin/projects/project/process_import/")
    request.user = _fresh(clerk)
    HistoricalRecords.context.request = request
    try:
        post_import.send(sender=None, model=Project)
    finally:
        del HistoricalRecords.context.request
    room_answer.refresh_from_db()
    assert room_answer.status == Status.IN_PROGRESS
