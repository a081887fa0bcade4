"""The admin's 年次集計 page, its CSV/XLSX/PDF downloads and the printable A4 report.

Wired into ProjectAdmin with ``report_urls(self)`` in get_urls. Coordinators and clerks (anyone
who may view projects) see them; the report itself is built by projects.report.
"""

from django.contrib import messages
from django.core.exceptions import BadRequest, PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse

from kyodo.http import content_disposition
from projects import year_status
from projects.admin.editions import publish_view
from projects.models import Project
from projects.permissions import can_publish_edition
from projects.report.changes import edition_changes
from projects.report.charts import summary_charts
from projects.report.export import report_dataset
from projects.report.pdf import report_pdf
from projects.report.sections import report_sections
from projects.report.summary import (
    fiscal_years,
    for_display,
    summary_csv,
    yearly_series,
    yearly_summary,
)
from projects.report.trends import trend_charts, trend_rows, trends
from projects.report.writers import UnencodableError, dataset_to_csv, dataset_to_xlsx
from projects.selectors import projects_for_report
from projects.wareki import fiscal_year_label

SUMMARY_URL = "projects_project_summary"


def report_urls(model_admin) -> list:
    """The URLs to put before ProjectAdmin's own in get_urls."""

    def wrap(view):
        def wrapped(request, *args, **kwargs):
            return view(request, model_admin, *args, **kwargs)

        return model_admin.admin_site.admin_view(wrapped)

    return [
        path("summary/", wrap(summary_view), name=SUMMARY_URL),
        path("summary/report.csv", wrap(report_csv_view), name=f"{SUMMARY_URL}_csv"),
        path("summary/report.xlsx", wrap(report_xlsx_view), name=f"{SUMMARY_URL}_xlsx"),
        path("summary/report.pdf", wrap(report_pdf_view), name=f"{SUMMARY_URL}_pdf"),
        path("summary/print/", wrap(report_print_view), name=f"{SUMMARY_URL}_print"),
        path("summary/summary.csv", wrap(summary_csv_view), name=f"{SUMMARY_URL}_summary_csv"),
        path("summary/publish/", wrap(publish_view), name=f"{SUMMARY_URL}_publish"),
    ]


def _check(request: HttpRequest, model_admin) -> None:
    if not model_admin.has_view_permission(request):
        raise PermissionDenied


def _fiscal_year(request: HttpRequest, years: list[int]) -> int | None:
    value = request.GET.get("fiscal_year", "")
    if value.isdigit():
        return int(value)
    return years[0] if years else None


def summary_view(request: HttpRequest, model_admin) -> HttpResponse:
    _check(request, model_admin)
    years = fiscal_years()
    fiscal_year = _fiscal_year(request, years)
    summary = yearly_summary(fiscal_year) if fiscal_year else None
    series = yearly_series(years) if len(years) > 1 else []
    trend = trends(fiscal_year, available=years) if fiscal_year and len(years) > 1 else None
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": Project._meta,
        "title": "年次集計" + (f"（{fiscal_year_label(fiscal_year)}）" if fiscal_year else ""),
        "years": [(year, fiscal_year_label(year)) for year in years],
        "fiscal_year": fiscal_year,
        "summary": for_display(summary) if summary and summary["projects"] else None,
        "charts": summary_charts(summary, series) if summary and summary["projects"] else [],
        "series": series,
        "trends": trend,
        "trend_charts": trend_charts(trend) if trend else [],
        "downloads": _downloads(fiscal_year) if fiscal_year else {},
        # 「集計中（未提出 n課）」 while the year's survey is open.
        "collecting": year_status.collecting_label(fiscal_year) if fiscal_year else "",
        # 「公表版 第n版」 and the cells changed since (the same read as report_changes).
        "edition": edition_changes(fiscal_year) if fiscal_year else None,
        "may_publish": can_publish_edition(request.user),
    }
    return render(request, "admin/projects/summary.html", context)


def _downloads(fiscal_year: int) -> dict:
    query = f"?fiscal_year={fiscal_year}"
    return {
        "csv": reverse(f"admin:{SUMMARY_URL}_csv") + query,
        "csv_cp932": reverse(f"admin:{SUMMARY_URL}_csv") + query + "&encoding=cp932",
        "xlsx": reverse(f"admin:{SUMMARY_URL}_xlsx") + query,
        "pdf": reverse(f"admin:{SUMMARY_URL}_pdf") + query,
        "print": reverse(f"admin:{SUMMARY_URL}_print") + query,
        "summary_csv": reverse(f"admin:{SUMMARY_URL}_summary_csv") + query,
    }


def _required_year(request: HttpRequest) -> int:
    value = request.GET.get("fiscal_year", "")
    if not value.isdigit():
        raise BadRequest("年度を指定してください。")
    return int(value)


def _filename(fiscal_year: int, what: str, extension: str) -> str:
    """「令和6年度_協働事業.csv」; 「…_集計中.csv」 while the year's survey is open. The file itself
    keeps the published layout, so only its name says the figures are not final."""
    collecting = "_集計中" if year_status.collecting_label(fiscal_year) else ""
    return f"{fiscal_year_label(fiscal_year)}_{what}{collecting}.{extension}"


def _attachment(data: bytes, *, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = content_disposition(filename)
    return response


def report_csv_view(request: HttpRequest, model_admin) -> HttpResponse:
    _check(request, model_admin)
    fiscal_year = _required_year(request)
    encoding = "cp932" if request.GET.get("encoding") == "cp932" else "utf-8-sig"
    dataset = report_dataset(projects_for_report(fiscal_year=fiscal_year))
    try:
        data = dataset_to_csv(dataset, encoding=encoding)
    except UnencodableError as error:
        messages.error(
            request, f"cp932で書けない文字があります。UTF-8で書き出してください。{error}"
        )
        return _back_to_summary(fiscal_year)
    charset = "shift_jis" if encoding == "cp932" else "utf-8"
    return _attachment(
        data,
        filename=_filename(fiscal_year, "協働事業", "csv"),
        content_type=f"text/csv; charset={charset}",
    )


def _back_to_summary(fiscal_year: int) -> HttpResponse:
    return redirect(reverse(f"admin:{SUMMARY_URL}") + f"?fiscal_year={fiscal_year}")


def report_xlsx_view(request: HttpRequest, model_admin) -> HttpResponse:
    _check(request, model_admin)
    fiscal_year = _required_year(request)
    label = fiscal_year_label(fiscal_year)
    dataset = report_dataset(projects_for_report(fiscal_year=fiscal_year))
    return _attachment(
        dataset_to_xlsx(dataset, title=label),
        filename=_filename(fiscal_year, "協働事業", "xlsx"),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def report_pdf_view(request: HttpRequest, model_admin) -> HttpResponse:
    """The year's report as a PDF in the published layout (what an edition freezes)."""
    _check(request, model_admin)
    fiscal_year = _required_year(request)
    data = report_pdf(projects_for_report(fiscal_year=fiscal_year))
    if not data:
        messages.error(request, f"{fiscal_year_label(fiscal_year)}の協働事業は登録されていません。")
        return _back_to_summary(fiscal_year)
    return _attachment(
        data, filename=_filename(fiscal_year, "協働事業", "pdf"), content_type="application/pdf"
    )


def summary_csv_view(request: HttpRequest, model_admin) -> HttpResponse:
    _check(request, model_admin)
    fiscal_year = _required_year(request)
    return _attachment(
        summary_csv(yearly_summary(fiscal_year), extra_rows=trend_rows(trends(fiscal_year))),
        filename=_filename(fiscal_year, "年次集計", "csv"),
        content_type="text/csv; charset=utf-8",
    )


def report_print_view(request: HttpRequest, model_admin) -> HttpResponse:
    _check(request, model_admin)
    fiscal_year = _required_year(request)
    summary = yearly_summary(fiscal_year)
    context = {
        "fiscal_year": fiscal_year,
        "label": fiscal_year_label(fiscal_year),
        "summary": for_display(summary),
        "charts": summary_charts(summary, bar_area=220),
        "sections": report_sections(projects_for_report(fiscal_year=fiscal_year)),
        "collecting": year_status.collecting_label(fiscal_year),
    }
    return render(request, "projects/report.html", context)
