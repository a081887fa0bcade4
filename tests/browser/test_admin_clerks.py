"""A clerk's day in the admin, in Chromium: filter, edit with 和暦, concurrent saves, export."""

import csv
import datetime
import io

import pytest

from projects.models import Category, Project, Session
from projects.permissions import CLERK_GROUP, COORDINATOR_GROUP
from tests.factories import make_partner, make_project, make_user

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def register(db):
    """Six projects of two departments; three of them 単年度(新規)実施."""
    room, lifelong = "協働・男女平等参画室", "生涯学習課"
    partner = make_partner(name="公益財団法人苫小牧市スポーツ協会")
    rows = [
        ("共催", 1, "まちかどミーティング", room, Category.ANNUAL, (8, 22), 30),
        ("共催", 2, "男女平等参画フォーラム", room, Category.NEW, (11, 11), 120),
        ("共催", 3, "子ども広報部「びとこま」", lifelong, Category.NEW, (5, 13), 165),
        ("共催", 4, "市民塾", lifelong, Category.ANNUAL, (9, 14), 58),
        ("後援", 1, "協働のまちづくり講座", room, Category.BIENNIAL, (6, 3), 16),
        ("後援", 2, "ボランティア入門", lifelong, Category.NEW, (1, 20), 21),
    ]
    for form, number, name, department, category, (month, day), people in rows:
        year = 2023 if month >= 4 else 2024
        make_project(
            form=form,
            number=number,
            name=name,
            department=department,
            category=category,
            published=False,
            purpose="協働で取り組む事業です。",
            partners=[{"partner": partner, "order": 1}],
            sessions=[
                {"order": 1, "start": datetime.date(year, month, day), "participants": people}
            ],
        )
    return {
        "clerk": make_user(username="clerk-kyodo", group=CLERK_GROUP, departments=[room]),
        "second_clerk": make_user(username="clerk-kyodo-2", group=CLERK_GROUP, departments=[room]),
        "coordinator": make_user(username="coordinator", group=COORDINATOR_GROUP),
    }


def project_url(live_server, name):
    return f"{live_server.url}/admin/projects/project/{Project.objects.get(name=name).pk}/change/"


def listed_names(page):
    return page.locator("#result_list tbody td.field-name, #result_list tbody th.field-name")


def test_a_clerk_filters_by_new_category_and_sees_exactly_those_projects(
    live_server, page, log_in, screenshot, register
):
    log_in(page, "clerk-kyodo")
    page.goto(f"{live_server.url}/admin/projects/project/")
    assert listed_names(page).count() == 6
    page.locator("#changelist-filter").get_by_role("link", name="単年度(新規)実施").click()
    page.wait_for_url("**category__exact=new**")

    names = sorted(listed_names(page).all_inner_texts())
    expected = sorted(Project.objects.filter(category=Category.NEW).values_list("name", flat=True))
    assert (
        names
        == expected
        == ["ボランティア入門", "子ども広報部「びとこま」", "男女平等参画フォーラム"]
    )
    table = page.locator("#result_list").inner_text()
    assert "令和5年度" in table and "令和5年11月11日" in table and "165人" in table
    assert "まちかどミーティング" not in table
    screenshot("admin_project_list_filtered")


def test_a_clerk_edits_a_session_date_and_sees_the_wareki(
    live_server, page, log_in, screenshot, register
):
    log_in(page, "clerk-kyodo")
    page.goto(project_url(live_server, "まちかどミーティング"))
    start = page.locator("#id_sessions-0-start")
    wareki = page.locator("td.field-start").first.locator(".kyodo-wareki")
    assert wareki.inner_text() == "令和5年8月22日"

    start.fill("2023-09-15")
    assert wareki.inner_text() == "令和5年9月15日"
    start.fill("2024-01-05")
    assert wareki.inner_text() == "令和6年1月5日"
    # The widget's 「今日」 link sets the date without a keystroke: the 和暦 follows it too.
    end_cell = page.locator("td.field-end").first
    end_cell.get_by_role("link", name="今日").click()
    today = datetime.date.today()
    assert end_cell.locator(".kyodo-wareki").inner_text().endswith(f"{today.month}月{today.day}日")
    page.locator("#id_sessions-0-end").fill("")
    page.locator("#id_sessions-0-participants").fill("45")
    assert "延べ45人" in page.locator(".kyodo-participants-total").inner_text()
    screenshot("admin_project_form")

    page.locator("input[name=_continue]").first.click()
    page.wait_for_load_state()
    assert "変更しました" in page.locator("ul.messagelist").inner_text()
    assert (
        page.locator("td.field-start").first.locator(".kyodo-wareki").inner_text()
        == "令和6年1月5日"
    )
    session = Session.objects.get(project__name="まちかどミーティング")
    assert session.start == datetime.date(2024, 1, 5) and session.participants == 45


def test_a_date_outside_the_fiscal_year_is_refused_in_japanese(live_server, page, log_in, register):
    log_in(page, "clerk-kyodo")
    page.goto(project_url(live_server, "まちかどミーティング"))
    page.locator("#id_sessions-0-start").fill("2024-04-02")
    assert (
        page.locator("td.field-start").first.locator(".kyodo-wareki").inner_text()
        == "令和6年4月2日"
    )
    page.locator("input[name=_save]").first.click()
    page.wait_for_load_state()
    assert "令和5年度（令和5年4月1日～令和6年3月31日）の中にしてください" in page.content()


def test_a_second_clerks_stale_save_is_refused(live_server, new_page, log_in, screenshot, register):
    url = project_url(live_server, "男女平等参画フォーラム")
    page_a = log_in(new_page(), "clerk-kyodo")
    page_b = log_in(new_page(), "clerk-kyodo-2")
    page_a.goto(url)
    page_b.goto(url)

    page_a.locator("#id_name").fill("男女平等参画フォーラム2023")
    page_a.locator("input[name=_continue]").first.click()
    page_a.wait_for_load_state()
    assert "変更しました" in page_a.locator("ul.messagelist").inner_text()

    page_b.locator("#id_effect").fill("参加者アンケートで高い評価を得た。")
    page_b.locator("input[name=_continue]").first.click()
    page_b.wait_for_load_state()
    errors = page_b.locator(".errornote, .errorlist.nonfield").all_inner_texts()
    text = "\n".join(errors)
    assert "他の人が保存しました" in text
    assert "「男女平等参画フォーラム」→「男女平等参画フォーラム2023」" in text
    screenshot("admin_conflict", of=page_b)

    project = Project.objects.get(name="男女平等参画フォーラム2023")
    assert project.effect == ""
    assert project.version == 2


def test_the_coordinator_exports_the_filtered_list(live_server, page, log_in, screenshot, register):
    log_in(page, "coordinator")
    page.goto(f"{live_server.url}/admin/projects/project/?category__exact=new")
    assert listed_names(page).count() == 3
    page.get_by_role("link", name="エクスポート").click()
    page.wait_for_url("**/export/**")
    page.locator("#id_format").select_option(label="csv")
    screenshot("admin_export")
    with page.expect_download() as download_info:
        page.locator(
            "#content form input[type=submit], #content form button[type=submit]"
        ).last.click()
    download = download_info.value
    assert download.suggested_filename.endswith(".csv")
    with open(download.path(), encoding="utf-8-sig") as file:
        text = file.read()
    rows = list(csv.reader(io.StringIO(text)))
    body = "\n".join(",".join(r) for r in rows[1:])
    for name in ("男女平等参画フォーラム", "子ども広報部", "ボランティア入門"):
        assert name in body
    assert "まちかどミーティング" not in body and "市民塾" not in body
