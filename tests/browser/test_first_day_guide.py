"""The admin's home page in Chromium at 1366 px: the first-day guide of a clerk and of the
coordinator, a few lines linking to the pages."""

import pytest

from projects.models import Project
from projects.permissions import CLERK_GROUP, COORDINATOR_GROUP
from tests.factories import import_seed, make_user

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def register(db):
    import_seed()
    Project.objects.filter(number=13).update(effect="", published=False)
    make_user(username="clerk", group=CLERK_GROUP, departments=["テクノセンター"])
    make_user(username="coordinator", group=COORDINATOR_GROUP)


def test_a_clerk_sees_what_to_do_with_their_projects(page, log_in, screenshot, register):
    log_in(page, "clerk", width=1366)

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


def test_the_coordinator_sees_the_years_state(page, log_in, screenshot, register):
    log_in(page, "coordinator", width=1366)

    guide = page.locator(".kyodo-guide")
    assert guide.locator("h2").inner_text() == "令和5年度の協働事業の状況"
    assert "協働事業 23件" in guide.inner_text() and "非公開 1件" in guide.inner_text()
    screenshot("admin_index_coordinator", full_page=False)

    guide.get_by_role("link", name="非公開 1件").click()
    page.wait_for_url("**published__exact=0**")
    assert page.locator("#result_list tbody tr").count() == 1
