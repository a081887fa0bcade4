"""The resource the admin and the command share, driven as django-import-export's tests do."""

import pytest

from projects import layout
from projects.models import Project
from projects.permissions import CLERK_GROUP
from projects.reader.records import ReportReadError
from projects.resources import ProjectResource, report_text_dataset
from tests.factories import make_department, make_user
from tests.report_text import dataset_row, report_dataset, report_row, report_text

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def lifelong_registered(db):
    """The rows' 担当課: an import registers none unasked (only import_report and the
    coordinator's confirmation do)."""
    return make_department(name="生涯学習課")


def test_it_reports_each_rows_fate_new_then_unchanged_then_updated():
    resource = ProjectResource()
    first = resource.import_data(report_dataset(dataset_row(1), dataset_row(2)), raise_errors=True)
    again = resource.import_data(
        report_dataset(dataset_row(1), dataset_row(2, **{layout.EFFECT: "大好評。"})),
        raise_errors=True,
    )

    assert [r.import_type for r in first.rows] == ["new", "new"]
    assert [r.import_type for r in again.rows] == ["skip", "update"]
    assert again.totals["update"] == 1 and again.totals["skip"] == 1
    assert again.rows[1].object_id == Project.objects.get(number=2).pk
    # the preview marks the changed column
    assert "<ins>" in str(again.rows[1].diff[layout.DATASET_COLUMNS.index(layout.EFFECT)])


def test_a_dry_run_reports_the_fates_and_saves_nothing():
    result = ProjectResource().import_data(
        report_dataset(dataset_row(1)), dry_run=True, raise_errors=True
    )

    assert [r.import_type for r in result.rows] == ["new"]
    assert Project.objects.count() == 0


def test_it_accepts_a_western_year_in_the_year_column():
    ProjectResource().import_data(
        report_dataset(dataset_row(1, **{layout.FISCAL_YEAR: "2023"})), raise_errors=True
    )

    assert Project.objects.get().fiscal_year == 2023


def test_an_invalid_row_names_the_row_the_column_the_text_and_the_reason():
    dataset = report_dataset(dataset_row(1), dataset_row(2, **{layout.CATEGORY: "ときどき実施"}))

    result = ProjectResource().import_data(dataset)

    assert result.has_validation_errors()
    (invalid,) = result.invalid_rows
    assert invalid.number == 2
    (message,) = invalid.field_specific_errors[layout.CATEGORY]
    assert message.startswith("No.2「実施区分」：「ときどき実施」")
    assert Project.objects.count() == 0


def test_raise_errors_raises_with_every_error():
    dataset = report_dataset(
        dataset_row(1, **{layout.NAME: "担当課のない名称"}),
        dataset_row(2, **{layout.SESSIONS: "いつか"}),
    )

    with pytest.raises(ReportReadError) as info:
        ProjectResource().import_data(dataset, raise_errors=True)

    assert [(e.row, e.column) for e in info.value.errors] == [
        ("No.1", layout.NAME),
        ("No.2", layout.SESSIONS),
    ]


def test_a_missing_required_cell_is_an_error_not_a_blank_project():
    result = ProjectResource().import_data(report_dataset(dataset_row(1, **{layout.CATEGORY: ""})))

    assert layout.CATEGORY in result.invalid_rows[0].field_specific_errors
    assert Project.objects.count() == 0


def test_a_clerk_cannot_import_a_row_of_another_department():
    clerk = make_user(username="clerk", group=CLERK_GROUP, departments=["生涯学習課"])
    dataset = report_dataset(
        dataset_row(1), dataset_row(2, **{layout.NAME: "防災講座 (危機管理室)"})
    )

    result = ProjectResource().import_data(dataset, user=clerk)

    assert [i.number for i in result.invalid_rows] == [2]
    assert "担当課" in result.invalid_rows[0].field_specific_errors[layout.NAME][0]
    assert Project.objects.count() == 0


def test_a_clerk_imports_the_rows_of_their_own_department():
    clerk = make_user(username="clerk", departments=["生涯学習課"])

    result = ProjectResource().import_data(
        report_dataset(dataset_row(1)), user=clerk, raise_errors=True
    )

    assert result.totals["new"] == 1
    assert Project.objects.get().history.get().history_user == clerk


def test_the_report_text_becomes_a_dataset_in_the_report_layout():
    dataset = report_text_dataset(report_text([report_row(7)]))

    assert dataset.headers == list(layout.DATASET_COLUMNS)
    assert dataset[0][:3] == (2023, "共催", "7")


@pytest.mark.parametrize(("wrong_form", "wrong_row"), [("共催", 1), ("後援", 2)])
def test_an_error_of_one_section_is_shown_on_its_own_row_and_names_its_section(
    wrong_form, wrong_row
):
    # Both sections have a No.1; the wrong one names a partner twice, which only the save finds.
    Form = Project._meta.get_field("form").related_model
    Form.objects.get_or_create(name="後援", defaults={"order": 6})
    twice = {layout.PARTNERS: "苫小牧市女性団体連絡協議会、苫小牧市女性団体連絡協議会"}
    rows = [dataset_row(1, **{layout.FORM: form}) for form in ("共催", "後援")]
    rows[wrong_row - 1].update(twice)

    result = ProjectResource().import_data(report_dataset(*rows))

    assert [row.number for row in result.invalid_rows] == [wrong_row]
    messages = [m for row in result.invalid_rows for ms in row.error_dict.values() for m in ms]
    assert messages[0].startswith(f"{wrong_form} No.1「取組に関係した団体等」"), messages
    assert Project.objects.count() == 0


def test_a_file_of_one_section_names_its_rows_by_number_alone():
    dataset = report_dataset(dataset_row(1, **{layout.SESSIONS: "令和5年13月1日(5人)"}))

    result = ProjectResource().import_data(dataset)

    messages = [m for row in result.invalid_rows for ms in row.error_dict.values() for m in ms]
    assert messages and all(m.startswith("No.1「") for m in messages), messages
