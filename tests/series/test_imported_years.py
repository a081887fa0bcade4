"""A project imported for 令和4年度 and again for 令和5年度 is one series: its page and the trend
show both years."""

from io import StringIO

import pytest
from django.core.management import call_command

from projects.models import Project
from projects.report.trends import trends
from tests.report_text import report_row, report_text

pytestmark = pytest.mark.django_db


def _import(tmp_path, year: int, era_year: int) -> None:
    row = report_row(
        1,
        name=f"令和{era_year}年度苫小牧市民塾 (生涯学習課)",
        category="例年実施",
        sessions=f"令和{era_year}年9月13日 (61人)",
        partners="(一社)訓練協会",
    )
    path = tmp_path / f"{year}.txt"
    path.write_text(report_text([row], fiscal_year_label=f"令和{era_year}年度"), encoding="utf-8")
    call_command("import_report", str(path), stdout=StringIO(), stderr=StringIO())


def test_both_years_are_one_series_on_the_page_and_in_the_trend(client, tmp_path, kyosai):
    _import(tmp_path, 2022, 4)
    _import(tmp_path, 2023, 5)
    # The import links the new year to the last one itself; link_series then finds nothing.
    this_year = Project.objects.get(fiscal_year=2023)
    last_year = Project.objects.get(fiscal_year=2022)
    assert this_year.previous_id == last_year.pk
    versions = list(Project.objects.order_by("pk").values_list("version", flat=True))
    call_command("link_series", stdout=StringIO())
    assert list(Project.objects.order_by("pk").values_list("version", flat=True)) == versions

    response = client.get(f"/projects/{this_year.pk}/")
    assert [row.project.name for row in response.context["series"]] == [
        "令和4年度苫小牧市民塾",
        "令和5年度苫小牧市民塾",
    ]
    assert f'href="/projects/{last_year.pk}/"' in response.text

    trend = trends(2023)
    assert [(y.fiscal_year, y.projects, y.continuing) for y in trend.years] == [
        (2022, 1, 1),  # 例年実施 both years: continuing by the one definition (実施区分)
        (2023, 1, 1),
    ]
