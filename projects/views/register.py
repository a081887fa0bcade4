"""`/`: the register of one fiscal year, filtered and paginated; its CSV download."""

from typing import cast

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.views.decorators.http import require_safe

from projects import layout
from projects.display import people
from projects.filters import UNLISTED, RegisterFilter
from projects.models import Project
from projects.paging import CappedPaginator
from projects.report.export import report_rows
from projects.report.writers import rows_to_csv
from projects.selectors import register_projects
from projects.views.downloads import attachment, download_name
from projects.wareki import fiscal_year_label

PAGE_SIZE = 50


def published_years() -> list[int]:
    """The fiscal years with at least one published project, latest first."""
    return list(
        Project.objects.published()
        .order_by("-fiscal_year")
        .values_list("fiscal_year", flat=True)
        .distinct()
    )


def _filter(request: HttpRequest, queryset) -> tuple[RegisterFilter, int | None]:
    """The list's filters; a missing or unknown year means the latest published one."""
    years = published_years()
    data: QueryDict = request.GET.copy()
    if data.get("year") not in {str(year) for year in years}:
        data["year"] = str(years[0]) if years else ""
    year = int(data.get("year", "")) if years else None
    return RegisterFilter(data, years=years, queryset=queryset), year


def _refused(filterset: RegisterFilter) -> list[str]:
    """Why the keyword is refused (kyodo.limits: too long, too many words); empty when it is
    searched. Another filter that cannot be read is left out of the list, as before."""
    return list(filterset.errors.get("q", []))


@require_safe
def register(request: HttpRequest) -> HttpResponse:
    """One fiscal year's projects, filtered and paginated, in a fixed number of queries."""
    filterset, year = _filter(request, Project.objects.published().in_report_order())
    refused = _refused(filterset)
    asked = request.GET.get("page")
    searched = bool(request.GET.get("q", "").strip())
    listed = filterset.qs.none() if refused else filterset.qs
    page = CappedPaginator(listed, PAGE_SIZE, page=asked, searched=searched).get_page(asked)
    # The participants of the page's rows only, in the same one query (its rows as a
    # subquery): SQLite worked them out for every project of the year before sorting.
    # A page of a queryset holds a slice of it; the stubs type a page's rows as any sequence.
    shown = cast(QuerySet, page.object_list)
    projects = register_projects().filter(pk__in=shown.values("pk"))
    rows = [
        {
            "project": project,
            "category": project.get_category_display(),
            "first_date": project.first_start,
            "participants": people(project.participants_total, project.any_approximate),
        }
        for project in projects
    ]
    partner = filterset.form.cleaned_data.get("partner") if filterset.is_valid() else None
    if partner is UNLISTED:
        partner = None  # named nowhere: a draft's partner reads as one that does not exist
    context = {
        "year": year,
        "year_label": fiscal_year_label(year) if year else "",
        "filter": filterset,
        "partner": partner,
        "page": page,
        "rows": rows,
        "refused": refused,
    }
    return render(request, "public/list.html", context, status=400 if refused else 200)


@require_safe
def register_csv(request: HttpRequest) -> HttpResponse:
    """The filtered list, every page of it, in the report layout of the annual CSV."""
    filterset, year = _filter(request, Project.objects.published())
    if _refused(filterset):
        return register(request)  # the list's page, with the reason, as a 400
    data = rows_to_csv(layout.DATASET_COLUMNS, report_rows(filterset.qs), encoding="utf-8-sig")
    return attachment(
        data,
        filename=download_name(year or "none", "list", extension="csv"),
        content_type="text/csv; charset=utf-8",
    )
