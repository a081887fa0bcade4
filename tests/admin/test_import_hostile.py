"""The admin's import shows a hostile file's refusal on the page (no 500) and saves nothing."""

import html

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from projects import layout
from projects.admin import ProjectAdmin
from projects.models import Project
from tests import hostile_files as hostile
from tests.report_text import dataset_row, report_row, report_text

pytestmark = pytest.mark.django_db

IMPORT_URL = reverse("admin:projects_project_import")


def _upload(client, user, name: str, data: bytes):
    extension = name.rsplit(".", 1)[-1]
    formats = ProjectAdmin.import_formats
    index = next(i for i, f in enumerate(formats) if f().get_extension() == extension)
    client.force_login(user)
    response = client.post(
        IMPORT_URL, {"format": str(index), "import_file": SimpleUploadedFile(name, data)}
    )
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def _rlo_name():
    return hostile.csv_of([dataset_row(1, **{layout.NAME: "講座\u202e座講 (生涯学習課)"})])


@pytest.mark.parametrize(
    ("name", "build", "message"),
    [
        ("bomb.xlsx", lambda: hostile.bomb_xlsx(mib=200), "部品 xl/sharedStrings.xml："),
        ("claimed.xlsx", hostile.claimed_rows_xlsx, "1,048,576行）と宣言されています"),
        (
            "formula.xlsx",
            lambda: hostile.formula_xlsx([dataset_row(1)], formula_cell="F2"),
            "F2：数式の結果が保存されていません。Excelで開いて保存し直してください。",
        ),
        (
            "long.csv",
            lambda: hostile.csv_of([dataset_row(1, **{layout.EFFECT: "あ" * 131_073})]),
            "2行目：セルの文字が多すぎます（1つのセルは20,000文字まで）。",
        ),
        (
            "nul.csv",
            lambda: hostile.csv_of([dataset_row(1, **{layout.PURPOSE: "学び\x00の場"})]),
            "制御文字 U+0000（NULL）",
        ),
        (
            "old.txt",
            lambda: report_text([report_row(1, sessions="1600年5月14日 (10人)")]).encode(),
            "「1600年5月14日」：登録できるのは明治元年（1868年）から",
        ),
        ("rlo.csv", _rlo_name, "U+202E（RIGHT-TO-LEFT OVERRIDE）"),
    ],
)
def test_a_hostile_file_is_refused_on_the_page(client, coordinator, name, build, message):
    page = _upload(client, coordinator, name, build())

    assert message in page
    assert "\u202e" not in page  # the override is named, never shown
    assert Project.objects.count() == 0
