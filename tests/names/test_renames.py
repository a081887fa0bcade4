"""A 担当課 or 協働の形態 renamed from a fiscal year: the years before read as they were published,
the seed still loads as it is, and a correction is the explicit way to change a past name."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from projects.models import Category, Department, Form, Project
from projects.report.cells import name_cell
from projects.selectors import projects_for_report
from projects.services.names import (
    department_correct_name,
    department_rename,
    department_succeed,
    form_correct_name,
    form_rename,
)
from projects.services.series import series_link

SEED = Path(__file__).resolve().parents[2] / "seeds" / "r05_kyosai_report.txt"

pytestmark = pytest.mark.django_db


def _export(fiscal_year: int, kind: str) -> str:
    out = StringIO()
    call_command("export_report", "--fiscal-year", str(fiscal_year), "--format", kind, stdout=out)
    return out.getvalue()


@pytest.fixture
def seeded(db):
    call_command("import_report", str(SEED), stdout=StringIO(), stderr=StringIO())
    return {kind: _export(2023, kind) for kind in ("csv", "json")}


def test_a_renamed_department_keeps_its_old_name_in_the_years_before(seeded):
    lifelong = Department.objects.get(name="生涯学習課")
    department_rename(department=lifelong, name="生涯学習推進課", from_year=2024, user=None)
    later = Project.objects.create(
        fiscal_year=2024,
        form=Form.objects.get(name="共催"),
        number=1,
        name="令和6年度 苫小牧市民塾",
        department=lifelong,
        category=Category.ANNUAL,
    )

    assert {kind: _export(2023, kind) for kind in ("csv", "json")} == seeded
    assert "(生涯学習課)" in _export(2023, "csv")
    assert name_cell(Project.objects.with_names().get(pk=later.pk)).endswith("(生涯学習推進課)")
    old = projects_for_report(fiscal_year=2023).filter(department=lifelong)
    assert {p.department_name for p in old} == {"生涯学習課"}
    assert Department.objects.get(pk=lifelong.pk).name == "生涯学習推進課"


def test_a_renamed_form_keeps_its_old_name_in_the_years_before(seeded):
    form_rename(form=Form.objects.get(name="共催"), name="共催事業", from_year=2024, user=None)

    assert {kind: _export(2023, kind) for kind in ("csv", "json")} == seeded
    assert Form.objects.filter(name="共催事業").exists()


def test_the_seed_loads_unchanged_after_renames(seeded):
    department_rename(
        department=Department.objects.get(name="テクノセンター"),
        name="ものづくりセンター",
        from_year=2025,
        user=None,
    )
    form_rename(form=Form.objects.get(name="共催"), name="共催事業", from_year=2025, user=None)
    departments = Department.objects.count()
    out = StringIO()

    call_command("loadseed", stdout=out, stderr=StringIO())

    assert "新規 0件、更新 0件、変更なし 23件" in out.getvalue()
    assert Department.objects.count() == departments
    assert {kind: _export(2023, kind) for kind in ("csv", "json")} == seeded


def test_a_correction_changes_the_name_in_every_year_it_covers(seeded):
    science = Department.objects.get(name="科学センター")
    department_rename(department=science, name="苫小牧市科学センター", from_year=2024, user=None)

    department_correct_name(department=science, name="科学センタ－", until_year=2023, user=None)

    assert "(科学センタ－)" in _export(2023, "csv")
    assert Department.objects.get(pk=science.pk).name == "苫小牧市科学センター"


def test_a_correction_of_a_form_changes_its_current_name(seeded):
    form = Form.objects.get(name="共催")
    form_correct_name(form=form, name="共同開催", user=None)

    assert "令和5年度,共同開催,1," in _export(2023, "csv")


def test_a_rename_to_a_name_another_department_has_is_refused(seeded):
    with pytest.raises(ValidationError, match="「生涯学習課」という担当課がすでにあります"):
        department_rename(
            department=Department.objects.get(name="青少年課"),
            name="生涯学習課",
            from_year=2024,
            user=None,
        )


def test_a_rename_to_a_name_another_department_had_in_those_years_is_refused(seeded):
    department_rename(
        department=Department.objects.get(name="青少年課"),
        name="こども青少年課",
        from_year=2026,
        user=None,
    )
    with pytest.raises(ValidationError, match="令和7年度まで「こども青少年課」の名称"):
        department_rename(
            department=Department.objects.get(name="総合福祉課"),
            name="青少年課",
            from_year=2024,
            user=None,
        )


def test_a_rename_earlier_than_the_last_one_is_refused(seeded):
    museum = Department.objects.get(name="美術博物館")
    department_rename(department=museum, name="市立美術博物館", from_year=2025, user=None)
    with pytest.raises(ValidationError, match="令和7年度からの名称変更がすでにあります"):
        department_rename(department=museum, name="苫小牧美術博物館", from_year=2024, user=None)


def test_an_import_finds_a_department_by_the_name_it_had_in_the_rows_year(seeded):
    lifelong = Department.objects.get(name="生涯学習課")
    department_rename(department=lifelong, name="生涯学習推進課", from_year=2024, user=None)
    Project.objects.filter(department=lifelong).delete()

    call_command("import_report", str(SEED), stdout=StringIO(), stderr=StringIO())

    assert Project.objects.filter(fiscal_year=2023, department=lifelong).count() == 3
    assert not Department.objects.filter(name="生涯学習課").exists()


def test_a_series_follows_the_department_that_took_over(seeded):
    lifelong = Department.objects.get(name="生涯学習課")
    successor = Department.objects.create(name="市民学習課")
    department_succeed(predecessors=[lifelong], successors=[successor], from_year=2024, user=None)
    earlier = Project.objects.get(fiscal_year=2023, name__endswith="苫小牧市民塾")
    later = Project.objects.create(
        fiscal_year=2024,
        form=earlier.form,
        number=1,
        name=earlier.name.replace("令和5年度", "令和6年度"),
        department=successor,
        category=Category.ANNUAL,
    )

    linked = series_link([later])

    assert [p.pk for p in linked] == [later.pk]
    assert Project.objects.get(pk=later.pk).previous_id == earlier.pk
    assert Department.objects.get(pk=lifelong.pk).active is False


def test_a_department_cannot_take_over_from_itself(seeded):
    lifelong = Department.objects.get(name="生涯学習課")
    with pytest.raises(ValidationError, match="同じです"):
        department_succeed(
            predecessors=[lifelong], successors=[lifelong], from_year=2024, user=None
        )
