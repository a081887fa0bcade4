"""The yearly survey's whole cycle in Chromium: open, answer, send back, fix, confirm, close.

Screenshots of the clerk's answer page and of 調査の状況 go to test-artifacts/.
"""

import datetime

import pytest
from django.contrib.auth import get_user_model

from partners.models import Partner
from projects.models import Category, Department, Form, Project, ProjectPartner, Session
from projects.permissions import CLERK_GROUP, COORDINATOR_GROUP, ensure_groups
from surveys.models import Status, Survey

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "kyodo-browser-password-3"


def _user(username, group, departments=(), last_name=""):
    user = get_user_model().objects.create_user(
        username=username, password=PASSWORD, is_staff=True, last_name=last_name or username
    )
    user.groups.add(group)
    for department in departments:
        department.members.add(user)
    return user


@pytest.fixture
def register(db):
    """FY2023: an annual project of 協働・男女平等参画室, a one-off of 生涯学習課."""
    groups = ensure_groups()  # a transactional test flushed what the migrations made
    kyosai, _ = Form.objects.get_or_create(name="共催", defaults={"order": 1})
    room = Department.objects.create(name="協働・男女平等参画室")
    lifelong = Department.objects.create(name="生涯学習課")
    partner = Partner.objects.create(name="苫小牧市町内会連合会")
    meeting = Project.objects.create(
        fiscal_year=2023,
        form=kyosai,
        number=1,
        name="令和5年度 まちかどミーティング",
        department=room,
        category=Category.ANNUAL,
        since_year=2010,
        purpose="市民と市長の対話",
        effect="市民の声を直接聞けた。",
        published=True,
    )
    Session.objects.create(project=meeting, start=datetime.date(2023, 8, 22), participants=30)
    ProjectPartner.objects.create(project=meeting, partner=partner, order=1)
    Project.objects.create(
        fiscal_year=2023,
        form=kyosai,
        number=2,
        name="子ども広報部",
        department=lifelong,
        category=Category.NEW,
        published=True,
    )
    _user("coordinator", groups[COORDINATOR_GROUP], last_name="協働 花子")
    _user("clerk-room", groups[CLERK_GROUP], [room], last_name="室 太郎")
    _user("clerk-lifelong", groups[CLERK_GROUP], [lifelong], last_name="生涯 次郎")


def open_as(browser, live_server, username):
    context = browser.new_context(locale="ja-JP", viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="ログイン").click()
    page.wait_for_url(f"{live_server.url}/admin/")
    return page


def shoot(page, name):
    from tests.browser.conftest import ARTIFACTS

    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def messages(page) -> str:
    page.wait_for_load_state()
    return page.locator("ul.messagelist").inner_text()


def test_the_whole_cycle(live_server, browser, register):
    coordinator = open_as(browser, live_server, "coordinator")
    clerk = open_as(browser, live_server, "clerk-room")
    other = open_as(browser, live_server, "clerk-lifelong")

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
    shoot(clerk, "survey_index_clerk")
    panel.get_by_role("link", name="回答ページを開く").click()
    clerk.wait_for_load_state()
    assert clerk.locator(".kyodo-point").count() == 2  # no session, no effect
    shoot(clerk, "survey_answer_checklist")
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
    shoot(clerk, "survey_answer_clerk")
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
    shoot(clerk, "survey_answer_returned")
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
    shoot(coordinator, "survey_status")
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


def test_the_demo_shows_the_cycle_on_first_login(live_server, browser):
    """make run's demo: the seed, its users and a survey with departments in every status."""
    from io import StringIO

    from django.core.management import call_command

    ensure_groups()
    Form.objects.get_or_create(name="共催", defaults={"order": 1})
    for command in ("loadseed", "createdemousers", "createdemosurvey"):
        args = () if command == "loadseed" else ("--force",)
        call_command(command, *args, stdout=StringIO())
    user = get_user_model().objects.get(username="demo-coordinator")
    user.set_password(PASSWORD)
    user.save()
    clerk_user = get_user_model().objects.get(username="demo-clerk")
    clerk_user.set_password(PASSWORD)
    clerk_user.save()

    coordinator = open_as(browser, live_server, "demo-coordinator")
    assert "令和6年度の協働事業の調査（受付中）" in coordinator.content()
    coordinator.get_by_role("link", name="調査の状況を開く").click()
    coordinator.wait_for_load_state()
    table = coordinator.locator("#status-table").inner_text()
    for label in ("未着手", "入力中", "提出済", "差戻し", "確認済", "該当なし"):
        assert label in table
    assert coordinator.locator("#status-table tbody tr").count() == 14
    shoot(coordinator, "survey_status_demo")

    clerk = open_as(browser, live_server, "demo-clerk")
    assert "協働・男女平等参画室" in clerk.locator(".kyodo-index-answer").inner_text()
    shoot(clerk, "survey_index_demo_clerk")
