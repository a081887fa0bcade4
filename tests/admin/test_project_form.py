"""The project form: validation messages in Japanese for every rule, and no lost updates."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from projects.admin import ProjectAdmin
from projects.models import Project, Session

from .helpers import change_url, form_data

pytestmark = pytest.mark.django_db


def _errors(response) -> str:
    """Every error message of the page (form, inlines, non-form errors)."""
    assert response.status_code == 200, "the form was saved although it should not be"
    return str(response.context["errors"]) + "".join(
        str(inline.formset.non_form_errors())
        for inline in response.context["inline_admin_formsets"]
    )


@pytest.fixture
def edit(client, clerk, own_project):
    client.force_login(clerk)
    return form_data(client.get(change_url(own_project)))


def _post(client, project, data):
    return client.post(change_url(project), data)


def test_the_form_shows_wareki_beside_each_date_and_the_total(client, clerk, own_project):
    client.force_login(clerk)
    response = client.get(change_url(own_project))
    text = response.text
    assert 'class="kyodo-wareki"' in text
    assert "令和5年8月22日" in text and "令和5年10月1日" in text
    assert "令和5年度" in text  # beside the fiscal year
    assert "全2回 延べ約330人" in text
    assert "projects/wareki.js" in text
    assert "vDateField" in text  # the admin's date widget


def test_it_refuses_a_session_outside_the_fiscal_year(client, own_project, edit):
    edit["sessions-0-start"] = "2024-04-01"
    errors = _errors(_post(client, own_project, edit))
    assert "令和5年度" in errors and "の中にしてください" in errors
    assert own_project.sessions.filter(start="2024-04-01").count() == 0


def test_it_checks_sessions_against_the_new_fiscal_year_of_the_form(client, own_project, edit):
    edit["fiscal_year"] = "2024"
    errors = _errors(_post(client, own_project, edit))
    assert "令和6年度" in errors


def test_it_refuses_sessions_outside_the_year_of_a_new_project(client, clerk, kyodo_room, kyosai):
    client.force_login(clerk)
    url = reverse("admin:projects_project_add")
    data = form_data(client.get(url))
    data.update(
        fiscal_year="2023",
        form=str(kyosai.pk),
        number="5",
        name="年度外の実施",
        department=str(kyodo_room.pk),
        category="annual",
        **{"sessions-0-start": "2023-03-31"},
    )
    errors = _errors(client.post(url, data))
    assert "令和5年度（令和5年4月1日～令和6年3月31日）の中にしてください" in errors
    assert not Project.objects.filter(name="年度外の実施").exists()


def test_it_refuses_an_end_before_the_start(client, own_project, edit):
    edit["sessions-0-end"] = "2023-08-21"
    errors = _errors(_post(client, own_project, edit))
    assert "終了日（令和5年8月21日）が開始日（令和5年8月22日）より前です。" in errors


def test_it_refuses_an_approximate_count_without_a_count(client, own_project, edit):
    edit["sessions-0-approximate"] = "on"
    edit["sessions-0-participants"] = ""
    errors = _errors(_post(client, own_project, edit))
    assert "概数（約）にするときは参加人数を入力してください。" in errors


def test_a_shared_count_sits_on_the_first_session_of_its_group(client, own_project, edit):
    edit["sessions-0-group"] = "1"
    edit["sessions-1-group"] = "1"
    errors = _errors(_post(client, own_project, edit))
    assert "人数のまとまり1の参加人数は、まとまりの最初の実施（令和5年8月22日）にだけ" in errors

    edit["sessions-1-participants"] = ""
    edit["sessions-1-approximate"] = ""
    del edit["sessions-1-approximate"]
    response = _post(client, own_project, edit)
    assert response.status_code == 302
    assert list(own_project.sessions.values_list("group", "participants")) == [(1, 30), (1, None)]


def test_it_refuses_a_reported_total_that_does_not_match_the_sessions(client, own_project, edit):
    edit["reported_participants_total"] = "165"
    edit["reported_session_count"] = "9"
    errors = _errors(_post(client, own_project, edit))
    assert "報告上の延べ人数（延べ165人）が、参加人数の合計（330人）と一致しません。" in errors
    assert "報告上の実施回数（全9回）が、入力された実施の件数（2件）と一致しません。" in errors

    edit["reported_participants_total"] = "330"
    edit["reported_session_count"] = "2"
    assert _post(client, own_project, edit).status_code == 302


def test_it_refuses_a_second_project_with_the_same_year_form_and_number(
    client, clerk, own_project, kyodo_room
):
    client.force_login(clerk)
    url = reverse("admin:projects_project_add")
    data = form_data(client.get(url))
    data.update(
        fiscal_year="2023",
        form=str(own_project.form_id),
        number="1",
        name="番号の重複",
        department=str(kyodo_room.pk),
        category="annual",
    )
    errors = _errors(client.post(url, data))
    assert "同じ年度・協働の形態に同じNo.の協働事業がすでにあります。" in errors


def test_it_refuses_a_since_year_on_a_new_project(client, own_project, edit):
    edit["category"] = "new"
    edit["since_year"] = "1987"
    errors = _errors(_post(client, own_project, edit))
    assert "単年度(新規)実施の協働事業には継続実施の開始年を入力できません。" in errors


# --- no lost updates -----------------------------------------------------------------------


def test_a_stale_save_is_refused_and_shows_what_changed(client, clerk, second_clerk, own_project):
    client.force_login(clerk)
    first = form_data(client.get(change_url(own_project)))
    client.force_login(second_clerk)
    second = form_data(client.get(change_url(own_project)))

    client.force_login(clerk)
    first["name"] = "まちかどミーティング（第1の変更）"
    first["sessions-0-participants"] = "31"
    assert _post(client, own_project, first).status_code == 302

    client.force_login(second_clerk)
    second["effect"] = "第2の変更"
    response = _post(client, own_project, second)
    errors = _errors(response)
    assert "他の人が保存しました" in errors
    assert (
        "協働事業の名称：「まちかどミーティング」→「まちかどミーティング（第1の変更）」" in errors
    )
    assert "clerk-kyodo" in errors
    assert "参加人数：「30」→「31」" in errors

    own_project.refresh_from_db()
    assert own_project.name == "まちかどミーティング（第1の変更）"
    assert own_project.effect == ""
    assert own_project.version == 2


def test_a_save_that_loses_the_race_after_validation_is_rolled_back(
    client, clerk, own_project, monkeypatch
):
    """Between the form's check and the save, someone else saves: the compare-and-set refuses."""
    client.force_login(clerk)
    data = form_data(client.get(change_url(own_project)))
    data["name"] = "競合に負けた変更"
    data["sessions-0-participants"] = "77"
    original = ProjectAdmin.save_model

    def someone_saves_first(self, request, obj, form, change):
        Project.objects.filter(pk=obj.pk).update(version=99)
        return original(self, request, obj, form, change)

    monkeypatch.setattr(ProjectAdmin, "save_model", someone_saves_first)
    response = _post(client, own_project, data)
    assert response.status_code == 302
    assert response["Location"] == change_url(own_project)
    own_project.refresh_from_db()
    assert own_project.name == "まちかどミーティング"
    assert not Session.objects.filter(participants=77).exists()
    page = client.get(change_url(own_project))
    assert "他の人が保存しました" in page.text


def test_a_form_without_its_version_is_refused(client, own_project, edit):
    del edit["loaded_version"]
    errors = _errors(_post(client, own_project, edit))
    assert "画面を開き直してから" in errors


def test_saving_increments_the_version_once_per_save(client, own_project, edit):
    assert _post(client, own_project, edit).status_code == 302
    own_project.refresh_from_db()
    assert own_project.version == 2


# --- history ---------------------------------------------------------------------------------


def test_the_history_page_shows_who_changed_which_field_from_what_to_what(
    client, clerk, coordinator, own_project, edit
):
    edit["name"] = "まちかどミーティング改"
    edit["category"] = "new"
    edit["sessions-0-start"] = "2023-08-23"
    assert _post(client, own_project, edit).status_code == 302
    client.force_login(coordinator)
    response = client.get(reverse("admin:projects_project_history", args=[own_project.pk]))
    text = response.text
    assert "変更履歴" in text
    assert "協働事業の名称：" in text
    assert "まちかどミーティング" in text and "まちかどミーティング改" in text
    assert "例年実施" in text and "単年度(新規)実施" in text  # choices by their label
    assert "clerk-kyodo" in text
    # sessions and partner links are listed on the same page
    assert "実施 令和5年8月23日" in text
    assert "令和5年8月22日" in text


def test_a_coordinator_group_has_the_permissions_of_the_migration(db):
    coordinators = Group.objects.get(name="協働推進担当")
    clerks = Group.objects.get(name="担当課職員")
    assert coordinators.permissions.filter(codename="change_partner").exists()
    assert coordinators.permissions.filter(codename="change_department").exists()
    assert clerks.permissions.filter(codename="change_project").exists()
    assert not clerks.permissions.filter(codename="change_department").exists()
    assert not clerks.permissions.filter(codename="delete_partner").exists()
