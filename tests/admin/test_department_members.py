"""A department's page lists its members; a staff account with no department is told whom to ask."""

import datetime

import pytest
from django.utils import timezone

from tests.factories import make_user

pytestmark = pytest.mark.django_db

NO_DEPARTMENT = "担当課が登録されていません。協働推進担当に連絡してください。"


def test_a_departments_page_lists_its_members_with_email_and_last_login(
    client, coordinator, clerk, lifelong, kyodo_room
):
    clerk.email = "clerk@example.jp"
    clerk.last_login = timezone.make_aware(datetime.datetime(2025, 4, 2, 9, 30))
    clerk.save()
    leaver = make_user(username="moved-away", departments=[kyodo_room])
    leaver.is_active = False
    leaver.save()
    client.force_login(coordinator)
    page = client.get(f"/admin/projects/department/{kyodo_room.pk}/change/").text
    assert "clerk@example.jp" in page
    assert "2025-04-02 09:30" in page
    assert "moved-away" in page and "無効" in page
    assert "<td>clerk-kyodo</td>" in page
    other = client.get(f"/admin/projects/department/{lifelong.pk}/change/").text
    assert "clerk@example.jp" not in other


def test_a_user_with_no_department_and_no_role_is_told_to_ask_the_coordinator(client):
    client.force_login(make_user(username="newcomer"))
    assert NO_DEPARTMENT in client.get("/admin/").text


def test_a_clerk_with_a_department_is_not_told_to_ask(client, clerk):
    client.force_login(clerk)
    assert NO_DEPARTMENT not in client.get("/admin/").text


def test_the_coordinator_is_not_told_to_ask(client, coordinator):
    client.force_login(coordinator)
    assert NO_DEPARTMENT not in client.get("/admin/").text
