"""`/opendata/`: the yearly downloads (report CSV, JSON records, the national event dataset)."""

import json

from django.conf import settings
from django.db.models import Count, Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from projects import layout
from projects.models import Edition, EditionFile, Project
from projects.opendata.events import event_projects, event_rows, events_csv
from projects.report.export import report_records, report_rows
from projects.report.writers import rows_to_csv
from projects.selectors import projects_for_report
from projects.views.downloads import attachment, download_name
from projects.wareki import fiscal_year_label

# Where a licence named in KYODO_OPENDATA_LICENCE is explained; another name is shown as text.
LICENCE_URLS = {
    "CC BY 4.0": "https://creativecommons.org/licenses/by/4.0/deed.ja",
    "CC0": "https://creativecommons.org/publicdomain/zero/1.0/deed.ja",
    "CC BY-SA 4.0": "https://creativecommons.org/licenses/by-sa/4.0/deed.ja",
}


def events_name(year: int) -> str:
    """「012131_event_2023.csv」: the standard's 「<全国地方公共団体コード>_event」 and the year."""
    return f"{settings.KYODO_CITY_CODE}_event_{year}.csv"


@require_safe
def opendata(request: HttpRequest) -> HttpResponse:
    """The years that can be downloaded, with their project counts, and the licence."""
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
                "csv": download_name(row["fiscal_year"], extension="csv"),
                "json": download_name(row["fiscal_year"], extension="json"),
                "events": events_name(row["fiscal_year"]),
            }
            for row in years
        ],
        "editions": published_editions(),
        "licence": settings.KYODO_OPENDATA_LICENCE,
        "licence_url": LICENCE_URLS.get(settings.KYODO_OPENDATA_LICENCE, ""),
    }
    return render(request, "public/opendata.html", context)


def published_editions() -> list[dict]:
    """Each year's editions, latest year first and edition 1 first, with their files' hashes
    (never their contents): 2 queries whatever the number of editions."""
    files = Prefetch("files", queryset=EditionFile.objects.defer("content").order_by("kind"))
    editions = Edition.objects.prefetch_related(files)
    years: dict[int, dict] = {}
    for edition in editions.order_by("-fiscal_year", "number"):
        year = years.setdefault(
            edition.fiscal_year,
            {"year": edition.fiscal_year, "label": fiscal_year_label(edition.fiscal_year)},
        )
        year.setdefault("editions", []).append(edition)
    return list(years.values())


@require_safe
def opendata_csv(request: HttpRequest, year: int) -> HttpResponse:
    """The year in the report layout, UTF-8 with BOM, formulas neutralised."""
    rows = report_rows(projects_for_report(fiscal_year=year).published())
    if not rows:
        raise Http404(f"{year}年度の協働事業は登録されていません。")
    return attachment(
        rows_to_csv(layout.DATASET_COLUMNS, rows, encoding="utf-8-sig"),
        filename=download_name(year, extension="csv"),
        content_type="text/csv; charset=utf-8",
    )


@require_safe
def opendata_json(request: HttpRequest, year: int) -> HttpResponse:
    """The year's structured records, as `manage.py export_report --format json` writes them."""
    records = report_records(projects_for_report(fiscal_year=year).published())
    if not records:
        raise Http404(f"{year}年度の協働事業は登録されていません。")
    text = json.dumps(records, ensure_ascii=False, indent=2) + "\n"
    return attachment(
        text.encode("utf-8"),
        filename=download_name(year, extension="json"),
        content_type="application/json; charset=utf-8",
    )


@require_safe
def opendata_events(request: HttpRequest, year: int) -> HttpResponse:
    """The year's sessions as the national 「イベント一覧」 dataset, UTF-8 with BOM."""
    if not Project.objects.published().for_year(year).exists():
        raise Http404(f"{year}年度の協働事業は登録されていません。")

    def url_for(pk: int) -> str:
        return request.build_absolute_uri(reverse("public:project", args=[pk]))

    return attachment(
        events_csv(event_rows(event_projects(year), url_for=url_for)),
        filename=events_name(year),
        content_type="text/csv; charset=utf-8",
    )
