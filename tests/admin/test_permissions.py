"""Who may do what, tried through the requests a clerk could send, not through hidden buttons."""

import datetime

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from projects.models import Project, Session
from tests.factories import make_user

from .helpers import change_url, form_data

pytestmark = pytest.mark.django_db

LIST = "/admin/projects/project/"


def test_a_clerk_sees_every_project_in_the_list(client, clerk, own_project, others_project):
    client.force_login(clerk)
    response = client.get(LIST)
    assert response.status_code == 200
    assert own_project.name in response.text
    assert "子ども広報部" in response.text


def test_a_clerk_may_view_another_departments_project_read_only(client, clerk, others_project):
    client.force_login(clerk)
    response = client.get(change_url(others_project))
    assert response.status_code == 200
    assert 'name="_save"' not in response.text
    assert "閲覧" in response.text or "表示" in response.text


def test_it_refuses_a_clerk_changing_another_departments_project(
    client, clerk, other_clerk, others_project
):
    # The other department's clerk loads the form; our clerk replays it with a new name.
    client.force_login(other_clerk)
    data = form_data(client.get(change_url(others_project)))
    client.force_login(clerk)
    data["name"] = "書き換えた名称"
    response = client.post(change_url(others_project), data)
    assert response.status_code == 403
    others_project.refresh_from_db()
    assert others_project.name == "子ども広報部「びとこま」"


def test_it_lets_a_clerk_change_their_own_project(client, clerk, own_project):
    client.force_login(clerk)
    data = form_data(client.get(change_url(own_project)))
    data["name"] = "まちかどミーティング2023"
    response = client.post(change_url(own_project), data)
    assert response.status_code == 302, response.context and response.context["errors"]
    own_project.refresh_from_db()
    assert own_project.name == "まちかどミーティング2023"
    assert own_project.version == 2


def test_it_refuses_a_clerk_moving_their_project_to_another_department(
    client, clerk, own_project, lifelong
):
    client.force_login(clerk)
    data = form_data(client.get(change_url(own_project)))
    data["department"] = str(lifelong.pk)
    response = client.post(change_url(own_project), data)
    assert response.status_code == 200
    assert "正しく選択してください" in response.text
    own_project.refresh_from_db()
    assert own_project.department.name == "協働・男女平等参画室"


def test_the_department_choices_of_a_clerk_are_their_own(client, clerk, kyodo_room, lifelong):
    client.force_login(clerk)
    response = client.get(reverse("admin:projects_project_add"))
    choices = list(response.context["adminform"].form.fields["department"].queryset)
    assert choices == [kyodo_room]


def test_it_refuses_a_clerk_adding_a_project_of_another_department(client, clerk, lifelong, kyosai):
    client.force_login(clerk)
    data = form_data(client.get(reverse("admin:projects_project_add")))
    data.update(
        fiscal_year="2023",
        form=str(kyosai.pk),
        number="9",
        name="他課の事業",
        department=str(lifelong.pk),
        category="annual",
    )
    response = client.post(reverse("admin:projects_project_add"), data)
    assert response.status_code == 200
    assert not Project.objects.filter(name="他課の事業").exists()


def test_it_lets_a_clerk_add_a_project_with_sessions_of_their_department(
    client, clerk, kyodo_room, kyosai
):
    client.force_login(clerk)
    data = form_data(client.get(reverse("admin:projects_project_add")))
    data.update(
        fiscal_year="2023",
        form=str(kyosai.pk),
        number="9",
        name="新しい事業",
        department=str(kyodo_room.pk),
        category="new",
        **{"sessions-0-start": "2023-09-01", "sessions-0-participants": "12"},
    )
    response = client.post(reverse("admin:projects_project_add"), data)
    assert response.status_code == 302, response.context and response.context["errors"]
    project = Project.objects.get(name="新しい事業")
    assert [s.participants for s in project.sessions.all()] == [12]


def test_it_refuses_a_clerk_adding_a_session_to_another_departments_project(
    client, clerk, other_clerk, others_project
):
    client.force_login(other_clerk)
    data = form_data(client.get(change_url(others_project)))
    extra = int(data["sessions-TOTAL_FORMS"]) - 1  # the blank extra row
    data[f"sessions-{extra}-start"] = "2023-12-01"
    data[f"sessions-{extra}-participants"] = "999"
    client.force_login(clerk)
    response = client.post(change_url(others_project), data)
    assert response.status_code == 403
    assert not Session.objects.filter(participants=999).exists()


def test_it_skips_other_departments_projects_in_delete_selected(
    client, clerk, own_project, others_project
):
    client.force_login(clerk)
    response = client.post(
        LIST,
        {
            "action": "delete_selected",
            ACTION_CHECKBOX_NAME: [own_project.pk, others_project.pk],
            "post": "yes",
        },
        follow=True,
    )
    assert response.status_code == 200
    assert not Project.objects.filter(pk=own_project.pk).exists()
    assert Project.objects.filter(pk=others_project.pk).exists()
    assert "他の担当課の協働事業は変更・削除できないため" in response.text


def test_it_refuses_a_clerk_deleting_only_another_departments_project_in_bulk(
    client, clerk, others_project
):
    client.force_login(clerk)
    response = client.post(
        LIST,
        {"action": "delete_selected", ACTION_CHECKBOX_NAME: [others_project.pk], "post": "yes"},
        follow=True,
    )
    assert Project.objects.filter(pk=others_project.pk).exists()
    assert "他の担当課の協働事業は変更・削除できないため" in response.text


def test_it_refuses_a_clerk_deleting_another_departments_project(client, clerk, others_project):
    client.force_login(clerk)
    url = reverse("admin:projects_project_delete", args=[others_project.pk])
    response = client.post(url, {"post": "yes"})
    assert response.status_code == 403
    assert Project.objects.filter(pk=others_project.pk).exists()


def test_a_coordinator_changes_every_project(client, coordinator, others_project, kyodo_room):
    client.force_login(coordinator)
    data = form_data(client.get(change_url(others_project)))
    data["department"] = str(kyodo_room.pk)
    data["sessions-0-participants"] = "25"
    response = client.post(change_url(others_project), data)
    assert response.status_code == 302, response.context and response.context["errors"]
    others_project.refresh_from_db()
    assert others_project.department == kyodo_room
    assert others_project.sessions.get().participants == 25


def test_a_coordinator_deletes_any_project_in_bulk(
    client, coordinator, own_project, others_project
):
    client.force_login(coordinator)
    client.post(
        LIST,
        {
            "action": "delete_selected",
            ACTION_CHECKBOX_NAME: [own_project.pk, others_project.pk],
            "post": "yes",
        },
    )
    assert not Project.objects.exists()


def test_a_clerk_without_a_department_cannot_add_or_import(client, db):
    user = make_user(username="clerk-nowhere", group="担当課職員")
    client.force_login(user)
    assert client.get(reverse("admin:projects_project_add")).status_code == 403
    assert client.get(reverse("admin:projects_project_import")).status_code == 403


def test_a_clerk_cannot_change_departments_or_forms(client, clerk, kyodo_room):
    client.force_login(clerk)
    url = reverse("admin:projects_department_change", args=[kyodo_room.pk])
    response = client.post(url, {"name": "乗っ取り", "members": []})
    assert response.status_code == 403
    kyodo_room.refresh_from_db()
    assert kyodo_room.name == "協働・男女平等参画室"


def test_it_refuses_a_post_to_a_past_version_in_the_history(client, clerk, own_project):
    client.force_login(clerk)
    record = own_project.history.first()
    url = reverse("admin:projects_project_simple_history", args=[own_project.pk, record.history_id])
    assert client.get(url).status_code == 200
    response = client.post(url, {"name": "過去に戻す"})
    assert response.status_code == 403


def test_anonymous_users_are_sent_to_the_login_page(client, own_project):
    response = client.get(change_url(own_project))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


@pytest.mark.parametrize("who", ["clerk", "coordinator"])
def test_the_list_and_forms_speak_japanese(client, request, who, own_project):
    client.force_login(request.getfixturevalue(who))
    response = client.get(LIST)
    for label in (
        "協働事業の名称",
        "担当課",
        "実施区分",
        "協働の形態",
        "年度",
        "参加人数",
        "令和5年度",
    ):
        assert label in response.text
    response = client.get(change_url(own_project))
    assert "令和5年8月22日" in response.text
    assert datetime.date(2023, 8, 22).isoformat() in response.text
