"""A citizen on the public register: filters, a project, its partner and department, downloads;
and the list and the project page on a 360 px phone."""

import csv
import io
from io import StringIO

import pytest
from django.core.management import call_command

from projects.models import Project
from tests.factories import make_project

pytestmark = pytest.mark.django_db(transaction=True)

BOM = b"\xef\xbb\xbf"


@pytest.fixture
def register(db):
    """The seed (令和5年度 共催, 23 projects) and まちかどミーティング's 令和4年度, linked."""
    call_command("loadseed", stdout=StringIO())
    meeting = Project.objects.get(fiscal_year=2023, name="まちかどミーティング")
    make_project(
        form=meeting.form,
        department=meeting.department,
        number=1,
        name="まちかどミーティング",
        fiscal_year=2022,
        since_year=1987,
    )
    call_command("link_series", stdout=StringIO())
    meeting.refresh_from_db()
    assert meeting.previous is not None
    return meeting


@pytest.fixture
def saved(artifact):
    """saved(download) keeps a download in test-artifacts/ and returns its bytes."""

    def keep(download) -> bytes:
        path = artifact(download.suggested_filename)
        download.save_as(path)
        return path.read_bytes()

    return keep


def test_a_citizen_filters_follows_a_project_and_downloads(
    live_server, page, screenshot, saved, register
):
    page.goto(f"{live_server.url}/")
    assert page.locator("h1").inner_text() == "令和5年度（2023年度） 協働事業の一覧"
    page.get_by_label("実施区分").select_option(label="単年度(新規)実施")
    page.get_by_role("button", name="表示する").click()
    assert page.locator(".count").inner_text().startswith("7件")

    with page.expect_download() as listed:
        page.get_by_role("link", name="CSVダウンロード").click()
    content = saved(listed.value)
    assert content.startswith(BOM)
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert len(rows) == 1 + 7 and rows[0][0] == "年度"

    page.get_by_label("実施区分").select_option(label="すべて")
    page.get_by_label("キーワード").fill("まちかど")
    page.get_by_role("button", name="表示する").click()
    page.get_by_role("link", name="まちかどミーティング").click()
    assert page.locator("h1").inner_text() == "まちかどミーティング"
    years = page.locator(".series-table tbody tr")
    assert years.count() == 2
    screenshot("public_project")
    assert "令和4年度" in years.nth(0).inner_text() and "令和5年度" in years.nth(1).inner_text()

    page.locator("dl.record").get_by_role("link", name="町内会").first.click()
    assert page.locator("h1").inner_text() != ""
    screenshot("public_partner")
    assert page.get_by_role("link", name="まちかどミーティング").count() >= 1
    page.go_back()
    page.locator("dl.record").get_by_role("link", name="協働・男女平等参画室").click()
    assert page.locator("h1").inner_text() == "協働・男女平等参画室の協働事業"
    assert page.get_by_role("link", name="まちかどミーティング").count() == 2  # both years
    screenshot("public_department")

    page.get_by_role("link", name="オープンデータ").click()
    screenshot("public_opendata")
    with page.expect_download() as events:
        page.get_by_role("link", name="012131_event_2023.csv").click()
    content = saved(events.value)
    assert content.startswith(BOM)
    lines = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert lines[0][0] == "都道府県コード又は市区町村コード" and len(lines) == 1 + 47


def _fits(page) -> bool:
    """The page itself does not scroll sideways (a wide table scrolls inside its own box)."""
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def _accessible(page) -> None:
    assert page.locator("html").get_attribute("lang") == "ja"
    assert page.locator("h1").count() == 1
    for control in page.locator("select:visible, input:visible").all():
        control_id = control.get_attribute("id")
        assert page.locator(f'label[for="{control_id}"]').count() == 1, control_id


@pytest.mark.parametrize("path", ["list", "project", "department", "partner"])
def test_the_pages_fit_a_phone(live_server, new_page, screenshot, register, path):
    page = new_page(width=360, height=740, device_scale_factor=2)
    partner = register.partner_links.first().partner_id
    url = {
        "list": "/",
        "project": f"/projects/{register.pk}/",
        "department": f"/departments/{register.department_id}/",
        "partner": f"/partners/{partner}/",
    }[path]
    page.goto(f"{live_server.url}{url}")
    assert _fits(page)
    _accessible(page)
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("", "none")
    screenshot(f"public_{path}_360", of=page)
