"""The coordinator renames a 担当課 or a 協働の形態 in the admin: from a fiscal year, or as a
correction; a rename the rules refuse says why and saves nothing."""

import pytest
from django.urls import reverse

from projects.models import Category, Department, DepartmentPastName, Form, Project

pytestmark = pytest.mark.django_db


@pytest.fixture
def lifelong_project(lifelong, kyosai):
    return Project.objects.create(
        fiscal_year=2023,
        form=kyosai,
        number=1,
        name="市民塾",
        department=lifelong,
        category=Category.ANNUAL,
    )


def _change(client, obj, **data):
    url = reverse(f"admin:projects_{obj._meta.model_name}_change", args=[obj.pk])
    page = client.get(url)
    assert page.status_code == 200
    fields = {"name": obj.name, "active": "on"} if isinstance(obj, Department) else {}
    if isinstance(obj, Form):
        fields = {"order": obj.order}
    return client.post(url, {**fields, "_save": "保存", **data}, follow=True)


def test_the_change_page_shows_the_name_read_only_with_the_rename_fields(
    client, coordinator, lifelong
):
    client.force_login(coordinator)
    page = client.get(reverse("admin:projects_department_change", args=[lifelong.pk])).text

    assert 'name="name"' not in page
    assert "新しい名称" in page
    assert "名称変更（組織改正）：指定した年度から新しい名称にする" in page
    assert "誤記の訂正：現在の名称「生涯学習課」を直す" in page
    assert "名称の変更はありません。" in page


def test_a_rename_from_a_year_keeps_the_old_name_for_the_years_before(
    client, coordinator, lifelong, lifelong_project
):
    client.force_login(coordinator)

    response = _change(client, lifelong, new_name="生涯学習推進課", change="rename", from_year=2024)

    assert "令和6年度から「生涯学習推進課」にしました" in response.text
    lifelong.refresh_from_db()
    assert lifelong.name == "生涯学習推進課"
    past = DepartmentPastName.objects.get(department=lifelong)
    assert (past.name, past.until_year) == ("生涯学習課", 2023)
    assert Project.objects.with_names().get(pk=lifelong_project.pk).department_name == "生涯学習課"
    assert past.history.first().history_user == coordinator


def test_a_correction_of_a_past_name_changes_the_years_it_covers(
    client, coordinator, lifelong, lifelong_project
):
    client.force_login(coordinator)
    _change(client, lifelong, new_name="生涯学習推進課", change="rename", from_year=2024)
    lifelong.refresh_from_db()

    response = _change(client, lifelong, new_name="生涯学習課（旧）", change="2023")

    assert "名称を「生涯学習課（旧）」に訂正しました" in response.text
    assert Project.objects.with_names().get(pk=lifelong_project.pk).department_name == (
        "生涯学習課（旧）"
    )


def test_a_refused_rename_says_why_and_saves_nothing(client, coordinator, lifelong, kyodo_room):
    client.force_login(coordinator)

    response = _change(client, lifelong, new_name=kyodo_room.name, change="rename", from_year=2024)

    assert f"「{kyodo_room.name}」という担当課がすでにあります。" in response.text
    lifelong.refresh_from_db()
    assert lifelong.name == "生涯学習課"
    assert not DepartmentPastName.objects.exists()


def test_a_form_is_renamed_the_same_way(client, coordinator, kyosai, lifelong_project):
    client.force_login(coordinator)

    _change(client, kyosai, new_name="共催事業", change="rename", from_year=2024)

    kyosai.refresh_from_db()
    assert kyosai.name == "共催事業"
    assert Project.objects.with_names().get(pk=lifelong_project.pk).form_name == "共催"


def test_a_clerk_cannot_rename_a_department(client, clerk, lifelong):
    client.force_login(clerk)
    url = reverse("admin:projects_department_change", args=[lifelong.pk])

    response = client.post(url, {"name": "x", "new_name": "乗っ取り課", "change": "rename"})

    assert response.status_code == 403
    lifelong.refresh_from_db()
    assert lifelong.name == "生涯学習課"
