"""Every output of a year says the same: projects, participants (with approximate and unknown),
新規 and 継続, partners; whichever page, file or API a reader takes them from.

The register: the seed's 令和5年度 and two generated years after it, made as the office makes
them (次年度へ複製, then sessions entered: counted, approximate and unknown ones, a new project),
all published and each with its yearly survey.
"""

import csv
import datetime
import io
import json
import re
from io import StringIO

import openpyxl
import pytest
from django.core.management import call_command
from django.urls import reverse

from projects.models import Category, Department, Project, Session
from projects.report.summary import yearly_series, yearly_summary
from projects.report.trends import trends
from projects.services.next_year import project_copy_to_next_year
from projects.services.publishing import project_set_published
from surveys.management.commands.survey_status import status_document
from surveys.models import Survey
from surveys.services import survey_open
from tests.factories import SEED

pytestmark = pytest.mark.django_db

YEARS = (2023, 2024, 2025)


def _later_year(year: int) -> None:
    """The next year as the office makes it: copies of the recurring projects, then each
    one's sessions entered (a count, 約, or none), and one new project."""
    copies = project_copy_to_next_year(
        projects=list(Project.objects.filter(fiscal_year=year - 1)), user=None
    )
    for index, project in enumerate(copies):
        day = datetime.date(year, 4, 1) + datetime.timedelta(days=(index * 13) % 360)
        kind = index % 4
        Session.objects.create(
            project=project,
            order=0,
            start=day,
            participants=None if kind == 3 else 10 * (index + 1),
            approximate=kind == 1,
        )
        if kind == 2:  # a second date without a count of its own
            Session.objects.create(project=project, order=1, start=day, participants=None)
    last = Project.objects.filter(fiscal_year=year).order_by("-number").first()
    Project.objects.create(
        fiscal_year=year,
        form=last.form,
        number=last.number + 1,
        name=f"{year}年度の新しい講座",
        department=Department.objects.order_by("pk").first(),
        category=Category.NEW,
    )


@pytest.fixture
def register(db):
    call_command("import_report", str(SEED), stdout=StringIO(), stderr=StringIO())
    for year in YEARS[1:]:
        _later_year(year)
    project_set_published(projects=Project.objects.all(), published=True, user=None)
    for year in YEARS:
        survey_open(fiscal_year=year, deadline=datetime.date(year + 1, 5, 31))
    return YEARS


def _truth(records: list[dict]) -> dict:
    """The figures as the structured records (export_report --format json) give them."""
    known = [r for r in records if r["participants_total"] is not None]
    categories = [r["category"] for r in records]
    return {
        "projects": len(records),
        "participants": sum(r["participants_total"] for r in known),
        "approximate": any(r["participants_approximate"] for r in known),
        "unknown": len(records) - len(known),
        "new": categories.count(Category.NEW.label),
        "continuing": categories.count(Category.ANNUAL.label)
        + categories.count(Category.BIENNIAL.label),
        "partners": len({p["partner"]["id"] for r in records for p in r["partners"]}),
    }


def _export(year: int, kind: str, **options) -> str:
    out = StringIO()
    call_command("export_report", "--fiscal-year", str(year), "--format", kind, stdout=out)
    return out.getvalue()


def _csv_rows(data: bytes | str) -> list[list[str]]:
    text = data.decode("utf-8-sig") if isinstance(data, bytes) else data.lstrip("\ufeff")
    return list(csv.reader(io.StringIO(text)))[1:]


def _people_text(truth: dict) -> str:
    if truth["unknown"] >= truth["projects"]:
        return "不明"
    text = f"{'約' if truth['approximate'] else ''}{truth['participants']:,}人"
    return f"{text}（人数不明 {truth['unknown']}件）" if truth["unknown"] else text


def test_every_output_of_each_year_gives_the_same_figures(register, client, coordinator):
    client.force_login(coordinator)
    series = {entry["fiscal_year"]: entry for entry in yearly_series()}
    trend = {year.fiscal_year: year for year in trends(YEARS[-1]).years}
    for year in YEARS:
        records = json.loads(_export(year, "json"))
        truth = _truth(records)
        assert truth["projects"] > 10 and truth["unknown"] >= (year > 2023), year

        # 年次集計: the card, its tables, the trend, the all-years table, its CSV
        summary = yearly_summary(year)
        assert summary["projects"] == truth["projects"], year
        assert summary["participants_total"] == truth["participants"], year
        assert summary["participants_approximate"] == truth["approximate"], year
        assert summary["participants_unknown"] == truth["unknown"], year
        assert summary["new_vs_continuing"]["new"] == truth["new"], year
        assert summary["new_vs_continuing"]["continuing"] == truth["continuing"], year
        assert summary["partners"] == truth["partners"], year
        assert sum(d["projects"] for d in summary["by_department"]) == truth["projects"]
        assert sum(d["participants"] for d in summary["by_department"]) == truth["participants"]
        assert sum(f["projects"] for f in summary["by_form"]) == truth["projects"]
        assert (trend[year].projects, trend[year].participants) == (
            truth["projects"],
            truth["participants"],
        )
        assert (trend[year].new, trend[year].continuing) == (truth["new"], truth["continuing"])
        assert trend[year].participants_unknown == truth["unknown"]
        assert trend[year].partners == truth["partners"]
        assert series[year]["projects"] == truth["projects"]
        assert series[year]["participants_text"] == _people_text(truth)
        page = client.get(reverse("admin:projects_project_summary"), {"fiscal_year": year})
        assert _people_text(truth) in page.text
        assert f"{truth['new']}件／{truth['continuing']}件" in page.text
        summary_csv = client.get(
            reverse("admin:projects_project_summary_summary_csv"), {"fiscal_year": year}
        ).content
        label_rows = [r for r in _csv_rows(summary_csv) if r[1] == "合計"]
        assert next(r[3] for r in label_rows if r[2] == "協働事業") == str(truth["projects"])

        # the report: CSV, XLSX, and the admin's own download of it
        assert len(_csv_rows(_export(year, "csv"))) == truth["projects"]
        report_csv = client.get(
            reverse("admin:projects_project_summary_csv"), {"fiscal_year": year}
        )
        assert len(_csv_rows(report_csv.content)) == truth["projects"]
        xlsx = client.get(reverse("admin:projects_project_summary_xlsx"), {"fiscal_year": year})
        sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
        assert sheet.max_row - 1 == truth["projects"]

        # the public list and its CSV
        listed = client.get(reverse("public:register"), {"year": year})
        assert listed.context["page"].paginator.count == truth["projects"]
        listed_csv = client.get(reverse("public:register_csv"), {"year": year}).content
        assert len(_csv_rows(listed_csv)) == truth["projects"]

        # the API and the open data
        api = client.get("/api/projects/", {"year": year, "page_size": 200}).json()
        assert api["count"] == truth["projects"]
        assert _truth(api["results"]) == truth
        opendata = json.loads(client.get(reverse("public:opendata_json", args=[year])).content)
        assert _truth(opendata) == truth
        events = _csv_rows(client.get(reverse("public:opendata_events", args=[year])).content)
        sessions = Session.objects.filter(project__fiscal_year=year).count()
        assert len(events) == sessions

        # department and partner pages
        shown = 0
        for department in Department.objects.all():
            response = client.get(reverse("public:department", args=[department.pk]))
            if response.status_code == 404:
                continue
            groups = {g.fiscal_year: g for g in response.context["years"]}
            if year in groups:
                shown += len(groups[year].projects)
        assert shown == truth["projects"], year

        # the yearly survey's status
        document = status_document(Survey.objects.get(fiscal_year=year))
        assert sum(d["projects"] for d in document["departments"]) == truth["projects"]
        counted = [d["participants"] for d in document["departments"] if d["participants"]]
        assert sum(counted) == truth["participants"], year


def test_an_unknown_count_is_null_in_every_machine_output(register, client):
    unknown = Project.objects.filter(fiscal_year=2024, sessions__participants__isnull=True).exclude(
        sessions__participants__isnull=False
    )
    project = unknown.first()
    assert project is not None
    record = client.get(f"/api/projects/{project.pk}/").json()
    assert record["participants_total"] is None
    opendata = json.loads(client.get(reverse("public:opendata_json", args=[2024])).content)
    mine = [r for r in opendata if r["no"] == project.number and r["name"] == project.name]
    assert mine[0]["participants_total"] is None
    page = client.get(reverse("public:project", args=[project.pk])).text
    assert re.search(r"参加人数.*不明", page, re.S)
