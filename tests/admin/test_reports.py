"""The admin's 年次集計 page, its downloads, the printable report and 「次年度へ複製」."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from projects import layout
from projects.models import Category, Project
from projects.permissions import CLERK_GROUP, COORDINATOR_GROUP
from tests.factories import day, make_project, make_user

pytestmark = pytest.mark.django_db

SUMMARY = "admin:projects_project_summary"


@pytest.fixture
def coordinator():
    return make_user(username="coordinator", group=COORDINATOR_GROUP)


@pytest.fixture
def clerk():
    return make_user(username="clerk", group=CLERK_GROUP, departments=["生涯学習課"])


@pytest.fixture
def register():
    make_project(
        fiscal_year=2022,
        name="令和4年度 苫小牧市民塾",
        department="生涯学習課",
        sessions=[{"start": day(2022, 9, 1), "participants": 50}],
    )
    make_project(
        name="令和5年度 苫小牧市民塾",
        department="生涯学習課",
        since_year=2007,
        partners=["苫小牧市女性団体連絡協議会"],
        sessions=[{"start": day(2023, 9, 13), "participants": 61}],
    )
    make_project(
        name="まちかどミーティング",
        department="協働・男女平等参画室",
        category=Category.NEW,
        partners=[{"name": "町内会", "count": 82}],
        sessions=[{"start": day(2023, 8, 22), "end": day(2023, 10, 31), "participants": 305}],
    )


def test_the_coordinator_sees_the_summary_of_the_chosen_year_with_charts(
    client, coordinator, register
):
    client.force_login(coordinator)
    response = client.get(reverse(SUMMARY), {"fiscal_year": 2023})
    assert response.status_code == 200
    page = response.content.decode()
    assert "年次集計（令和5年度）" in page
    assert page.count("<svg") >= 4  # form, category, department, partner kinds (+ years)
    assert "共催" in page and "2件" in page
    assert "366人" in page
    assert "年度別 事業数" in page  # two years in the register: year over year
    assert 'value="2022"' in page


def test_the_summary_page_shows_the_latest_year_when_none_is_chosen(client, coordinator, register):
    client.force_login(coordinator)
    response = client.get(reverse(SUMMARY))
    assert "年次集計（令和5年度）" in response.content.decode()


def test_a_clerk_may_view_the_summary(client, clerk, register):
    client.force_login(clerk)
    assert client.get(reverse(SUMMARY), {"fiscal_year": 2023}).status_code == 200


def test_staff_without_view_permission_are_refused(client, register):
    user = make_user(username="visitor")
    client.force_login(user)
    assert client.get(reverse(SUMMARY), {"fiscal_year": 2023}).status_code == 403


def test_the_report_csv_downloads_with_a_bom_and_the_report_layout(client, coordinator, register):
    client.force_login(coordinator)
    response = client.get(reverse(f"{SUMMARY}_csv"), {"fiscal_year": 2023})
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == list(layout.DATASET_COLUMNS)
    assert [row[3] for row in rows[1:]] == [
        "令和5年度 苫小牧市民塾 (生涯学習課)",
        "まちかどミーティング (協働・男女平等参画室)",
    ]


def test_the_report_csv_downloads_in_cp932_on_request(client, coordinator, register):
    client.force_login(coordinator)
    response = client.get(reverse(f"{SUMMARY}_csv"), {"fiscal_year": 2023, "encoding": "cp932"})
    rows = list(csv.reader(io.StringIO(response.content.decode("cp932"))))
    assert rows[2][6] == "82町内会"


def test_the_report_xlsx_downloads_and_reads_back(client, coordinator, register):
    client.force_login(coordinator)
    response = client.get(reverse(f"{SUMMARY}_xlsx"), {"fiscal_year": 2023})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.freeze_panes == "A2"
    assert sheet["H3"].value == "令和5年8月22日～10月31日 (305人)"


def test_the_report_pdf_downloads_next_to_the_xlsx(client, coordinator, register):
    client.force_login(coordinator)
    summary = client.get(reverse(SUMMARY), {"fiscal_year": 2023}).content.decode()
    assert summary.index('id="download-xlsx"') < summary.index('id="download-pdf"')

    response = client.get(reverse(f"{SUMMARY}_pdf"), {"fiscal_year": 2023})

    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].endswith("%E5%8D%94%E5%83%8D%E4%BA%8B%E6%A5%AD.pdf")
    assert response.content.startswith(b"%PDF-")


def test_the_printable_report_has_the_summary_then_one_table_per_form(
    client, coordinator, register
):
    client.force_login(coordinator)
    response = client.get(reverse(f"{SUMMARY}_print"), {"fiscal_year": 2023})
    page = response.content.decode()
    assert "size: A4 landscape" in page
    assert "① 協働の形態：共催（2件）" in page
    assert page.index("年次集計") < page.index("① 協働の形態")
    for header in layout.TABLE_COLUMNS:
        assert header in page
    assert "令和5年8月22日～10月31日 (305人)" in page


def test_the_summary_csv_downloads(client, coordinator, register):
    client.force_login(coordinator)
    response = client.get(reverse(f"{SUMMARY}_summary_csv"), {"fiscal_year": 2023})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert ["令和5年度", "合計", "協働事業", "2", "", ""] in rows


def copy_action(client, projects):
    return client.post(
        reverse("admin:projects_project_changelist"),
        {"action": "copy_to_next_year", "_selected_action": [p.pk for p in projects]},
        follow=True,
    )


def test_the_copy_action_creates_next_years_records_and_says_what_it_skipped(
    client, coordinator, register
):
    client.force_login(coordinator)
    projects = list(Project.objects.filter(fiscal_year=2023))
    response = copy_action(client, projects)
    page = response.content.decode()
    assert "令和6年度 No.1 令和6年度 苫小牧市民塾 を作成しました" in page
    assert "単年度(新規)実施" in page  # the one-year project is skipped with a message
    assert list(Project.objects.filter(fiscal_year=2024).values_list("name", flat=True)) == [
        "令和6年度 苫小牧市民塾"
    ]
    copy_action(client, projects)
    assert Project.objects.filter(fiscal_year=2024).count() == 1


def test_a_clerk_copies_only_their_departments_projects(client, clerk, register):
    make_project(name="マラソン", department="スポーツ都市推進課")
    client.force_login(clerk)
    copy_action(client, list(Project.objects.filter(fiscal_year=2023)))
    assert list(Project.objects.filter(fiscal_year=2024).values_list("name", flat=True)) == [
        "令和6年度 苫小牧市民塾"
    ]


def test_the_admin_export_of_the_project_list_uses_the_report_layout(register):
    from projects.resources import ProjectResource

    dataset = ProjectResource().export(Project.objects.filter(fiscal_year=2023))
    assert dataset.headers == list(layout.DATASET_COLUMNS)
    assert dataset[1][7] == "令和5年8月22日～10月31日 (305人)"
