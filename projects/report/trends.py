"""The trend section of 年次集計: up to ten fiscal years side by side.

Per year: projects by 協働の形態 and by 実施区分, participants, partners by 関係団体の種別, and
new against continued projects. A project counts as continued when it is linked to an earlier
year (``previous``) or its 継続実施の開始年 lies before the year; every other project is new.
Like the rest of the summary it counts every project of the register, published or not.

``trends`` runs 5 queries whatever the number of projects or years; ``trend_rows`` gives the
rows of the summary CSV (projects.report.summary.SUMMARY_CSV_HEADERS) and ``trend_charts`` the
SVG charts, for templates/admin/projects/summary_trends.html.
"""

from dataclasses import dataclass, field

from django.db.models import Count, F, Q, Sum

from partners.models import Partner, PartnerKind
from projects.models import Category, Project
from projects.report.charts import Bar, bar_chart
from projects.report.summary import UNCOUNTED, UNKNOWN, people_text
from projects.wareki import fiscal_year_label

YEARS = 10

# Continued: linked to an earlier year, or running since before this year.
CONTINUED = Q(previous__isnull=False) | Q(since_year__lt=F("fiscal_year"))


@dataclass
class TrendYear:
    fiscal_year: int
    projects: int = 0
    by_form: dict[str, int] = field(default_factory=dict)
    by_category: dict[str, int] = field(default_factory=dict)
    participants: int = 0
    participants_approximate: bool = False
    participants_unknown: int = 0  # projects without any count: left out of the sum, never 0人
    partners: int = 0
    partners_by_kind: dict[str, int] = field(default_factory=dict)
    continued: int = 0

    @property
    def label(self) -> str:
        return fiscal_year_label(self.fiscal_year)

    @property
    def new(self) -> int:
        return self.projects - self.continued

    @property
    def participants_known(self) -> bool:
        return self.participants_unknown < self.projects

    @property
    def participants_text(self) -> str:
        """「約12,054人」, 「12,054人（人数不明 2件）」 or 「不明」, as the rest of the summary."""
        return people_text(
            self.participants,
            self.participants_approximate,
            unknown=self.participants_unknown,
            projects=self.projects,
        )


@dataclass
class Trends:
    """The years oldest first, and the column heads (forms, categories, kinds) in their order."""

    years: list[TrendYear]
    forms: list[str]
    categories: list[str]
    kinds: list[str]

    def form_rows(self) -> list[tuple[str, list[int]]]:
        return [(name, [y.by_form.get(name, 0) for y in self.years]) for name in self.forms]

    def category_rows(self) -> list[tuple[str, list[int]]]:
        return [(c, [y.by_category.get(c, 0) for y in self.years]) for c in self.categories]

    def kind_rows(self) -> list[tuple[str, list[int]]]:
        return [(k, [y.partners_by_kind.get(k, 0) for y in self.years]) for k in self.kinds]


def trend_years(last_year: int, *, years: int = YEARS) -> list[int]:
    """The fiscal years with projects among the ``years`` ending at ``last_year``, oldest first."""
    found = (
        Project.objects.filter(fiscal_year__lte=last_year, fiscal_year__gt=last_year - years)
        .order_by("fiscal_year")
        .values_list("fiscal_year", flat=True)
        .distinct()
    )
    return list(found)


def trends(last_year: int, *, years: int = YEARS) -> Trends:
    """The trend over up to ``years`` fiscal years ending at ``last_year``: 5 queries."""
    chosen = trend_years(last_year, years=years)
    rows = {year: TrendYear(year) for year in chosen}
    projects = Project.objects.filter(fiscal_year__in=chosen)

    form_names = []
    by_form = (
        projects.values("fiscal_year", "form__name", "form__order")
        .annotate(n=Count("pk"))
        .order_by("form__order", "form__name", "fiscal_year")
    )
    for row in by_form:
        rows[row["fiscal_year"]].by_form[row["form__name"]] = row["n"]
        rows[row["fiscal_year"]].projects += row["n"]
        if row["form__name"] not in form_names:
            form_names.append(row["form__name"])

    labels = dict(Category.choices)
    by_category = (
        projects.values("fiscal_year", "category")
        .annotate(
            n=Count("pk"),
            continued=Count("pk", filter=CONTINUED),
            unknown=Count("pk", filter=UNCOUNTED),
        )
        .order_by()
    )
    for row in by_category:
        year = rows[row["fiscal_year"]]
        year.by_category[str(labels.get(row["category"], row["category"]))] = row["n"]
        year.continued += row["continued"]
        year.participants_unknown += row["unknown"]

    participants = (
        projects.values("fiscal_year")
        .annotate(
            total=Sum("sessions__participants"),
            approximate=Count("sessions", filter=Q(sessions__approximate=True)),
        )
        .order_by()
    )
    for row in participants:
        rows[row["fiscal_year"]].participants = row["total"] or 0
        rows[row["fiscal_year"]].participants_approximate = bool(row["approximate"])

    kinds = dict(PartnerKind.choices)
    by_kind = (
        Partner.objects.filter(project_links__project__fiscal_year__in=chosen)
        .values("project_links__project__fiscal_year", "kind")
        .annotate(n=Count("pk", distinct=True))
        .order_by()
    )
    for row in by_kind:
        year = rows[row["project_links__project__fiscal_year"]]
        year.partners_by_kind[str(kinds.get(row["kind"], row["kind"]))] = row["n"]
        year.partners += row["n"]  # a partner has one kind: the sum counts each once

    present = {kind for year in rows.values() for kind in year.partners_by_kind}
    return Trends(
        years=[rows[year] for year in chosen],
        forms=form_names,
        categories=[str(label) for _value, label in Category.choices],
        kinds=[str(label) for _value, label in PartnerKind.choices if str(label) in present],
    )


TREND = "推移"


def trend_rows(trend: Trends) -> list[list]:
    """The trend as rows of the summary CSV (年度, 集計, 項目, 件数, 参加人数, 概数を含む)."""
    rows = []
    for year in trend.years:
        label = year.label
        rows.append([label, f"{TREND}：合計", "協働事業", year.projects, "", ""])
        rows += [
            [label, f"{TREND}：協働の形態", name, year.by_form.get(name, 0), "", ""]
            for name in trend.forms
        ]
        rows += [
            [label, f"{TREND}：実施区分", name, year.by_category.get(name, 0), "", ""]
            for name in trend.categories
        ]
        approximate = "はい" if year.participants_approximate else ""
        participants = year.participants if year.participants_known else UNKNOWN
        rows.append([label, f"{TREND}：合計", "参加人数", "", participants, approximate])
        rows.append(
            [label, f"{TREND}：合計", "人数不明の協働事業", year.participants_unknown, "", ""]
        )
        rows.append([label, f"{TREND}：合計", "関係団体", year.partners, "", ""])
        rows += [
            [label, f"{TREND}：関係団体の種別", kind, year.partners_by_kind.get(kind, 0), "", ""]
            for kind in trend.kinds
        ]
        rows.append([label, f"{TREND}：新規・継続", "新規", year.new, "", ""])
        rows.append([label, f"{TREND}：新規・継続", "継続", year.continued, "", ""])
    return rows


def trend_charts(trend: Trends, *, bar_area: int = 240) -> list[dict]:
    """[{title, svg}]: projects, participants and partners per year, and the continued share."""
    years = trend.years
    charts = [
        ("協働事業の件数", [Bar(y.label, y.projects, f"{y.projects}件") for y in years]),
        ("参加人数", [Bar(y.label, y.participants, y.participants_text) for y in years]),
        ("関係団体の数", [Bar(y.label, y.partners, f"{y.partners}団体") for y in years]),
        (
            "継続の協働事業",
            [Bar(y.label, y.continued, f"{y.continued}件（新規{y.new}件）") for y in years],
        ),
    ]
    return [
        {
            "title": f"{title}の推移",
            "svg": bar_chart(bars, title=f"{title}の推移", colour=i, bar_area=bar_area),
        }
        for i, (title, bars) in enumerate(charts)
    ]
