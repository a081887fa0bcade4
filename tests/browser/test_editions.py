"""The coordinator publishes 令和5年度's edition on 年次集計, corrects a project with a reason, sees
「公表後の変更 1件」 with the changed cell, and the public page tells citizens of the correction."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from projects.models import Correction, Edition, Form, Project
from tests.factories import PASSWORD, SEED

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def seeded(db):
    # A transactional test flushes the forms the data migration made: bring back the seed's.
    Form.objects.get_or_create(name="共催", defaults={"order": 1})
    call_command("import_report", str(SEED), stdout=StringIO(), stderr=StringIO())
    get_user_model().objects.create_superuser("coordinator", password=PASSWORD)
    return Project.objects.get(fiscal_year=2023, number=1)


def test_a_correction_after_publishing_shows_on_the_summary_and_the_public_page(
    live_server, page, log_in, screenshot, seeded
):
    log_in(page, "coordinator")

    summary = f"{live_server.url}/admin/projects/project/summary/?fiscal_year=2023"
    page.goto(summary)
    assert page.locator("#edition-latest").inner_text() == "この年度の公表版はまだありません。"
    page.fill("#id_edition_note", "年次報告として公表")
    page.click("#publish-edition")
    page.wait_for_selector("#edition-changes-count")
    assert page.locator("#edition-latest").inner_text().startswith("公表版 第1版（令和")
    assert page.locator("#edition-changes-count").inner_text().startswith("公表後の変更 0件")

    page.goto(f"{live_server.url}/admin/projects/project/{seeded.pk}/change/")
    assert page.locator("#id_correction_reason").is_visible()
    page.fill("#id_name", "まちかどミーティング（市長と語る会）")
    page.fill("#id_correction_reason", "事業の名称の誤り")
    page.locator("#id_correction_reason").scroll_into_view_if_needed()
    screenshot("editions_correction_form", full_page=False)
    page.locator('input[name="_save"]').first.click()
    page.wait_for_url(f"{live_server.url}/admin/projects/project/**")
    assert Correction.objects.get().reason == "事業の名称の誤り"

    page.goto(summary)
    assert page.locator("#edition-changes-count").inner_text() == "公表後の変更 1件"
    rows = page.locator("#edition-changes tbody tr")
    assert rows.count() == 1
    cells = rows.first.locator("td").all_inner_texts()
    assert cells[:3] == ["共催", "1", "協働事業の名称 (担当課)"]
    assert "まちかどミーティング（市長と語る会）" in cells[4]
    page.locator("#edition").scroll_into_view_if_needed()
    screenshot("editions_summary_changes", full_page=False)

    page.goto(f"{live_server.url}/projects/{seeded.pk}/")
    note = page.locator("#corrections").inner_text()
    assert "に訂正：事業の名称の誤り" in note
    assert "令和" in note and "年" in note  # the 和暦 beside the western date
    screenshot("editions_public_correction")

    page.goto(f"{live_server.url}/opendata/")
    assert page.locator("#edition-2023-1").is_visible()
    assert Edition.objects.get().files.count() == 4  # CSV, XLSX, JSON and PDF
    page.locator("#editions").scroll_into_view_if_needed()
    screenshot("editions_opendata_listing", full_page=False)
