"""A form of collaboration the list lacks, answered on the import page by the coordinator; a
clerk gets the refusal, on the server too."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from projects.admin.unknown_forms import ADD, RECHECK
from projects.models import Form, Project
from tests.report_text import report_row, report_text

pytestmark = pytest.mark.django_db

IMPORT_URL = reverse("admin:projects_project_import")
PROCESS_URL = reverse("admin:projects_project_process_import")
COMMITTEE = "実行委員会"


def _text(department="協働・男女平等参画室") -> bytes:
    rows = [report_row(n, name=f"まつり{n} ({department})") for n in (1, 2)]
    return report_text(rows, form=COMMITTEE).encode()


def _upload(client, user):
    client.force_login(user)
    return client.post(
        IMPORT_URL,
        {"format": "0", "import_file": SimpleUploadedFile("committee.txt", _text())},
    )


def _hidden(form) -> dict:
    return {field.html_name: field.value() or "" for field in form.hidden_fields()}


def test_the_coordinator_is_asked_and_reads_the_form_as_a_listed_one(
    client, coordinator, kyodo_room
):
    page = _upload(client, coordinator)
    assert page.context["unknown_forms"] == [COMMITTEE]
    choice_form = page.context["choice_form"]
    assert "confirm_form" not in page.context

    data = {**_hidden(choice_form), "choice_0": "実行委員会・協議会"}
    checked = client.post(IMPORT_URL, data)

    assert checked.status_code == 200
    assert checked.context["outcome_text"] == "新規 2件・更新 0件・変更なし 0件"
    assert "「実行委員会」を「実行委員会・協議会」として読みます。" in checked.text
    assert not Project.objects.exists()  # still only a check
    confirm = _hidden(checked.context["confirm_form"])
    assert json.loads(confirm["form_choices"]) == {
        "add": [],
        "map": {COMMITTEE: "実行委員会・協議会"},
    }

    done = client.post(PROCESS_URL, {**confirm, "confirm": "1"})

    assert done.status_code == 302
    assert Project.objects.filter(form__name="実行委員会・協議会").count() == 2
    assert not Form.objects.filter(name=COMMITTEE).exists()


def test_the_coordinator_adds_the_form_in_the_same_step(client, coordinator, kyodo_room):
    page = _upload(client, coordinator)
    checked = client.post(IMPORT_URL, {**_hidden(page.context["choice_form"]), "choice_0": ADD})
    assert "「実行委員会」を協働の形態の一覧に追加します。" in checked.text
    assert not Form.objects.filter(name=COMMITTEE).exists()  # the check added nothing

    client.post(PROCESS_URL, _hidden(checked.context["confirm_form"]))

    form = Form.objects.get(name=COMMITTEE)
    assert form.history.get().history_user == coordinator
    assert Project.objects.filter(form=form).count() == 2


def test_no_answer_asks_again(client, coordinator, kyodo_room):
    page = _upload(client, coordinator)

    again = client.post(IMPORT_URL, _hidden(page.context["choice_form"]))

    assert again.context["choice_form"].errors
    assert "confirm_form" not in again.context


def test_a_clerk_sees_the_refusal_and_cannot_answer_on_the_server(
    client, coordinator, clerk, kyodo_room
):
    page = _upload(client, clerk)
    assert page.context["unknown_forms"] == [COMMITTEE]
    assert "choice_form" not in page.context
    assert "協働推進担当に" in page.text
    # The coordinator's form, posted by the clerk: refused.
    stored = page.context["form"].cleaned_data["import_file"]
    fields = {
        "import_file_name": stored.tmp_storage_name,
        "original_file_name": "committee.txt",
        "format": "0",
        "resource": "",
    }
    recheck = client.post(
        IMPORT_URL, {**fields, "name_0": COMMITTEE, "choice_0": ADD, RECHECK: "1"}
    )
    assert recheck.status_code == 403

    forged = {"add": [COMMITTEE], "map": {}}
    done = client.post(PROCESS_URL, {**fields, "form_choices": json.dumps(forged)})

    assert done.status_code == 200
    assert "協働推進担当だけができます" in done.text
    assert "何も保存していません" in done.text
    assert not Form.objects.filter(name=COMMITTEE).exists()
    assert not Project.objects.exists()


def test_an_error_of_a_file_of_several_forms_names_its_section_and_links_its_row(
    client, coordinator, kyodo_room
):
    rows = [report_row(1, name="まつり (協働・男女平等参画室)")]
    kouen = report_text(
        [report_row(1, name="講演会 (協働・男女平等参画室)", sessions="令和5年13月1日 (5人)")],
        form="後援",
    )
    text = report_text(rows) + kouen.split("\n", 2)[2]  # a second section: ② 後援
    client.force_login(coordinator)

    page = client.post(
        IMPORT_URL,
        {"format": "0", "import_file": SimpleUploadedFile("two.txt", text.encode())},
    )

    [link] = page.context["error_links"]
    assert link.text.startswith("後援 No.1「実施年月日、参加人数」")
    assert link.anchor == "import-row-2"
    [row] = page.context["error_rows"]
    assert row.anchor == "import-row-2" and row.label == "後援 No.1"
    assert f'id="{row.anchor}"' in page.text and f'href="#{row.anchor}"' in page.text
