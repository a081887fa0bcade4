"""The figures of fiscal years, counted once and kept until one of the years changes.

One year's figures are everything 年次集計 shows of it: projects by 協働の形態, 実施区分 and
担当課, participants, partners by 種別, and 新規・継続 by 実施区分. The summary, its comparison with
the year before, the trend over ten years and the all-years table are read from them
(projects.report.summary and trends), so the page counts each year once, not three times.

Counted figures are cached (Django's cache) under the year's token (FiguresRevision), which every
write that changes the year replaces in its own transaction (projects.signals,
projects.services.figures). A reader takes the tokens first and counts after: a write committed
meanwhile leaves a new token, so figures are never kept under a token older than their data.
Reading kept figures runs 1 query; counting adds 5, whatever the number of years and projects.
"""

from django.core.cache import cache
from django.db.models import Count, Exists, OuterRef, Q, Sum

from partners.models import Partner, PartnerKind
from projects.models import Category, FiguresRevision, Project, Session
from projects.names import department_name_in_year, form_name_in_year
from projects.wareki import fiscal_year_label

# A project whose count is unknown (「-」 in the report): no session of it has a count. Such a
# project adds nothing to a sum, and is counted apart, never as 0人.
UNCOUNTED = ~Exists(
    Session.objects.filter(project=OuterRef("pk"), participants__isnull=False).values("pk")
)
APPROXIMATE = Q(approximate=True)  # a session's 「約」

_KEY = "kyodo:figures:v2:{year}:{token}"  # v2: the shape of the dict below


def year_figures(years) -> dict[int, dict]:
    """{year: figures} for these fiscal years (a year without projects has zero figures)."""
    years = sorted(set(years))
    if not years:
        return {}
    tokens = _tokens(years)
    keys = {year: _KEY.format(year=year, token=tokens[year]) for year in years}
    cached = cache.get_many(keys.values())
    figures = {year: cached[keys[year]] for year in years if keys[year] in cached}
    missing = [year for year in years if year not in figures]
    if missing:
        counted = count_years(missing)
        cache.set_many({keys[year]: counted[year] for year in missing}, timeout=None)
        figures.update(counted)
    return figures


def _tokens(years: list[int]) -> dict[int, str]:
    def read() -> dict:
        rows = FiguresRevision.objects.filter(fiscal_year__in=years)
        return dict(rows.values_list("fiscal_year", "token"))

    tokens = read()
    if len(tokens) < len(years):
        # A year seen for the first time gets its row before anything is counted, so that a
        # write from now on replaces its token. Two readers may race here: one row wins.
        FiguresRevision.objects.bulk_create(
            [FiguresRevision(fiscal_year=year) for year in years if year not in tokens],
            ignore_conflicts=True,
        )
        tokens = read()
    return {year: token.hex for year, token in tokens.items()}


def _empty_year(fiscal_year: int) -> dict:
    return {
        "fiscal_year": fiscal_year,
        "label": fiscal_year_label(fiscal_year),
        "projects": 0,
        "by_form": [],  # [{form, order, projects}] in the report's order of forms
        "by_category": [
            {"category": str(label), "projects": 0} for _value, label in Category.choices
        ],
        "by_department": [],
        "participants_total": 0,
        "participants_approximate": False,
        "participants_unknown": 0,  # projects without any count
        "new_vs_continuing": {"new": 0, "continuing": 0, "other": 0},  # by 実施区分
        "partners": 0,
        "partners_by_kind": [],
    }


def count_years(years: list[int]) -> dict[int, dict]:
    """Count the figures of these years in the database: 5 queries, whatever their number."""
    figures = {year: _empty_year(year) for year in years}
    projects = Project.objects.filter(fiscal_year__in=years)
    _count_forms(figures, projects)
    _count_categories(figures, projects)
    _count_departments(figures, projects)
    _count_partners(figures, years)
    return figures


def _count_forms(figures: dict, projects) -> None:
    # Counted by form and named as the year named it (a later rename changes no past year).
    by_form = (
        projects.annotate(form_name=form_name_in_year())
        .values("fiscal_year", "form_id", "form_name", "form__order")
        .annotate(n=Count("id"))
        .order_by("fiscal_year", "form__order", "form_name")
    )
    for row in by_form:
        year = figures[row["fiscal_year"]]
        year["by_form"].append(
            {"form": row["form_name"], "order": row["form__order"], "projects": row["n"]}
        )
        year["projects"] += row["n"]


def _count_categories(figures: dict, projects) -> None:
    rows = projects.values("fiscal_year", "category").annotate(n=Count("id"))
    counts = {}
    for row in rows.order_by():
        counts[row["fiscal_year"], row["category"]] = row["n"]
    for fiscal_year, year in figures.items():
        for item, value in zip(year["by_category"], Category.values, strict=True):
            item["projects"] = counts.get((fiscal_year, value), 0)
        year["new_vs_continuing"] = {
            "new": counts.get((fiscal_year, Category.NEW), 0),
            "continuing": counts.get((fiscal_year, Category.ANNUAL), 0)
            + counts.get((fiscal_year, Category.BIENNIAL), 0),
            "other": counts.get((fiscal_year, Category.OTHER), 0),
        }


def _count_departments(figures: dict, projects) -> None:
    # Projects and sessions are counted apart: one query joining both would count each project
    # once per session (COUNT DISTINCT, a sort of every session of the years: slower).
    by_department = (
        projects.annotate(department_name=department_name_in_year())
        .values("fiscal_year", "department_id", "department_name")
        .annotate(n=Count("id"), unknown=Count("id", filter=UNCOUNTED))
        .order_by("fiscal_year", "department_name")
    )
    sessions = (
        Session.objects.filter(project__fiscal_year__in=list(figures))
        .values("project__fiscal_year", "project__department_id")
        .annotate(participants=Sum("participants"), approximate=Count("id", filter=APPROXIMATE))
        .order_by()
    )
    counted = {
        (row["project__fiscal_year"], row["project__department_id"]): row for row in sessions
    }
    for row in by_department:
        year = figures[row["fiscal_year"]]
        people = counted.get((row["fiscal_year"], row["department_id"]), {})
        participants = people.get("participants") or 0
        approximate = bool(people.get("approximate"))
        year["by_department"].append(
            {
                "department": row["department_name"],
                "projects": row["n"],
                "participants": participants,
                "approximate": approximate,
                "participants_unknown": row["unknown"],
            }
        )
        year["participants_total"] += participants
        year["participants_approximate"] |= approximate
        year["participants_unknown"] += row["unknown"]
    for year in figures.values():
        year["by_department"].sort(key=lambda d: (-d["participants"], -d["projects"]))


def _count_partners(figures: dict, years: list[int]) -> None:
    kinds = dict(PartnerKind.choices)
    by_kind = (
        Partner.objects.filter(project_links__project__fiscal_year__in=years)
        .values("project_links__project__fiscal_year", "kind")
        .annotate(n=Count("id", distinct=True))
        .order_by("project_links__project__fiscal_year", "kind")
    )
    for row in by_kind:
        year = figures[row["project_links__project__fiscal_year"]]
        year["partners_by_kind"].append(
            {"kind": str(kinds.get(row["kind"], row["kind"])), "partners": row["n"]}
        )
        year["partners"] += row["n"]  # a partner has one kind: the sum counts each once
    label_order = {str(label): index for index, label in enumerate(kinds.values())}
    for year in figures.values():
        year["partners_by_kind"].sort(key=lambda k: (-k["partners"], label_order[k["kind"]]))
