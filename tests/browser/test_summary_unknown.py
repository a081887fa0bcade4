"""年次集計 in Chromium at 1366 px: a department whose projects have no count shows 不明, never
「0人」, and the total counts such projects apart."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from projects.models import Form
from tests.report.conftest import SEED, day, make_project

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "kyodo-browser-password-5"
ZERO_PEOPLE = re.compile(r"(?<![\d,])0人")


@pytest.fixture
def register(db):
    Form.objects.get_or_create(name="共催", defaults={"order": 1})
    call_command("import_report", str(SEED))
    make_project(
        number=24,
        name="防災講座",
        department="危機管理室・防災担当",
        sessions=[{"start": day(2023, 10, 1)}],  # 「令和5年10月1日 -」: no count
    )
    return get_user_model().objects.create_superuser("coordinator", password=PASSWORD)


def test_the_summary_shows_unknown_counts_as_unknown(live_server, page, screenshot, register):
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "coordinator")
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="ログイン").click()
    page.wait_for_url(f"{live_server.url}/admin/")
    page.goto(f"{live_server.url}/admin/projects/project/summary/?fiscal_year=2023")

    rows = page.locator("table.kyodo-table").filter(has_text="担当課別").locator("tbody tr")
    cells = {
        row.locator("th").inner_text(): row.locator("td").last.inner_text() for row in rows.all()
    }
    assert cells["危機管理室・防災担当"] == "不明"
    assert not [text for text in cells.values() if ZERO_PEOPLE.search(text)], cells
    total = page.locator("#total-participants").inner_text()
    assert re.search(r"人数不明 \d+件", total), total
    assert not ZERO_PEOPLE.search(page.locator("#content-main").inner_text())
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
    screenshot("report_summary_unknown")
