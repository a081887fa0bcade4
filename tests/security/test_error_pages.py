"""The 403, 404 and 500 pages speak Japanese in the site's look, in the admin too."""

import pytest
from django.template import loader
from django.urls import reverse

from tests.factories import make_project

pytestmark = pytest.mark.django_db


def test_a_clerk_opening_another_departments_delete_page_gets_the_japanese_403(
    client, clerk, lifelong, kyosai
):
    others = make_project(department=lifelong, form=kyosai, number=1, name="子ども広報部")
    client.force_login(clerk)
    response = client.get(reverse("admin:projects_project_delete", args=[others.pk]))
    assert response.status_code == 403
    text = response.content.decode()
    assert "この操作はできません" in text
    assert "他の担当課の協働事業は閲覧だけができ" in text
    assert "403 Forbidden" not in text
    assert "projects/public" in text  # the site's stylesheet
    assert f'href="{reverse("admin:index")}"' in text


def test_a_refusal_outside_the_admin_links_to_the_public_list(rf):
    from django.views.defaults import permission_denied

    response = permission_denied(rf.get("/opendata/"), PermissionError("nope"))
    text = response.content.decode()
    assert response.status_code == 403 and "この操作はできません" in text
    assert "管理画面" not in text


def test_an_unknown_admin_address_gets_the_japanese_404_with_a_way_back(client, coordinator):
    client.force_login(coordinator)
    response = client.get("/admin/no-such-page/")
    assert response.status_code == 404
    text = response.content.decode()
    assert "ページが見つかりません" in text
    assert f'href="{reverse("admin:index")}"' in text


def test_the_500_page_needs_no_context_and_links_back():
    text = loader.get_template("500.html").render()
    assert "エラーが発生しました" in text and 'href="/admin/"' in text
    assert "projects/public" in text
