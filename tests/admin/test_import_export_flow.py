"""The admin's import and export end to end, through the test client and the pages' own HTML.

The import is kyodo's own flow (projects/admin/import_flow.py): upload → preview → confirm →
rows in the register. The export is django-import-export's view over ProjectResource. Each
step reads what the page offers (its forms' actions, fields and hidden values) rather than
what the code is known to put there, so a change of either flow, or of the library's export
page and download after an upgrade, fails here loudly.
"""

import csv
import io
from html.parser import HTMLParser

import openpyxl
import pytest
from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from projects import layout
from projects.models import Project
from tests.report_text import report_row, report_text

pytestmark = pytest.mark.django_db

LIST_URL = reverse("admin:projects_project_changelist")
IMPORT_URL = reverse("admin:projects_project_import")
CONFIRM_URL = reverse("admin:projects_project_process_import")
EXPORT_URL = reverse("admin:projects_project_export")
ROOM = "協働・男女平等参画室"


class _Forms(HTMLParser):
    """Every <form> of a page: its action, and its fields as a browser would send them
    (inputs with their values, checked boxes only, each select with its options)."""

    def __init__(self, html: str):
        super().__init__()
        self.forms: list[dict] = []
        self._select = None
        self._option = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append({"action": attrs.get("action", ""), "fields": {}, "selects": {}})
        elif not self.forms:
            return
        elif tag == "input" and attrs.get("name"):
            kind = attrs.get("type", "text")
            if kind == "checkbox" and "checked" not in attrs:
                return
            self.forms[-1]["fields"][attrs["name"]] = attrs.get(
                "value", "on" if kind == "checkbox" else ""
            )
            self.forms[-1].setdefault("types", {})[attrs["name"]] = kind
        elif tag == "select":
            self._select = attrs["name"]
            self.forms[-1]["selects"][self._select] = []
        elif tag == "option" and self._select:
            self._option = [attrs.get("value", ""), ""]
            self.forms[-1]["selects"][self._select].append(self._option)

    def handle_data(self, data):
        if self._option is not None:
            self._option[1] += data

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "option":
            self._option = None

    def posting_to(self, url: str) -> dict:
        (form,) = [f for f in self.forms if f["action"] == url]
        return form


def _option(form: dict, select: str, label: str) -> str:
    return next(value for value, text in form["selects"][select] if text.strip() == label)


def _report(*rows) -> bytes:
    return report_text(list(rows)).encode("utf-8")


def _upload(client, name: str, data: bytes):
    """The upload as a clerk does it: the form the import page offers, the report's text."""
    page = client.get(IMPORT_URL)
    assert page.status_code == 200
    form = _Forms(page.content.decode()).posting_to(IMPORT_URL)
    assert "import_file" in form["types"] and form["types"]["import_file"] == "file"
    fields = {k: v for k, v in form["fields"].items() if k != "import_file"}
    fields["format"] = _option(form, "format", "報告書テキスト (txt)")
    fields["import_file"] = SimpleUploadedFile(name, data, content_type="text/plain")
    return client.post(form["action"], fields)


def _confirm(client, preview):
    """インポートを確定, with exactly the hidden fields the preview's form carries."""
    form = _Forms(preview.content.decode()).posting_to(CONFIRM_URL)
    assert form["fields"].get("confirm") == "インポートを確定"
    return client.post(form["action"], form["fields"])


def test_an_admin_import_goes_from_the_upload_through_the_preview_into_the_register(
    client, coordinator, kyodo_room
):
    client.force_login(coordinator)
    assert f'href="{IMPORT_URL}"' in client.get(LIST_URL).content.decode()
    rows = [
        report_row(1, name=f"市民講座 ({ROOM})", sessions="令和5年9月13日 (61人)"),
        report_row(2, name=f"まちかどミーティング ({ROOM})", effect="好評だった。"),
    ]

    preview = _upload(client, "r05.txt", _report(*rows))

    assert preview.status_code == 200
    assert preview.templates[0].name == "admin/projects/project/import.html"
    text = preview.content.decode()
    assert "新規 2件・更新 0件・変更なし 0件" in text
    assert "取り込む内容の確認です" in text
    assert f"市民講座 ({ROOM})" in text and f"まちかどミーティング ({ROOM})" in text
    assert not Project.objects.exists()  # the preview is a check only

    done = _confirm(client, preview)

    assert done.status_code == 302 and done["Location"] == LIST_URL
    listed = client.get(done["Location"]).content.decode()
    assert "取り込みました：新規 2件・更新 0件・変更なし 0件。" in listed
    projects = Project.objects.in_report_order()
    assert [(p.fiscal_year, p.form.name, p.number, p.name) for p in projects] == [
        (2023, "共催", 1, "市民講座"),
        (2023, "共催", 2, "まちかどミーティング"),
    ]
    first = projects[0]
    assert first.department == kyodo_room
    assert [(s.start.isoformat(), s.participants) for s in first.sessions.all()] == [
        ("2023-09-13", 61)
    ]
    assert first.history.first().history_user == coordinator
    logged = LogEntry.objects.filter(action_flag=ADDITION, user=coordinator)
    assert {int(e.object_id) for e in logged} == {p.pk for p in projects}
    assert all("r05.txt" in e.change_message for e in logged)

    # The kept file went with the import: the same confirmation again saves nothing twice.
    again = _confirm(client, preview)
    assert again.status_code == 200
    assert "取り込むファイルが見つかりません" in again.content.decode()
    assert Project.objects.count() == 2


def test_a_reimport_previews_the_change_and_confirming_it_updates_the_register(
    client, coordinator, kyodo_room
):
    client.force_login(coordinator)
    row = report_row(1, name=f"市民講座 ({ROOM})", effect="好評だった。")
    _confirm(client, _upload(client, "r05.txt", _report(row)))
    project = Project.objects.get()

    changed = report_row(1, name=f"市民講座 ({ROOM})", effect="大好評だった。")
    preview = _upload(client, "r05.txt", _report(changed))

    text = preview.content.decode()
    assert "新規 0件・更新 1件・変更なし 0件" in text
    assert layout.EFFECT in text and "<ins>大</ins>" in text
    project.refresh_from_db()
    assert project.effect == "好評だった。"

    done = _confirm(client, preview)

    assert done.status_code == 302
    project.refresh_from_db()
    assert project.effect == "大好評だった。"
    assert LogEntry.objects.filter(action_flag=CHANGE, object_id=str(project.pk)).exists()


def test_a_file_with_an_error_shows_it_offers_no_confirmation_and_saves_nothing(
    client, clerk, kyodo_room
):
    client.force_login(clerk)
    rows = [
        report_row(1, name=f"市民講座 ({ROOM})"),
        report_row(2, name=f"講演会 ({ROOM})", sessions="令和5年13月1日 (5人)"),
    ]

    page = _upload(client, "r05.txt", _report(*rows))

    assert page.status_code == 200
    text = page.content.decode()
    assert "エラー 1件" in text and "13月という月はありません" in text
    assert 'href="#import-row-2"' in text and 'id="import-row-2"' in text
    assert not [f for f in _Forms(text).forms if f["action"] == CONFIRM_URL]
    assert not Project.objects.exists()


def _export(client, url: str, format_label: str):
    """The library's export page: its form, every column ticked, the chosen format."""
    page = client.get(url)
    assert page.status_code == 200
    form = _Forms(page.content.decode()).posting_to("")
    fields = dict(form["fields"])
    fields["format"] = _option(form, "format", format_label)
    return page, client.post(url, fields)


def test_the_admin_export_through_the_librarys_view_writes_the_reports_columns_and_rows(
    client, coordinator, own_project, others_project
):
    own_project.effect = "=1+1 が話題になった"  # a formula: neutralised in the file
    own_project.save()
    client.force_login(coordinator)

    page, response = _export(client, EXPORT_URL, "csv")

    # The boxes to tick are labelled with the report's column names.
    text = page.content.decode()
    for column in layout.DATASET_COLUMNS:
        assert f">{column}</label>" in text
    assert "Fiscal Year" not in text
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"].startswith("text/csv")
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;") and disposition.endswith('.csv"')
    assert response.content.startswith("\ufeff".encode())  # Excel reads the BOM
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == list(layout.DATASET_COLUMNS)
    assert len(rows) == 3
    own = next(r for r in rows[1:] if r[3].startswith("まちかどミーティング"))
    assert own == [
        "令和5年度",
        "共催",
        "1",
        f"まちかどミーティング ({ROOM})",
        "例年実施",
        "市民と市長の対話",
        "公益財団法人苫小牧市スポーツ協会",
        "令和5年8月22日 (30人) 令和5年10月1日 (約300人)",
        "'=1+1 が話題になった",
    ]


def test_the_admin_export_as_xlsx_honours_the_lists_filter(
    client, coordinator, own_project, others_project
):
    client.force_login(coordinator)

    _, response = _export(
        client, f"{EXPORT_URL}?department__id__exact={own_project.department_id}", "xlsx"
    )

    assert response.status_code == 200, response.content[:500]
    assert response["Content-Disposition"].endswith('.xlsx"')
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0] == list(layout.DATASET_COLUMNS)
    assert [row[3] for row in values[1:]] == [f"まちかどミーティング ({ROOM})"]
