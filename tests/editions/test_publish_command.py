"""publish_report freezes edition n of a year: the bytes export_report writes, with their hash."""

import hashlib
import io

import pytest
from django.core.management import CommandError
from openpyxl import load_workbook

from projects.models import Edition, EditionFile, ImmutableRecordError
from tests.editions.helpers import export, run

pytestmark = pytest.mark.django_db


def test_the_command_prints_each_files_path_and_sha256_and_stores_exactly_those_bytes(
    year_2023, tmp_path
):
    lines = run("publish_report", "--fiscal-year", "2023", "--note", "第1版").splitlines()

    stored = {f.kind: f for f in EditionFile.objects.select_related("edition")}
    assert lines == [
        f"/opendata/editions/2023/1/kyodo-2023-1.{kind}  {stored[kind].sha256}"
        for kind in ("csv", "xlsx", "json", "pdf")
    ]
    for file in stored.values():
        content = bytes(file.content)
        assert file.sha256 == hashlib.sha256(content).hexdigest()
        assert file.size == len(content) > 0
    # CSV and JSON are the very bytes of export_report; the XLSX holds the same cells (openpyxl
    # stamps each workbook with the time it was written).
    assert bytes(stored["csv"].content) == export(2023, "csv", tmp_path)
    assert bytes(stored["json"].content) == export(2023, "json", tmp_path)
    assert bytes(stored["pdf"].content) == export(2023, "pdf", tmp_path)

    def cells(data: bytes):
        sheet = load_workbook(io.BytesIO(data)).active
        return [[cell.value for cell in row] for row in sheet.iter_rows()]

    assert cells(bytes(stored["xlsx"].content)) == cells(export(2023, "xlsx", tmp_path))
    edition = Edition.objects.get()
    assert (edition.fiscal_year, edition.number, edition.note) == (2023, 1, "第1版")


def test_a_second_publish_is_edition_2_and_leaves_edition_1_as_it_was(year_2023):
    run("publish_report", "--fiscal-year", "2023")
    first = {f.kind: (bytes(f.content), f.sha256) for f in EditionFile.objects.all()}
    year_2023[0].name = "まちかどミーティング（訂正）"
    year_2023[0].save()

    lines = run("publish_report", "--fiscal-year", "2023", "--note", "名称を訂正")

    assert "/opendata/editions/2023/2/kyodo-2023-2.csv  " in lines
    assert list(Edition.objects.order_by("number").values_list("number", "note")) == [
        (1, ""),
        (2, "名称を訂正"),
    ]
    again = {
        f.kind: (bytes(f.content), f.sha256) for f in EditionFile.objects.filter(edition__number=1)
    }
    assert again == first
    second_csv = EditionFile.objects.get(edition__number=2, kind="csv")
    assert "まちかどミーティング（訂正）".encode() in bytes(second_csv.content)


def test_the_command_records_who_published_when_told(year_2023, coordinator):
    run("publish_report", "--fiscal-year", "2023", "--user", "coordinator")
    assert Edition.objects.get().published_by == coordinator


def test_a_year_without_projects_is_not_published(db):
    with pytest.raises(CommandError, match="登録されていません"):
        run("publish_report", "--fiscal-year", "2023")
    assert not Edition.objects.exists()


def test_a_year_with_an_unpublished_project_is_not_published(year_2023):
    year_2023[1].published = False
    year_2023[1].save()
    with pytest.raises(CommandError, match=r"公開していない協働事業があります（共催 No\.2）"):
        run("publish_report", "--fiscal-year", "2023")
    assert not Edition.objects.exists()


def test_an_edition_and_its_files_cannot_be_changed_or_deleted(year_2023):
    run("publish_report", "--fiscal-year", "2023")
    edition, file = Edition.objects.get(), EditionFile.objects.first()
    file.content = b"tampered"
    with pytest.raises(ImmutableRecordError):
        file.save()
    with pytest.raises(ImmutableRecordError):
        edition.delete()
    with pytest.raises(ImmutableRecordError):
        file.delete()
    assert bytes(EditionFile.objects.get(pk=file.pk).content) != b"tampered"
