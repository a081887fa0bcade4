"""A 協働の形態 the register's list lacks: refused, unless the coordinator (or the operator running
the command) says explicitly to add it or to read it as a listed form."""

import pytest

from projects import layout
from projects.models import Form, Project
from projects.permissions import CLERK_GROUP, COORDINATOR_GROUP
from projects.resources import ProjectResource
from projects.services.unknown_forms import FormChoices
from tests.factories import make_department, make_user
from tests.report_text import dataset_row, report_dataset, report_row, report_text

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def lifelong_registered(db):
    """The rows' 担当課: an import registers none unasked."""
    return make_department(name="生涯学習課")


COMMITTEE = "実行委員会"  # the list says 実行委員会・協議会


def test_an_unknown_form_is_refused_and_named_for_the_preview():
    result = ProjectResource().import_data(report_dataset(dataset_row(1, form=COMMITTEE)))

    assert result.unknown_forms == [COMMITTEE]
    [error] = result.read_errors
    assert error.column == layout.FORM and error.text == COMMITTEE and error.position == 1
    assert "一覧にありません" in error.reason
    assert not Project.objects.exists() and not Form.objects.filter(name=COMMITTEE).exists()


def test_the_coordinator_adds_the_form_with_its_history():
    coordinator = make_user(username="coordinator", group=COORDINATOR_GROUP)
    last = max(Form.objects.values_list("order", flat=True))
    resource = ProjectResource(form_choices=FormChoices(add=frozenset({COMMITTEE})))

    result = resource.import_data(
        report_dataset(dataset_row(1, form=COMMITTEE)), user=coordinator, raise_errors=True
    )

    form = Form.objects.get(name=COMMITTEE)
    assert form.order == last + 1
    assert form.history.get().history_user == coordinator
    assert result.totals["new"] == 1 and Project.objects.get().form == form


def test_the_coordinator_reads_it_as_a_listed_form_and_nothing_is_added():
    coordinator = make_user(username="coordinator", group=COORDINATOR_GROUP)
    forms_before = Form.objects.count()
    choices = FormChoices(mapping={COMMITTEE: "実行委員会・協議会"})

    ProjectResource(form_choices=choices).import_data(
        report_dataset(dataset_row(1, form=COMMITTEE)), user=coordinator, raise_errors=True
    )

    assert Form.objects.count() == forms_before
    assert Project.objects.get().form.name == "実行委員会・協議会"


def test_a_clerk_is_refused_adding_or_mapping_on_the_server():
    clerk = make_user(username="clerk", group=CLERK_GROUP, departments=["生涯学習課"])
    forms_before = Form.objects.count()
    for choices in (
        FormChoices(add=frozenset({COMMITTEE})),
        FormChoices(mapping={COMMITTEE: "実行委員会・協議会"}),
    ):
        result = ProjectResource(form_choices=choices).import_data(
            report_dataset(dataset_row(1, form=COMMITTEE)), user=clerk
        )

        assert [e.reason for e in result.read_errors] == [
            "協働の形態の追加・読み替えは、協働推進担当だけができます。"
        ]
    assert Form.objects.count() == forms_before and not Project.objects.exists()


@pytest.mark.parametrize(
    ("choices", "reason"),
    [
        (
            FormChoices(mapping={COMMITTEE: "実行委員会等"}),
            "読み替え先の「実行委員会等」が一覧にありません",
        ),
        (FormChoices(mapping={"共催": "後援"}), "一覧にある協働の形態です"),
        (
            FormChoices(add=frozenset({COMMITTEE}), mapping={COMMITTEE: "共催"}),
            "追加と読み替えの両方",
        ),
    ],
    ids=["target-not-listed", "listed-source", "both"],
)
def test_a_choice_that_cannot_be_made_is_an_error(choices, reason):
    result = ProjectResource(form_choices=choices).import_data(
        report_dataset(dataset_row(1, form=COMMITTEE), dataset_row(1, form="共催"))
    )

    assert any(reason in e.reason for e in result.read_errors), result.read_errors
    assert not Project.objects.exists() and not Form.objects.filter(name=COMMITTEE).exists()


def test_a_mapping_that_makes_two_rows_one_is_an_error():
    choices = FormChoices(mapping={COMMITTEE: "実行委員会・協議会"})
    dataset = report_dataset(
        dataset_row(1, form=COMMITTEE), dataset_row(1, form="実行委員会・協議会")
    )

    result = ProjectResource(form_choices=choices).import_data(dataset)

    assert any("読み替えると" in e.reason for e in result.read_errors)
    assert not Project.objects.exists()


# -- the command --------------------------------------------------------------------------


def test_the_command_refuses_an_unknown_form_and_says_how_to_go_on(refused):
    errors = refused(report_text(1, form=COMMITTEE))

    assert COMMITTEE in errors and "--add-form" in errors and "--map-form" in errors
    assert not Form.objects.filter(name=COMMITTEE).exists() and not Project.objects.exists()


def test_the_command_adds_unknown_forms_when_asked(import_report):
    out, _ = import_report(
        report_text([report_row(1), report_row(2)], form=COMMITTEE), "--add-form"
    )

    assert "新規 2件" in out
    assert Project.objects.filter(form__name=COMMITTEE).count() == 2
    assert (
        Form.objects.get(name=COMMITTEE)
        .history.get()
        .history_change_reason.startswith("報告書の取込")
    )


def test_the_command_maps_an_unknown_form_to_a_listed_one(import_report):
    text = report_text(1, form=COMMITTEE)

    import_report(text, "--map-form", f"{COMMITTEE}=実行委員会・協議会")

    assert Project.objects.get().form.name == "実行委員会・協議会"
    assert not Form.objects.filter(name=COMMITTEE).exists()


def test_a_dry_run_with_add_form_adds_nothing(import_report):
    out, _ = import_report(report_text(1, form=COMMITTEE), "--add-form", "--dry-run")

    assert "新規 1件" in out
    assert not Form.objects.filter(name=COMMITTEE).exists()
