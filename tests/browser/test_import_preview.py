"""The import as a clerk and the coordinator see it in Chromium at 1366 px: errors in plain
sight, a preview that leads with the outcome and fits the page, unknown forms answered there."""

import pytest

from projects.models import Form, Project
from projects.permissions import CLERK_GROUP, COORDINATOR_GROUP
from tests.factories import SEED, import_seed, make_user
from tests.report_text import report_row, report_text

pytestmark = pytest.mark.django_db(transaction=True)

WIDTH = 1366
IMPORT = "/admin/projects/project/import/"


@pytest.fixture
def users(db):
    return {
        "coordinator": make_user(username="coordinator", group=COORDINATOR_GROUP),
        "clerk": make_user(
            username="clerk", group=CLERK_GROUP, departments=["協働・男女平等参画室"]
        ),
    }


def upload(page, live_server, name: str, data: bytes):
    page.goto(f"{live_server.url}{IMPORT}")
    page.set_input_files(
        "#id_import_file", files=[{"name": name, "mimeType": "text/plain", "buffer": data}]
    )
    page.select_option("#id_format", label="報告書テキスト (txt)")
    page.locator("#content form input[type=submit]").first.click()
    page.wait_for_load_state()


def page_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def test_an_error_is_shown_with_its_reason_without_hovering(
    live_server, page, log_in, screenshot, users
):
    room = "協働・男女平等参画室"
    text = report_text(
        [
            report_row(1, name=f"市民講座 ({room})"),
            report_row(2, name=f"まちかどミーティング ({room})", sessions="令和5年13月1日 (10人)"),
            report_row(3, name=f"男女平等参画フォーラム ({room})"),
        ]
    )
    log_in(page, "clerk", width=WIDTH)
    upload(page, live_server, "r05.txt", text.encode())

    summary = page.locator(".kyodo-import-errors")
    assert "エラー 1件" in summary.locator("h2").inner_text()
    link = summary.get_by_role("link", name="No.2「実施年月日、参加人数」")
    assert "13月という月はありません" in link.inner_text()
    # The reason is written in the row, under the bad cell: visible with no mouse over it.
    row = page.locator("#import-row-2")
    reason = row.locator(".kyodo-cell-error .kyodo-cell-reason")
    assert reason.is_visible()
    assert "13月という月はありません" in reason.inner_text()
    cell = row.locator("td.kyodo-cell-error")
    assert cell.get_attribute("aria-describedby") == reason.get_attribute("id")
    assert "令和5年13月1日" in cell.inner_text()
    assert row.locator("td.kyodo-cell-error").count() == 1
    assert page.locator(".validation-error-container").count() == 0  # the hover-only box
    assert page_width(page) <= WIDTH
    screenshot("import_errors")

    # With the keyboard: the link takes the reader to the row, which takes the focus.
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("location.hash === '#import-row-2'")
    assert page.evaluate("document.activeElement.id") == "import-row-2"
    screenshot("import_errors_row", full_page=False)
    assert not Project.objects.exists()


def test_a_reimport_of_the_seed_leads_with_the_outcome_and_fits_the_page(
    live_server, page, log_in, screenshot, users
):
    import_seed()
    log_in(page, "coordinator", width=WIDTH)
    upload(page, live_server, SEED.name, SEED.read_bytes())

    outcome = page.locator(".kyodo-import-outcome h2")
    assert outcome.inner_text() == "新規 0件・更新 0件・変更なし 23件"
    unchanged = page.locator("details.kyodo-unchanged")
    assert "変更なし 23件" in unchanged.locator("summary").inner_text()
    assert not unchanged.locator("li").first.is_visible()  # folded away
    assert page_width(page) <= WIDTH
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < 1500, height  # was 4,800 px of every cell
    screenshot("import_preview_unchanged")

    unchanged.locator("summary").click()
    assert unchanged.locator("li").count() == 23
    assert unchanged.locator("li").first.is_visible()
    assert page_width(page) <= WIDTH


def test_a_first_import_of_the_seed_lists_the_new_projects_within_the_page(
    live_server, page, log_in, screenshot, users
):
    log_in(page, "coordinator", width=WIDTH)
    upload(page, live_server, SEED.name, SEED.read_bytes())

    assert page.locator(".kyodo-import-outcome h2").inner_text() == (
        "新規 23件・更新 0件・変更なし 0件"
    )
    rows = page.locator(".kyodo-new-rows tbody tr")
    assert rows.count() == 23
    # In the report's wording: the PDF's line-wrap spaces are gone.
    assert "まちかどミーティング (協働・男女平等参画室)" in rows.first.inner_text()
    assert page_width(page) <= WIDTH
    screenshot("import_preview_new")


def test_an_updated_project_shows_only_its_changes_in_the_reports_wording(
    live_server, page, log_in, screenshot, users
):
    import_seed()
    project = Project.objects.get(number=1)
    project.effect = "昨年度の効果。"
    project.save()
    first = project.sessions.order_by("order").first()
    first.participants += 5
    first.save()
    log_in(page, "coordinator", width=WIDTH)
    upload(page, live_server, SEED.name, SEED.read_bytes())

    assert page.locator(".kyodo-import-outcome h2").inner_text() == (
        "新規 0件・更新 1件・変更なし 22件"
    )
    update = page.locator(".kyodo-import-update")
    assert update.count() == 1
    assert "No.1 まちかどミーティング" in update.locator("h3").inner_text()
    columns = update.locator("tbody th").all_inner_texts()
    assert columns == ["実施年月日、参加人数", "取組の効果、市民からの反響等"]
    before = update.locator("tbody tr").nth(1).locator(".kyodo-before")
    assert before.inner_text() == "昨年度の効果。"
    sessions_before = update.locator("tbody tr").first.locator(".kyodo-before del")
    assert sessions_before.count() >= 1  # the differing digits are marked
    assert page_width(page) <= WIDTH
    screenshot("import_preview_update")


def test_the_coordinator_reads_an_unknown_form_as_a_listed_one_in_one_step(
    live_server, page, log_in, screenshot, users
):
    room = "協働・男女平等参画室"
    text = report_text(
        [report_row(n, name=f"まつり{n} ({room})") for n in (1, 2)], form="実行委員会"
    )
    log_in(page, "coordinator", width=WIDTH)
    upload(page, live_server, "committee.txt", text.encode())

    choice = page.get_by_label("「実行委員会」を")
    assert choice.is_visible()
    screenshot("import_unknown_form")
    choice.select_option(label="「実行委員会・協議会」として読む")
    page.get_by_role("button", name="この指定でもう一度確認する").click()
    page.wait_for_load_state()

    assert page.locator(".kyodo-import-outcome h2").inner_text() == (
        "新規 2件・更新 0件・変更なし 0件"
    )
    assert (
        "「実行委員会」を「実行委員会・協議会」として読みます。"
        in page.locator(".kyodo-import-outcome").inner_text()
    )
    screenshot("import_unknown_form_mapped")
    page.get_by_role("button", name="インポートを確定").click()
    page.wait_for_load_state()
    assert "取り込みました：新規 2件" in page.locator("ul.messagelist").inner_text()
    assert Project.objects.filter(form__name="実行委員会・協議会").count() == 2
    assert not Form.objects.filter(name="実行委員会").exists()


def test_a_clerk_is_told_whom_to_ask_about_an_unknown_form(
    live_server, page, log_in, screenshot, users
):
    text = report_text([report_row(1, name="まつり (協働・男女平等参画室)")], form="実行委員会")
    log_in(page, "clerk", width=WIDTH)
    upload(page, live_server, "committee.txt", text.encode())

    hint = page.locator(".kyodo-import-hint")
    assert "協働推進担当に" in hint.inner_text() and hint.is_visible()
    assert page.locator(".kyodo-form-choices").count() == 0
    screenshot("import_unknown_form_clerk")
