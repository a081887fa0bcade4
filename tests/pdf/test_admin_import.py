"""The admin's import reads a PDF too: 形式 「報告書PDF (pdf)」, upload → preview → confirm."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from projects.models import Project
from tests.admin.test_import_export_flow import IMPORT_URL, LIST_URL, _confirm, _Forms, _option
from tests.factories import make_project
from tests.pdf.test_import import made_then_forgotten

pytestmark = pytest.mark.django_db

ROOM = "協働・男女平等参画室"


def test_a_pdf_goes_from_the_upload_through_the_preview_into_the_register(
    client, coordinator, kyodo_room, tmp_path
):
    def make():
        make_project(name="市民講座", department=ROOM, purpose="講座。", effect="好評。")
        make_project(
            name="まちかどミーティング", department=ROOM, purpose="懇談。", effect="好評。"
        )

    pdf, _ = made_then_forgotten(make, tmp_path)
    client.force_login(coordinator)
    page = client.get(IMPORT_URL)
    form = _Forms(page.content.decode()).posting_to(IMPORT_URL)
    fields = {k: v for k, v in form["fields"].items() if k != "import_file"}
    fields["format"] = _option(form, "format", "報告書PDF (pdf)")
    fields["import_file"] = SimpleUploadedFile("r05.pdf", pdf, content_type="application/pdf")

    preview = client.post(form["action"], fields)

    assert "新規 2件・更新 0件・変更なし 0件" in preview.content.decode()
    assert not Project.objects.exists()
    done = _confirm(client, preview)
    assert done.status_code == 302 and done["Location"] == LIST_URL
    assert list(Project.objects.in_report_order().values_list("number", "name")) == [
        (1, "市民講座"),
        (2, "まちかどミーティング"),
    ]


def test_a_scanned_pdf_is_refused_on_the_page_with_the_reason(client, coordinator, kyodo_room):
    buffer = io.BytesIO()
    Image.new("RGB", (842, 595), "white").save(buffer, format="PDF")
    client.force_login(coordinator)
    page = client.get(IMPORT_URL)
    form = _Forms(page.content.decode()).posting_to(IMPORT_URL)
    fields = {k: v for k, v in form["fields"].items() if k != "import_file"}
    fields["format"] = _option(form, "format", "報告書PDF (pdf)")
    fields["import_file"] = SimpleUploadedFile("scan.pdf", buffer.getvalue())

    refused = client.post(form["action"], fields)

    assert "スキャンした画像のPDFのようです" in refused.content.decode()
