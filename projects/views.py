"""Public, read-only pages of the register for citizens: no login, nothing written."""

import json

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count, Exists, Min, OuterRef, Sum
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe

from projects.filters import PublicProjectFilter
from projects.models import Project, Session
from projects.report.cells import (
    category_cell,
    count_text,
    name_cell,
    partners_lines,
    sessions_lines,
)
from projects.report.export import report_dataset, report_records
from projects.report.writers import dataset_to_csv
from projects.selectors import projects_for_report, with_report_relations
from projects.wareki import fiscal_year_label, format_date

PAGE_SIZE = 50


def _years() -> list[int]:
    """The fiscal years with at least one project, latest first."""
    return list(
        Project.objects.published()
        .order_by("-fiscal_year")
        .values_list("fiscal_year", flat=True)
        .distinct()
    )


def _chosen_year(request: HttpRequest, years: list[int]) -> int | None:
    value = request.GET.get("year", "")
    if value.isdigit() and int(value) in years:
        return int(value)
    return years[0] if years else None


def participants_text(total: int | None, approximate: bool) -> str:
    """「約1,234人」 / 「305人」 / 「—」 when no count was recorded."""
    if total is None:
        return "—"
    return count_text(total, approximate=approximate).strip("()")


@require_safe
def register(request: HttpRequest) -> HttpResponse:
    """`/`: one fiscal year's projects, filtered and paginated, in a fixed number of queries."""
    years = _years()
    year = _chosen_year(request, years)
    queryset = (
        Project.objects.published()
        .filter(fiscal_year=year)
        .select_related("form", "department")
        .annotate(
            participants_sum=Sum("sessions__participants"),
            first_date=Min("sessions__start"),
            has_approximate=Exists(
                Session.objects.filter(project=OuterRef("pk"), approximate=True)
            ),
        )
        .order_by("form__order", "form__name", "number")
    )
    filterset = PublicProjectFilter(request.GET or None, queryset=queryset)
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [
        {
            "project": project,
            "category": project.get_category_display(),
            "first_date": format_date(project.first_date) if project.first_date else "—",
            "participants": participants_text(project.participants_sum, project.has_approximate),
        }
        for project in page.object_list
    ]
    context = {
        "years": [(y, fiscal_year_label(y)) for y in years],
        "year": year,
        "year_label": fiscal_year_label(year) if year else "",
        "filter": filterset,
        "page": page,
        "rows": rows,
    }
    return render(request, "public/list.html", context)


@require_safe
def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """`/projects/<pk>/`: every field of one project in the report's wording."""
    project = get_object_or_404(with_report_relations(Project.objects.published()), pk=pk)
    context = {
        "project": project,
        "year_label": fiscal_year_label(project.fiscal_year),
        "name": name_cell(project),
        "category": category_cell(project),
        "partners": partners_lines(project),
        "sessions": sessions_lines(project),
    }
    return render(request, "public/detail.html", context)


@require_safe
def opendata(request: HttpRequest) -> HttpResponse:
    """`/opendata/`: the years that can be downloaded, with their project counts."""
    years = (
        Project.objects.published()
        .values("fiscal_year")
        .annotate(projects=Count("pk"))
        .order_by("-fiscal_year")
    )
    context = {
        "years": [
            {
                "year": row["fiscal_year"],
                "label": fiscal_year_label(row["fiscal_year"]),
                "projects": row["projects"],
                "csv": _filename(row["fiscal_year"], "csv"),
                "json": _filename(row["fiscal_year"], "json"),
            }
            for row in years
        ],
    }
    return render(request, "public/opendata.html", context)


def _filename(year: int, extension: str) -> str:
    return f"{settings.KYODO_CITY_CODE}_kyodo_{year}.{extension}"


def _attachment(data: bytes, *, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["Access-Control-Allow-Origin"] = "*"  # open data: usable from any site
    return response


@require_safe
def opendata_csv(request: HttpRequest, year: int) -> HttpResponse:
    """The year in the report layout, UTF-8 with BOM, formulas neutralised."""
    dataset = report_dataset(projects_for_report(fiscal_year=year).published())
    if not dataset.height:
        raise Http404(f"{year}年度の協働事業は登録されていません。")
    return _attachment(
        dataset_to_csv(dataset, encoding="utf-8-sig"),
        filename=_filename(year, "csv"),
        content_type="text/csv; charset=utf-8",
    )


@require_safe
def opendata_json(request: HttpRequest, year: int) -> HttpResponse:
    """The year's structured records, as `manage.py export_report --format json` writes them."""
    records = report_records(projects_for_report(fiscal_year=year).published())
    if not records:
        raise Http404(f"{year}年度の協働事業は登録されていません。")
    text = json.dumps(records, ensure_ascii=False, indent=2) + "\n"
    return _attachment(
        text.encode("utf-8"),
        filename=_filename(year, "json"),
        content_type="application/json; charset=utf-8",
    )
