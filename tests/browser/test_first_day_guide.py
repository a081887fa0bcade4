"""The admin's home page in Chromium at 1366 px: the first-day guide of a clerk and of the
coordinator, a few lines linking to the pages."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from projects.models import Department, Form, Project
from projects.permissions import CLERK_GROUP, COORDINATOR_GROUP, ensure_groups
from tests.report.conftest import SEED

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "kyodo-browser-password-6"


@pytest.fixture
def register(db):
    groups = ensure_groups()
    Form.objects.get_or_create(name="共催", defaults={"order": 1})
    call_command("import_report", str(SEED))
    Project.objects.filter(number=13).update(effect="", published=False)
    for username, group, department in (
        ("clerk", CLERK_GROUP, "テクノセンター"),
        ("coordinator", COORDINATOR_GROUP, None),
    ):
        user = get_user_model().objects.create_user(
            username, password=PASSWORD, is_staff=True, last_name=username
        )
        user.groups.add(groups[group])
        if department:
            Department.objects.get(name=department).members.add(user)


def log_in(page, live_server, username):
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="ログイン").click()
    page.wait_for_url(f"{live_server.url}/admin/")


def test_a_clerk_sees_what_to_do_with_their_projects(live_server, page, screenshot, register):
    log_in(page, live_server, "clerk")

    guide = page.locator(".kyodo-guide")
    assert guide.locator("h2").inner_text() == "令和5年度の協働事業：テクノセンター"
    assert "協働事業 5件" in guide.inner_text()
    assert "取組の効果の記入がない：1件" in guide.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
    screenshot("admin_index_clerk", full_page=False)

    guide.get_by_role("link", name="報告書を取り込む（インポート）").click()
    page.wait_for_url("**/import/")
    page.go_back()
    page.locator(".kyodo-guide").get_by_role("link", name="の履歴").click()
    page.wait_for_url("**/history/")


def test_the_coordinator_sees_the_years_state(live_server, page, screenshot, register):
    log_in(page, live_server, "coordinator")

    guide = page.locator(".kyodo-guide")
    assert guide.locator("h2").inner_text() == "令和5年度の協働事業の状況"
    assert "協働事業 23件" in guide.inner_text() and "非公開 1件" in guide.inner_text()
    screenshot("admin_index_coordinator", full_page=False)

    guide.get_by_role("link", name="非公開 1件").click()
    page.wait_for_url("**published__exact=0**")
    assert page.locator("#result_list tbody tr").count() == 1
