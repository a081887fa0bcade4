"""A 担当課 the register does not know is never created without a word: the command asks for
--add-department, a clerk's import is refused, the coordinator's preview names it."""

from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from projects.models import Department
from tests.factories import SEED

pytestmark = pytest.mark.django_db

IMPORT_URL = reverse("admin:projects_project_import")


def test_the_command_names_the_departments_it_registers():
    out = StringIO()
    call_command("import_report", str(SEED), "--dry-run", stdout=out, stderr=StringIO())
    assert "新しい担当課を登録します（確認のみ）：" in out.getvalue()
    assert not Department.objects.exists()

    out = StringIO()
    call_command("import_report", str(SEED), stdout=out, stderr=StringIO())

    assert "新しい担当課を登録しました：" in out.getvalue()
    assert "テクノセンター" in out.getvalue()
    assert Department.objects.filter(name="生涯学習課").exists()
    out = StringIO()
    call_command("import_report", str(SEED), stdout=out, stderr=StringIO())
    assert "新しい担当課" not in out.getvalue()


def test_loadseed_registers_the_seeds_departments_on_an_empty_register():
    call_command("loadseed", stdout=StringIO(), stderr=StringIO())

    assert Department.objects.filter(name="テクノセンター").exists()


def _preview(client, user):
    client.force_login(user)
    upload = SimpleUploadedFile(SEED.name, SEED.read_bytes(), content_type="text/plain")
    return client.post(IMPORT_URL, {"format": "0", "import_file": upload})


def test_a_clerks_import_naming_an_unknown_department_is_refused(client, clerk):
    response = _preview(client, clerk)

    assert "協働推進担当に担当課の登録を依頼してください" in response.text
    assert "confirm_form" not in response.context or response.context["confirm_form"] is None
    assert not Department.objects.filter(name="テクノセンター").exists()


def test_the_coordinators_preview_names_the_new_departments_and_saves_nothing(client, coordinator):
    response = _preview(client, coordinator)

    assert response.context["new_departments"] == sorted(response.context["new_departments"])
    assert "テクノセンター" in response.context["new_departments"]
    assert "取り込むと登録します" in response.text
    assert not Department.objects.filter(name="テクノセンター").exists()
