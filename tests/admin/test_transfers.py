"""人事異動: the personnel list moves clerks, creates newcomers, deactivates leavers; whole or
not at all, every error naming row, column, text and reason."""

import datetime
import io

import openpyxl
import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from projects.models import Transfer, TransferList
from projects.permissions import CLERK_GROUP
from projects.reader.records import ReportReadError
from projects.services.names import department_rename
from projects.services.transfer_lists import transfers_read
from projects.services.transfers import transfers_apply, transfers_carry_out_due
from tests.factories import make_department, make_user

pytestmark = pytest.mark.django_db

User = get_user_model()
APRIL = datetime.date(2025, 4, 1)
HEADER = "ユーザー名,氏名,メール,新しい担当課,異動日\n"


def csv(*lines: str) -> bytes:
    return (HEADER + "".join(line + "\n" for line in lines)).encode("utf-8")


@pytest.fixture
def citizens(db):
    return make_department(name="市民課")


def test_a_preview_says_what_will_change_and_changes_nothing(clerk, other_clerk, citizens):
    data = csv(
        "clerk-kyodo,,,市民課,2025-04-01",
        "clerk-lifelong,,,,2025-04-01",
        "suzuki,鈴木 一郎,suzuki@example.jp,生涯学習課,令和7年4月1日",
    )
    plan = transfers_read(data=data, file_name="r7.csv", today=APRIL)
    assert [(r.row, r.kind_label, r.change) for r in plan.rows] == [
        (2, "異動", "協働・男女平等参画室 → 市民課"),
        (3, "退職・転出", "退職・転出: 生涯学習課（アカウントを無効に）"),
        (4, "新規採用", "新規採用: 生涯学習課（鈴木 一郎）"),
    ]
    assert list(clerk.departments.values_list("name", flat=True)) == ["協働・男女平等参画室"]
    assert not User.objects.filter(username="suzuki").exists()
    assert not TransferList.objects.exists()


def test_applying_moves_deactivates_creates_and_records_who_and_which_file(
    coordinator, clerk, other_clerk, citizens
):
    data = csv(
        "clerk-kyodo,,,市民課,2025-04-01",
        "clerk-lifelong,,,,2025-04-01",
        "suzuki,鈴木 一郎,suzuki@example.jp,生涯学習課,2025/4/1",
    )
    record = transfers_apply(data=data, file_name="r7.csv", by=coordinator, today=APRIL)
    assert list(clerk.departments.all()) == [citizens]
    other_clerk.refresh_from_db()
    assert not other_clerk.is_active
    newcomer = User.objects.get(username="suzuki")
    assert (newcomer.last_name, newcomer.first_name, newcomer.email) == (
        "鈴木",
        "一郎",
        "suzuki@example.jp",
    )
    assert not newcomer.has_usable_password() and newcomer.is_staff and newcomer.is_active
    assert newcomer.groups.filter(name=CLERK_GROUP).exists()
    assert newcomer.departments.get().name == "生涯学習課"
    assert (record.file_name, record.applied_by, record.transfers.count()) == (
        "r7.csv",
        coordinator,
        3,
    )
    assert len(record.sha256) == 64
    entry = LogEntry.objects.get(object_id=str(clerk.pk))
    assert entry.user == coordinator
    assert "r7.csv 2行目" in entry.change_message and "市民課" in entry.change_message


def test_one_bad_row_changes_nothing_and_every_error_names_row_column_text_and_reason(
    clerk, other_clerk, citizens
):
    data = csv(
        "clerk-kyodo,,,市民課,2025-04-01",
        "clerk-lifelong,,,土木課,2025-04-01",
        "nobody,,,,2025-04-01",
        "newbie,,bad-mail,市民課,4月の頭",
    )
    with pytest.raises(ReportReadError) as caught:
        transfers_apply(data=data, file_name="r7.csv", by=None, today=APRIL)
    found = [(e.row, e.column, e.text, e.reason) for e in caught.value.errors]
    assert (
        "3行目",
        "新しい担当課",
        "土木課",
        "令和7年度にこの名前の担当課はありません（担当課の一覧と名称の変更を確かめてください）。",
    ) in found
    assert (
        "4行目",
        "ユーザー名",
        "nobody",
        "このユーザー名のアカウントがありません（退職として扱えません）。",
    ) in found
    assert (
        "5行目",
        "異動日",
        "4月の頭",
        "日付として読めません（例: 2025-04-01、令和7年4月1日）。",
    ) in found
    assert ("5行目", "メール", "bad-mail", "メールアドレスとして正しくありません。") in found
    assert ("5行目", "氏名", "", "新しく作るアカウントには氏名が必要です。") in found
    assert list(clerk.departments.values_list("name", flat=True)) == ["協働・男女平等参画室"]
    assert not TransferList.objects.exists()


def test_a_department_is_found_by_the_name_it_had_in_the_year_of_the_date(
    coordinator, clerk, citizens
):
    department_rename(department=citizens, name="市民生活課", from_year=2026, user=coordinator)
    plan = transfers_read(
        data=csv("clerk-kyodo,,,市民課,2025-04-01"), file_name="a.csv", today=APRIL
    )
    assert plan.rows[0].department == citizens
    with pytest.raises(ReportReadError) as caught:
        transfers_read(data=csv("clerk-kyodo,,,市民課,2026-04-01"), file_name="a.csv", today=APRIL)
    assert caught.value.errors[0].text == "市民課"
    assert "令和8年度" in caught.value.errors[0].reason


def test_the_list_cannot_touch_a_coordinators_or_superusers_account(coordinator, citizens):
    make_user(username="root", is_superuser=True)
    with pytest.raises(ReportReadError) as caught:
        transfers_read(
            data=csv("coordinator,,,市民課,2025-04-01", "root,,,,2025-04-01"),
            file_name="a.csv",
            today=APRIL,
        )
    assert [(e.row, e.column) for e in caught.value.errors] == [
        ("2行目", "ユーザー名"),
        ("3行目", "ユーザー名"),
    ]


def test_a_missing_column_is_named_on_row_one():
    data = "ユーザー名,氏名,新しい担当課,異動日\nclerk-kyodo,,市民課,2025-04-01\n".encode()
    with pytest.raises(ReportReadError) as caught:
        transfers_read(data=data, file_name="a.csv", today=APRIL)
    assert [(e.row, e.column) for e in caught.value.errors] == [("1行目", "メール")]


def test_a_row_dated_ahead_waits_for_its_day(coordinator, clerk, citizens):
    data = csv("clerk-kyodo,,,市民課,2025-04-10")
    transfers_apply(data=data, file_name="r7.csv", by=coordinator, today=APRIL)
    assert clerk.departments.get().name == "協働・男女平等参画室"
    assert transfers_carry_out_due(today=datetime.date(2025, 4, 9)) == []
    done = transfers_carry_out_due(today=datetime.date(2025, 4, 10))
    assert [t.username for t in done] == ["clerk-kyodo"]
    assert list(clerk.departments.all()) == [citizens]
    assert Transfer.objects.get().done_at is not None


def test_an_xlsx_list_with_date_cells_reads_as_the_csv(clerk, citizens):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["ユーザー名", "氏名", "メール", "新しい担当課", "異動日"])
    sheet.append(["clerk-kyodo", None, None, "市民課", datetime.datetime(2025, 4, 1)])
    buffer = io.BytesIO()
    book.save(buffer)
    plan = transfers_read(data=buffer.getvalue(), file_name="r7.xlsx", today=APRIL)
    assert [(r.username, r.effective, r.department) for r in plan.rows] == [
        ("clerk-kyodo", APRIL, citizens)
    ]


def test_the_command_previews_then_applies_with_apply(tmp_path, clerk, citizens, capsys):
    path = tmp_path / "r7.csv"
    path.write_bytes(csv("clerk-kyodo,,,市民課,2025-04-01"))
    call_command("apply_transfers", str(path))
    assert "協働・男女平等参画室 → 市民課" in capsys.readouterr().out
    assert clerk.departments.get().name == "協働・男女平等参画室"
    call_command("apply_transfers", str(path), "--apply", "--user", "clerk-kyodo")
    assert list(clerk.departments.all()) == [citizens]
    assert TransferList.objects.get().applied_by == clerk


def test_the_command_refuses_a_bad_file_naming_each_row(tmp_path, clerk):
    path = tmp_path / "r7.csv"
    path.write_bytes(csv("clerk-kyodo,,,土木課,2025-04-01"))
    with pytest.raises(CommandError) as caught:
        call_command("apply_transfers", str(path), "--apply", "--user", "clerk-kyodo")
    assert "2行目「新しい担当課」：「土木課」" in str(caught.value)
    assert not TransferList.objects.exists()


def test_the_command_applies_only_when_told_who_applies(tmp_path, clerk, citizens):
    path = tmp_path / "r7.csv"
    path.write_bytes(csv("clerk-kyodo,,,市民課,2025-04-01"))
    with pytest.raises(CommandError, match="--user"):
        call_command("apply_transfers", str(path), "--apply")
    assert clerk.departments.get().name == "協働・男女平等参画室"


ADD = "/admin/projects/transferlist/add/"


def upload(client, data: bytes, name: str = "r7.csv"):
    return client.post(ADD, {"file": SimpleUploadedFile(name, data)})


def test_the_admin_page_previews_then_applies_the_list(client, coordinator, clerk, citizens):
    client.force_login(coordinator)
    preview = upload(client, csv("clerk-kyodo,,,市民課,2025-04-01"))
    assert "協働・男女平等参画室 → 市民課" in preview.text
    assert "この内容で適用する" in preview.text
    assert clerk.departments.get().name == "協働・男女平等参画室"
    confirm = client.post(
        ADD, {"confirm": "1", "file_name": "r7.csv", "data": preview.context["data"]}
    )
    assert confirm.status_code == 302
    assert list(clerk.departments.all()) == [citizens]
    assert TransferList.objects.get().applied_by == coordinator


def test_the_admin_page_lists_every_error_and_offers_no_apply_button(client, coordinator, clerk):
    client.force_login(coordinator)
    page = upload(client, csv("clerk-kyodo,,,土木課,2025-04-01"))
    assert "エラー 1件" in page.text and "土木課" in page.text and "2行目" in page.text
    assert "この内容で適用する" not in page.text


def test_a_forged_confirm_is_checked_again_and_changes_nothing(client, coordinator, clerk):
    import base64

    client.force_login(coordinator)
    forged = base64.b64encode(csv("coordinator,,,,2025-04-01")).decode()
    page = client.post(ADD, {"confirm": "1", "file_name": "x.csv", "data": forged})
    assert "管理者・協働推進担当のアカウント" in page.text
    coordinator.refresh_from_db()
    assert coordinator.is_active and not TransferList.objects.exists()


def test_a_clerk_may_not_open_the_transfer_page(client, clerk):
    client.force_login(clerk)
    assert client.get(ADD).status_code == 403
    assert client.get("/admin/projects/transferlist/").status_code == 403


def test_the_admin_button_carries_out_the_rows_whose_day_came(client, coordinator, clerk, citizens):
    transfers_apply(
        data=csv("clerk-kyodo,,,市民課,2025-04-10"), file_name="r7.csv", by=coordinator, today=APRIL
    )
    client.force_login(coordinator)
    listing = client.get("/admin/projects/transferlist/")
    assert "異動日待ちの行が 1件" in listing.text
    client.post("/admin/projects/transferlist/due/")
    assert list(clerk.departments.all()) == [citizens]
