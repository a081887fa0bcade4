"""The office's April, in Chromium: the coordinator adds a clerk, applies the personnel list
(人事異動) from a file after reading its preview, and deactivates a leaver."""

import pytest
from django.contrib.auth import get_user_model

from projects.models import TransferList
from projects.permissions import CLERK_GROUP, COORDINATOR_GROUP
from tests.factories import make_department, make_project, make_user

pytestmark = pytest.mark.django_db(transaction=True)

User = get_user_model()


def test_the_coordinator_adds_a_clerk_applies_april_and_deactivates_a_leaver(
    live_server, page, log_in, screenshot, tmp_path
):
    make_department(name="協働・男女平等参画室")
    make_department(name="生涯学習課")
    citizens = make_department(name="市民課")
    make_user(username="coordinator", group=COORDINATOR_GROUP, departments=["協働・男女平等参画室"])
    mover = make_user(username="clerk-lifelong", group=CLERK_GROUP, departments=["生涯学習課"])
    leaver = make_user(username="clerk-leaving", group=CLERK_GROUP, departments=["市民課"])
    log_in(page, "coordinator")

    # A clerk's account: user name, name, e-mail, 担当課.
    page.goto(f"{live_server.url}/admin/auth/user/add/")
    page.fill("#id_username", "tanaka")
    page.fill("#id_last_name", "田中")
    page.fill("#id_first_name", "花子")
    page.fill("#id_email", "tanaka@example.jp")
    page.select_option("#id_departments_from", label="市民課")
    page.click("#id_departments_add")
    page.fill("#id_password1", "kyodo-browser-pass-1")
    page.fill("#id_password2", "kyodo-browser-pass-1")
    assert page.locator("#id_is_superuser").count() == 0
    assert page.locator("#id_groups_from, #id_groups").count() == 0
    screenshot("office_add_clerk")
    page.get_by_role("button", name="保存", exact=True).click()
    page.wait_for_load_state()
    tanaka = User.objects.get(username="tanaka")
    assert list(tanaka.departments.all()) == [citizens]
    assert tanaka.groups.get().name == CLERK_GROUP

    # April: the personnel section's list, read first, then applied.
    listing = tmp_path / "r7_jinji.csv"
    listing.write_text(
        "ユーザー名,氏名,メール,新しい担当課,異動日\n"
        "clerk-lifelong,,,市民課,2025-04-01\n"
        "suzuki,鈴木 一郎,suzuki@example.jp,生涯学習課,令和7年4月1日\n",
        encoding="utf-8",
    )
    page.goto(f"{live_server.url}/admin/projects/transferlist/add/")
    page.set_input_files("#id_file", str(listing))
    page.get_by_role("button", name="読み込んで確認する").click()
    page.wait_for_load_state()
    plan = page.locator("table.kyodo-transfer-plan").inner_text()
    assert "生涯学習課 → 市民課" in plan and "新規採用: 生涯学習課（鈴木 一郎）" in plan
    assert list(mover.departments.values_list("name", flat=True)) == ["生涯学習課"]
    screenshot("office_transfer_preview")
    page.get_by_role("button", name="この内容で適用する").click()
    page.wait_for_load_state()
    assert "人事異動を適用しました" in page.content()
    screenshot("office_transfer_applied")
    assert list(mover.departments.values_list("name", flat=True)) == ["市民課"]
    assert User.objects.get(username="suzuki").departments.get().name == "生涯学習課"
    assert TransferList.objects.get().applied_by.username == "coordinator"

    # A leaver: deactivated from the list of accounts.
    page.goto(f"{live_server.url}/admin/auth/user/")
    page.locator(f"input[name='_selected_action'][value='{leaver.pk}']").check()
    page.select_option("select[name='action']", label="無効にする（退職・異動）")
    page.get_by_role("button", name="実行").click()
    page.wait_for_load_state()
    assert "無効にしました" in page.content()
    screenshot("office_leaver_deactivated")
    leaver.refresh_from_db()
    assert not leaver.is_active


def test_a_clerk_on_another_departments_delete_page_reads_a_japanese_refusal(
    live_server, page, log_in, screenshot
):
    others = make_project(department="生涯学習課", form="共催", number=1, name="市民塾")
    make_user(username="clerk-kyodo", group=CLERK_GROUP, departments=["協働・男女平等参画室"])
    log_in(page, "clerk-kyodo")
    response = page.goto(f"{live_server.url}/admin/projects/project/{others.pk}/delete/")
    assert response.status == 403
    assert page.locator("h1").inner_text() == "この操作はできません"
    screenshot("office_403_other_department")
    page.get_by_role("link", name="管理画面のホームへ戻る").click()
    page.wait_for_url(f"{live_server.url}/admin/")
