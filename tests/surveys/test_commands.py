"""survey_status, remind_survey and createdemosurvey."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from projects.models import Project
from surveys.models import Reminder, Status, Survey
from surveys.services import answer_return, answer_submit
from tests.surveys.helpers import complete

pytestmark = pytest.mark.django_db


def _run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_survey_status_as_json(room_answer, clerk, coordinator):
    complete(Project.objects.get(fiscal_year=2024, department=room_answer.department))
    answer_submit(answer=room_answer, user=clerk, explanations={})
    answer_return(answer=room_answer, user=coordinator, comment="人数を確かめて")

    document = json.loads(_run("survey_status", "--fiscal-year", "2024", "--format", "json"))

    assert document["fiscal_year"] == 2024
    assert document["deadline"] == "2025-05-31"
    assert document["state"] == "open"
    assert document["counts"] == {
        "未着手": 1,
        "入力中": 0,
        "提出済": 0,
        "差戻し": 1,
        "確認済": 0,
        "該当なし": 0,
    }
    room = next(d for d in document["departments"] if d["department"] == "協働・男女平等参画室")
    assert room == {
        "department": "協働・男女平等参画室",
        "status": "差戻し",
        "projects": 1,
        "participants": 25,
        "submitted_at": room["submitted_at"],
        "confirmed_at": None,
        "comment": "人数を確かめて",
    }
    assert len(room["submitted_at"]) == 10  # YYYY-MM-DD


def test_survey_status_as_text(survey):
    text = _run("survey_status", "--fiscal-year", "2024")
    assert "令和6年度の調査（受付中）提出期限 2025-05-31（令和7年5月31日" in text
    assert "未着手 2" in text
    assert "担当課 2課・協働事業 2件" in text


def test_survey_status_of_a_year_not_opened(db):
    with pytest.raises(CommandError, match="まだ開始されていません"):
        _run("survey_status", "--fiscal-year", "2030")


def test_remind_survey_mails_the_members_of_each_department_not_submitted(
    survey, room_answer, clerk, other_clerk, mailoutbox
):
    clerk.email = "room@example.jp"
    clerk.save()
    text = _run("remind_survey", "--fiscal-year", "2024", "--site-url", "https://kyodo.example.jp")

    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["room@example.jp"]
    assert "令和6年度協働事業の調査" in mail.subject and "令和7年5月31日" in mail.subject
    assert f"https://kyodo.example.jp/admin/surveys/answer/{room_answer.pk}/change/" in mail.body
    assert "2025-05-31（令和7年5月31日）" in mail.body
    assert "ご協力ください。" in mail.body
    reminder = Reminder.objects.get()
    assert reminder.answer == room_answer and reminder.recipients == "room@example.jp"
    assert reminder.sent_by is None  # sent by a command on the server
    assert "宛先なし: 生涯学習課" in text


def test_no_reminder_goes_to_a_department_that_has_answered(
    room_answer, clerk, mailoutbox, coordinator, client
):
    clerk.email = "room@example.jp"
    clerk.save()
    complete(Project.objects.get(fiscal_year=2024, department=room_answer.department))
    answer_submit(answer=room_answer, user=clerk, explanations={})
    client.force_login(coordinator)
    client.post(f"/admin/surveys/survey/{room_answer.survey_id}/remind/")
    assert mailoutbox == []


def test_the_reminder_button_records_who_sent_it(
    client, coordinator, room_answer, clerk, mailoutbox
):
    clerk.email = "room@example.jp"
    clerk.save()
    client.force_login(coordinator)
    response = client.post(f"/admin/surveys/survey/{room_answer.survey_id}/remind/", follow=True)
    assert "1課に督促メールを送りました：協働・男女平等参画室" in response.text
    assert "生涯学習課" in response.text  # no address: to be called instead
    assert "http://testserver/admin/surveys/answer/" in mailoutbox[0].body
    page = client.get(f"/admin/surveys/answer/{room_answer.pk}/change/").text
    assert "督促メール" in page and "room@example.jp" in page and "coordinator" in page


def test_the_demo_survey(db):
    _run("loadseed")
    # The test run has DEBUG off: --force, as on a demo server.
    _run("createdemousers", "--force")
    text = _run("createdemosurvey", "--force")
    assert "令和6年度の調査を開始しました（デモ）" in text
    survey = Survey.objects.get()
    statuses = set(survey.answers.values_list("status", flat=True))
    assert statuses == set(Status.values)
    assert "すでにあります" in _run("createdemosurvey", "--force")
    assert Survey.objects.count() == 1
