"""The trend section of 年次集計: up to ten fiscal years side by side.

Per year: projects by 協働の形態 and by 実施区分, participants, partners by 関係団体の種別, and
新規・継続 by the one definition the year's card uses (projects.report.figures: 新規 is
単年度(新規)実施, 継続 例年実施 and 2年に一度実施, the rest その他).
Like the rest of the summary it counts every project of the register, published or not.

``trends`` runs a constant number of queries whatever the number of projects or years (the
counting is projects.report.figures', shared with the rest of the summary); ``trend_rows`` gives the
rows of the summary CSV (projects.report.summary.SUMMARY_CSV_HEADERS) and ``trend_charts`` the
SVG charts, for templates/admin/projects/summary_trends.html.
"""

from dataclasses import dataclass, field

from partners.models import PartnerKind
from projects.display import UNKNOWN, people_text
from projects.models import Category
from projects.report.charts import Bar, bar_chart
from projects.report.figures import year_figures
from projects.report.summary import fiscal_years
from projects.wareki import fiscal_year_label

YEARS = 10


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
    new: int = 0  # 新規・継続 as the year's card counts them (figures' new_vs_continuing)
    continuing: int = 0
    other: int = 0

    @property
    def label(self) -> str:
        return fiscal_year_label(self.fiscal_year)

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


def trend_years(last_year: int, *, years: int = YEARS, available: list[int] | None = None):
    """The fiscal years with projects among the ``years`` ending at ``last_year``, oldest first
    (among ``available``, the years of the register, when the caller has them already)."""
    if available is None:
        available = fiscal_years()
    return sorted(year for year in available if last_year - years < year <= last_year)


def trends(last_year: int, *, years: int = YEARS, available: list[int] | None = None) -> Trends:
    """The trend over up to ``years`` fiscal years ending at ``last_year``, read from the
    years' figures (projects.report.figures): a constant number of queries."""
    chosen = trend_years(last_year, years=years, available=available)
    figures = year_figures(chosen)
    forms: dict[str, int] = {}
    rows = []
    for fiscal_year in chosen:
        year = figures[fiscal_year]
        for form in year["by_form"]:
            forms[form["form"]] = form["order"]
        rows.append(
            TrendYear(
                fiscal_year=fiscal_year,
                projects=year["projects"],
                by_form={form["form"]: form["projects"] for form in year["by_form"]},
                by_category={
                    c["category"]: c["projects"] for c in year["by_category"] if c["projects"]
                },
                participants=year["participants_total"],
                participants_approximate=year["participants_approximate"],
                participants_unknown=year["participants_unknown"],
                partners=year["partners"],
                partners_by_kind={k["kind"]: k["partners"] for k in year["partners_by_kind"]},
                new=year["new_vs_continuing"]["new"],
                continuing=year["new_vs_continuing"]["continuing"],
                other=year["new_vs_continuing"]["other"],
            )
        )
    present = {kind for year in rows for kind in year.partners_by_kind}
    return Trends(
        years=rows,
        forms=sorted(forms, key=lambda name: (forms[name], name)),
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
        rows.append([label, f"{TREND}：新規・継続", "継続", year.continuing, "", ""])
        rows.append([label, f"{TREND}：新規・継続", "その他", year.other, "", ""])
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
            [Bar(y.label, y.continuing, f"{y.continuing}件（新規{y.new}件）") for y in years],
        ),
    ]
    return [
        {
            "title": f"{title}の推移",
            "svg": bar_chart(bars, title=f"{title}の推移", colour=i, bar_area=bar_area),
        }
        for i, (title, bars) in enumerate(charts)
    ]
