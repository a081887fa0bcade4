"""The coordinator opens 年次集計, sees the charts, downloads the CSV and prints the report."""

import csv
import io
from pathlib import Path

import pytest

from tests.factories import day, import_seed, make_project, make_user

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def register_with_two_years(db):
    import_seed()
    make_project(
        fiscal_year=2022,
        name="令和4年度 苫小牧市民塾",
        department="生涯学習課",
        sessions=[{"start": day(2022, 9, 14), "participants": 58}],
    )
    return make_user(username="coordinator", is_superuser=True)


def test_the_coordinator_sees_the_yearly_summary_drawn_as_charts_and_downloads_the_csv(
    live_server, page, log_in, screenshot, register_with_two_years
):
    log_in(page, "coordinator")
    page.goto(f"{live_server.url}/admin/projects/project/summary/?fiscal_year=2023")

    assert page.locator("h1").first.inner_text() == "年次集計（令和5年度）"
    assert page.locator("#total-projects").inner_text() == "23件"
    # 介護福祉課's project has no count (「-」): counted apart, never as 0人.
    assert page.locator("#total-participants").inner_text() == "約12,054人（人数不明 1件）"
    # The year's own charts: form, category, department, partner kinds, two by year; the
    # ten-year trend below has charts of its own.
    charts = page.locator(".kyodo-chart svg:not(.kyodo-trends *)")
    assert charts.count() == 6
    assert page.locator(".kyodo-trends .kyodo-chart svg").count() >= 1
    assert page.locator(".kyodo-chart svg rect").count() > 20
    box = charts.first.bounding_box()
    assert box["width"] > 100 and box["height"] > 20  # really drawn, not an empty element
    assert "担当課別 参加人数" in page.locator(".kyodo-charts").first.inner_text()
    screenshot("report_summary")

    with page.expect_download() as download_info:
        page.click("#download-csv")
    download = download_info.value
    assert download.suggested_filename.endswith(".csv")
    data = Path(download.path()).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert len(rows) == 24
    assert rows[1][3] == "まちかどミーティング (協働・男女平等参画室)"


def test_the_printable_report_renders_its_first_page_for_a4_landscape(
    live_server, page, log_in, screenshot, artifact, register_with_two_years
):
    log_in(page, "coordinator")
    # The printable area of A4 landscape (297 × 210 mm less the @page margins) at 96 dpi.
    page.set_viewport_size({"width": 1047, "height": 711})
    page.goto(f"{live_server.url}/admin/projects/project/summary/print/?fiscal_year=2023")
    page.emulate_media(media="print")

    assert page.locator("h1").inner_text() == "苫小牧市 協働事業実施状況（令和5年度）"
    assert not page.locator(".toolbar").is_visible()  # the print button is not printed
    assert page.locator(".charts svg").count() >= 3
    assert page.locator("section.section h2").first.inner_text() == "① 協働の形態：共催（23件）"
    assert page.locator("table.report tbody tr").count() == 23
    screenshot("report_print_first_page", full_page=False)
    page.evaluate("document.querySelector('.charts-section').scrollIntoView()")
    screenshot("report_print_charts_page", full_page=False)
    page.evaluate("document.querySelector('section.section').scrollIntoView()")
    screenshot("report_print_table_page", full_page=False)

    pdf = page.pdf(format="A4", landscape=True)
    assert pdf.startswith(b"%PDF")
    artifact("report_print.pdf").write_bytes(pdf)
