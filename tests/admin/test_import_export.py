"""Import and export from the project list, as a clerk and as the coordinator."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from projects import layout
from projects.admin import ProjectAdmin
from projects.models import Project
from tests.report_text import dataset_row

ROOM = "協働・男女平等参画室"

pytestmark = pytest.mark.django_db

IMPORT_URL = reverse("admin:projects_project_import")
EXPORT_URL = reverse("admin:projects_project_export")


def _csv(*rows: dict) -> bytes:
    lines = [",".join(layout.DATASET_COLUMNS)]
    for row in rows:
        lines.append(",".join(f'"{row.get(c, "")}"' for c in layout.DATASET_COLUMNS))
    return ("\n".join(lines) + "\n").encode("utf-8")


def _csv_format_index(rf, user) -> str:
    formats = ProjectAdmin.import_formats
    return str(next(i for i, f in enumerate(formats) if f().get_extension() == "csv"))


def _post_import(client, rf, user, payload: bytes):
    client.force_login(user)
    return client.post(
        IMPORT_URL,
        {
            "format": _csv_format_index(rf, user),
            "import_file": SimpleUploadedFile("r05.csv", payload, content_type="text/csv"),
        },
    )


def test_the_list_shows_import_and_export_buttons(client, clerk):
    client.force_login(clerk)
    response = client.get("/admin/projects/project/")
    assert IMPORT_URL in response.text
    assert EXPORT_URL in response.text


def test_it_refuses_a_clerk_importing_a_row_of_another_department(
    client, rf, clerk, kyodo_room, lifelong
):
    payload = _csv(dataset_row(1, department=ROOM), dataset_row(2, department="生涯学習課"))
    response = _post_import(client, rf, clerk, payload)
    assert response.status_code == 200
    result = response.context["result"]
    assert result.has_validation_errors()
    invalid = result.invalid_rows
    assert [row.number for row in invalid] == [2]
    assert "生涯学習課" in str(invalid[0].error_dict) or "担当課" in str(invalid[0].error_dict)
    assert "取り込めない行があります" in response.text
    # Nothing is offered for confirmation, and nothing was saved.
    assert "confirm_form" not in response.context
    assert not Project.objects.exists()


def test_a_clerk_imports_the_rows_of_their_own_department(client, rf, clerk, kyodo_room):
    response = _post_import(client, rf, clerk, _csv(dataset_row(1, department=ROOM)))
    assert response.status_code == 200
    result = response.context["result"]
    assert not result.has_validation_errors()
    confirm = response.context["confirm_form"]
    data = {name: field.value() for name, field in ((f.name, f) for f in confirm)}
    response = client.post(reverse("admin:projects_project_process_import"), data)
    assert response.status_code == 302
    project = Project.objects.get()
    assert project.department == kyodo_room
    assert project.history.first().history_user == clerk


def test_a_coordinator_imports_rows_of_any_department(client, rf, coordinator, lifelong):
    response = _post_import(client, rf, coordinator, _csv(dataset_row(3, department="生涯学習課")))
    result = response.context["result"]
    assert not result.has_validation_errors()
    assert [row.import_type for row in result.rows] == ["new"]


def test_the_export_honours_the_lists_filters(client, coordinator, own_project, others_project):
    client.force_login(coordinator)
    form = client.get(EXPORT_URL + "?category__exact=new").context["form"]
    data = {name: "on" for name, field in form.fields.items() if field.initial is True}
    data.update(format="0", resource="0")
    response = client.post(EXPORT_URL + "?category__exact=new", data)
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Disposition"].startswith("attachment")
    text = response.content.decode("utf-8-sig")
    assert "びとこま" in text
    assert "まちかどミーティング" not in text


def test_the_exported_csv_starts_with_a_bom_for_excel(client, coordinator, own_project):
    client.force_login(coordinator)
    form = client.get(EXPORT_URL).context["form"]
    data = {name: "on" for name, field in form.fields.items() if field.initial is True}
    data.update(format="0", resource="0")

    response = client.post(EXPORT_URL, data)

    assert response.content.startswith("\ufeff".encode())
    header = response.content.decode("utf-8-sig").splitlines()[0]
    assert header.startswith("年度,協働の形態,No.,協働事業の名称 (担当課)")


def test_the_export_writes_only_the_ticked_columns_in_the_reports_order(
    client, coordinator, own_project, others_project
):
    client.force_login(coordinator)
    form = client.get(EXPORT_URL).context["form"]
    columns = [name for name, field in form.fields.items() if field.initial is True]
    assert len(columns) == 9
    # Two of the nine, the last and the first: the file has exactly these, in the report's order.
    data = {"projectresource_effect": "on", "projectresource_fiscal_year": "on"}
    data.update(format="0", resource="0")

    response = client.post(EXPORT_URL, data)

    assert response.status_code == 200, response.content[:500]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == [layout.FISCAL_YEAR, layout.EFFECT]
    assert len(rows) == 3
    assert all(len(row) == 2 for row in rows)
    assert {row[0] for row in rows[1:]} == {"令和5年度"}


def test_the_import_and_export_pages_speak_japanese(client, rf, coordinator, kyodo_room):
    # The export is the library's page, worded by locale/ja; the import page is kyodo's own.
    client.force_login(coordinator)
    export_page = client.get(EXPORT_URL).text
    assert "次の列を書き出します" in export_page and "すべて選択" in export_page
    assert "次の列を読み込みます" in client.get(IMPORT_URL).text

    preview = _post_import(client, rf, coordinator, _csv(dataset_row(1, department=ROOM))).text

    assert "取り込む内容の確認です" in preview and 'value="インポートを確定"' in preview
    # The preview leads with the outcome (the library's 「プレビュー」 table is replaced).
    assert "新規 1件・更新 0件・変更なし 0件" in preview


def test_the_admin_exports_with_the_report_resource_and_imports_the_reports_formats():
    assert ProjectAdmin.resource_classes[0].__name__ == "ProjectResource"
    titles = [f().get_title() for f in ProjectAdmin.import_formats]
    assert titles == ["報告書テキスト (txt)", "csv", "xlsx", "報告書PDF (pdf)"]


def test_an_unreadable_file_is_refused_with_the_reasons_in_japanese(client, rf, coordinator):
    # A CSV without the 実施区分 column: the reader says which column is missing.
    columns = [c for c in layout.DATASET_COLUMNS if c != layout.CATEGORY]
    payload = (",".join(columns) + "\n").encode("utf-8")

    response = _post_import(client, rf, coordinator, payload)

    errors = response.context["form"].errors["import_file"]
    assert any("実施区分" in e and "列がありません" in e for e in errors)
    assert Project.objects.count() == 0


def test_a_binary_file_is_refused_with_a_reason(client, rf, coordinator):
    response = _post_import(client, rf, coordinator, bytes(range(256)) * 4)

    (error,) = response.context["form"].errors["import_file"]
    assert "テキスト" in error or "読めません" in error
    assert "encountered" not in error
