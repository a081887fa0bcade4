"""年次集計 in Chromium at 1366 px: a department whose projects have no count shows 不明, never
「0人」, and the total counts such projects apart."""

import re

import pytest

from tests.factories import day, import_seed, make_project, make_user

pytestmark = pytest.mark.django_db(transaction=True)

ZERO_PEOPLE = re.compile(r"(?<![\d,])0人")


@pytest.fixture
def register(db):
    import_seed()
    make_project(
        number=24,
        name="防災講座",
        department="危機管理室・防災担当",
        sessions=[{"start": day(2023, 10, 1)}],  # 「令和5年10月1日 -」: no count
    )
    return make_user(username="coordinator", is_superuser=True)


def test_the_summary_shows_unknown_counts_as_unknown(
    live_server, page, log_in, screenshot, register
):
    log_in(page, "coordinator", width=1366)
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
