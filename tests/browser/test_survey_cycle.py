"""The yearly survey's whole cycle in Chromium: open, answer, send back, fix, confirm, close.

Screenshots of the clerk's answer page and of 調査の状況 go to test-artifacts/.
"""

import datetime
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from projects.models import Category
from projects.permissions import CLERK_GROUP, COORDINATOR_GROUP
from surveys.models import Status, Survey
from tests.factories import PASSWORD, make_project, make_user

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def register(db):
    """FY2023: an annual project of 協働・男女平等参画室, a one-off of 生涯学習課."""
    room, lifelong = "協働・男女平等参画室", "生涯学習課"
    make_project(
        number=1,
        name="令和5年度 まちかどミーティング",
        department=room,
        since_year=2010,
        purpose="市民と市長の対話",
        effect="市民の声を直接聞けた。",
        partners=[{"name": "苫小牧市町内会連合会", "order": 1}],
        sessions=[{"start": datetime.date(2023, 8, 22), "participants": 30}],
    )
    make_project(number=2, name="子ども広報部", department=lifelong, category=Category.NEW)
    make_user(username="coordinator", group=COORDINATOR_GROUP, last_name="協働 花子")
    make_user(username="clerk-room", group=CLERK_GROUP, departments=[room], last_name="室 太郎")
    make_user(
        username="clerk-lifelong", group=CLERK_GROUP, departments=[lifelong], last_name="生涯 次郎"
    )


@pytest.fixture
def open_as(new_page, log_in):
    """open_as(username): a page of its own, logged in as that user."""
    return lambda username: log_in(new_page(), username)


def messages(page) -> str:
    page.wait_for_load_state()
    return page.locator("ul.messagelist").inner_text()


def test_the_whole_cycle(live_server, open_as, screenshot, register):
    coordinator = open_as("coordinator")
    clerk = open_as("clerk-room")
    other = open_as("clerk-lifelong")

    # 1. The coordinator opens FY2024 with a deadline and a message.
    coordinator.goto(f"{live_server.url}/admin/surveys/survey/add/")
    coordinator.fill("#id_fiscal_year", "2024")
    deadline = datetime.date.today() + datetime.timedelta(days=30)
    coordinator.fill("#id_deadline", deadline.isoformat())
    coordinator.fill("#id_message", "昨年度の協働事業を5月31日までに入力・提出してください。")
    coordinator.get_by_role("button", name="調査を開始").click()
    assert "回答 2課" in messages(coordinator)
    assert "調査の状況（令和6年度）" in coordinator.locator("h1").inner_text()

    # 2. The clerk sees the answer on the home page, with the draft and what it lacks.
    clerk.reload()
    panel = clerk.locator(".kyodo-index-answer")
    assert "令和6年度の協働事業の調査：協働・男女平等参画室" in panel.inner_text()
    assert "実施年月日がありません。" in panel.inner_text()
    assert "あと30日" in panel.inner_text()
    screenshot("survey_index_clerk", of=clerk)
    panel.get_by_role("link", name="回答ページを開く").click()
    clerk.wait_for_load_state()
    assert clerk.locator(".kyodo-point").count() == 2  # no session, no effect
    screenshot("survey_answer_checklist", of=clerk)
    clerk.get_by_role("link", name="直す").first.click()
    clerk.wait_for_load_state()
    clerk.locator("#id_sessions-0-start").fill("2024-08-20")
    clerk.locator("#id_sessions-0-participants").fill("28")
    clerk.locator("#id_effect").fill("若い世代の参加が増えた。")
    clerk.locator("input[name=_save]").first.click()
    assert "変更しました" in messages(clerk)
    clerk.goto(f"{live_server.url}/admin/")
    assert "入力中" in clerk.locator(".kyodo-index-answer").inner_text()
    clerk.get_by_role("link", name="回答ページを開く").click()
    clerk.wait_for_load_state()
    assert "✓ 入力済み" in clerk.locator(".kyodo-answer-projects").inner_text()
    screenshot("survey_answer_clerk", of=clerk)
    clerk.get_by_role("button", name="提出する").click()
    assert "提出しました" in messages(clerk)
    assert "回答済みのため" in clerk.content()

    # 3. The coordinator sends it back with a comment.
    answer = Survey.objects.get().answers.get(department__name="協働・男女平等参画室")
    coordinator.goto(f"{live_server.url}/admin/surveys/answer/{answer.pk}/change/")
    coordinator.fill("#id_comment", "参加人数は延べ人数で書いてください。")
    coordinator.get_by_role("button", name="差し戻す").click()
    assert "差し戻しました" in messages(coordinator)

    # 4. The clerk reads the comment, fixes and submits again.
    clerk.goto(f"{live_server.url}/admin/")
    assert (
        "参加人数は延べ人数で書いてください。" in clerk.locator(".kyodo-index-answer").inner_text()
    )
    clerk.get_by_role("link", name="回答ページを開く").click()
    clerk.wait_for_load_state()
    assert "差戻し" in clerk.locator("#answer-status").inner_text()
    screenshot("survey_answer_returned", of=clerk)
    clerk.get_by_role("link", name="令和6年度 まちかどミーティング").click()
    clerk.wait_for_load_state()
    clerk.locator("#id_sessions-0-participants").fill("56")
    clerk.locator("input[name=_save]").first.click()
    assert "変更しました" in messages(clerk)
    clerk.goto(f"{live_server.url}/admin/surveys/answer/{answer.pk}/change/")
    clerk.get_by_role("button", name="提出する").click()
    assert "提出しました" in messages(clerk)

    # 5. Another clerk answers 該当なし in one click.
    other.reload()
    other.get_by_role("link", name="回答ページを開く").click()
    other.wait_for_load_state()
    other.get_by_role("button", name="該当なし（この年度の協働事業はありません）").click()
    assert "該当なし" in messages(other)

    # 6. The coordinator confirms, looks at 調査の状況 and closes.
    coordinator.goto(f"{live_server.url}/admin/surveys/answer/{answer.pk}/change/")
    coordinator.get_by_role("button", name="確認済にする").click()
    assert "確認済にしました" in messages(coordinator)
    coordinator.goto(f"{live_server.url}/admin/surveys/survey/{answer.survey_id}/status/")
    table = coordinator.locator("#status-table").inner_text()
    assert "確認済" in table and "該当なし" in table and "56人" in table
    screenshot("survey_status", of=coordinator)
    coordinator.get_by_role("link", name="調査を締め切る").click()
    coordinator.wait_for_load_state()
    coordinator.get_by_role("button", name="締め切る").click()
    assert "締め切りました" in messages(coordinator)
    assert "締切済" in coordinator.locator(".kyodo-survey-facts").inner_text()

    answer.refresh_from_db()
    assert answer.status == Status.CONFIRMED
    assert [t.to_status for t in answer.transitions.all()] == [
        Status.IN_PROGRESS,
        Status.SUBMITTED,
        Status.RETURNED,
        Status.SUBMITTED,
        Status.CONFIRMED,
    ]
    assert not Survey.objects.get().is_open


def test_the_demo_shows_the_cycle_on_first_login(live_server, open_as, screenshot):
    """make run's demo: the seed, its users and a survey with departments in every status."""
    for command in ("loadseed", "createdemousers", "createdemosurvey"):
        args = () if command == "loadseed" else ("--force",)
        call_command(command, *args, stdout=StringIO())
    for username in ("demo-coordinator", "demo-clerk"):  # log in as log_in does
        user = get_user_model().objects.get(username=username)
        user.set_password(PASSWORD)
        user.save()

    coordinator = open_as("demo-coordinator")
    assert "令和6年度の協働事業の調査（受付中）" in coordinator.content()
    coordinator.get_by_role("link", name="調査の状況を開く").click()
    coordinator.wait_for_load_state()
    table = coordinator.locator("#status-table").inner_text()
    for label in ("未着手", "入力中", "提出済", "差戻し", "確認済", "該当なし"):
        assert label in table
    assert coordinator.locator("#status-table tbody tr").count() == 14
    screenshot("survey_status_demo", of=coordinator)

    clerk = open_as("demo-clerk")
    assert "生涯学習課" in clerk.locator(".kyodo-index-answer").inner_text()
    screenshot("survey_index_demo_clerk", of=clerk)
