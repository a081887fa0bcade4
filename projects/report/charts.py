"""Charts as inline SVG drawn on the server: no chart library, nothing fetched, prints sharply.

Horizontal bars suit Japanese labels (they stay upright and readable at any length).
"""

import unicodedata
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from projects.display import UNKNOWN, people
from projects.wareki import fiscal_year_label

PALETTE = ("#2f6f9f", "#d9822b", "#3c8d5a", "#a14a76", "#6c5fa7", "#8a6d3b", "#c23b3b", "#4d8c8c")
FONT_SIZE = 13
ROW = 26
BAR = 16
TOP = 8
PAD = 8
BAR_AREA = 300


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    text: str = ""  # the value as shown (「約12,054人」); the number with , when empty


def text_width(text: str, size: int = FONT_SIZE) -> float:
    """Rough rendered width: full-width characters are a square em, others about 0.6 em."""
    return sum(size if unicodedata.east_asian_width(c) in "WF" else size * 0.6 for c in text)


def bar_chart(
    bars: list[Bar], *, title: str, colour: str | int = 0, bar_area: int = BAR_AREA
) -> SafeString:
    """A horizontal bar chart: label, bar scaled to the largest value, value after the bar."""
    fill = PALETTE[colour % len(PALETTE)] if isinstance(colour, int) else colour
    label_width = max([text_width(bar.label) for bar in bars] + [40]) + PAD
    value_width = max([text_width(_shown(bar)) for bar in bars] + [30]) + PAD
    width = int(label_width + bar_area + value_width + PAD)
    height = TOP * 2 + ROW * max(len(bars), 1)
    largest = max([bar.value for bar in bars] + [1])
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
    ]
    if not bars:
        parts.append(
            f'<text x="{PAD}" y="{TOP + ROW / 2 + 4}" font-size="{FONT_SIZE}" fill="#666">'
            "データがありません</text>"
        )
    for index, bar in enumerate(bars):
        y = TOP + index * ROW
        length = bar_area * bar.value / largest if bar.value else 0
        middle = y + ROW / 2
        parts.append(
            f'<g class="bar"><text x="{label_width - PAD:.1f}" y="{middle + 4.5:.1f}" '
            f'font-size="{FONT_SIZE}" text-anchor="end" fill="#222">{escape(bar.label)}</text>'
            f'<rect x="{label_width:.1f}" y="{middle - BAR / 2:.1f}" width="{max(length, 1):.1f}" '
            f'height="{BAR}" rx="2" fill="{fill}"><title>{escape(bar.label)}：'
            f"{escape(_shown(bar))}</title></rect>"
            f'<text x="{label_width + length + 6:.1f}" y="{middle + 4.5:.1f}" '
            f'font-size="{FONT_SIZE}" fill="#222">{escape(_shown(bar))}</text></g>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every text above is escaped


def _shown(bar: Bar) -> str:
    return bar.text or f"{bar.value:,}"


def summary_charts(
    summary: dict, series: list[dict] | None = None, *, bar_area: int = BAR_AREA
) -> list[dict]:
    """The charts of the 年次集計 page: [{title, svg}], with Japanese labels.

    A smaller ``bar_area`` gives narrower charts, so that two fit across a printed page.
    """

    def _chart(title: str, bars: list[Bar], colour: int) -> dict:
        return {
            "title": title,
            "svg": bar_chart(bars, title=title, colour=colour, bar_area=bar_area),
        }

    charts = [
        _chart(
            "協働の形態別 事業数",
            [Bar(f["form"], f["projects"], f"{f['projects']}件") for f in summary["by_form"]],
            0,
        ),
        _chart(
            "実施区分別 事業数",
            [
                Bar(c["category"], c["projects"], f"{c['projects']}件")
                for c in summary["by_category"]
            ],
            1,
        ),
        _chart(
            "担当課別 参加人数",
            [
                Bar(
                    d["department"],
                    d["participants"],
                    # 「不明」 for a department none of whose projects has a count, not 「0人」.
                    UNKNOWN
                    if d.get("participants_unknown", 0) >= d["projects"]
                    else people(d["participants"], d["approximate"]),
                )
                for d in summary["by_department"]
            ],
            2,
        ),
    ]
    if summary["partners_by_kind"]:
        kinds = summary["partners_by_kind"]
        bars = [Bar(k["kind"], k["partners"], f"{k['partners']}団体") for k in kinds]
        charts.append(_chart("種別ごとの関係団体数", bars, 4))
    if series and len(series) > 1:
        charts.append(
            _chart(
                "年度別 事業数",
                [Bar(y["label"], y["projects"], f"{y['projects']}件") for y in series],
                3,
            )
        )
        charts.append(
            _chart(
                "年度別 参加人数",
                [Bar(y["label"], y["participants"], y["participants_text"]) for y in series],
                5,
            )
        )
    return charts


def series_chart(series) -> str:
    """Participants per year of the series, as a small bar chart (inline SVG)."""
    bars = [
        Bar(
            label=fiscal_year_label(row.project.fiscal_year),
            value=row.project.participants_total or 0,
            text=people(row.project.participants_total, row.project.any_approximate),
        )
        for row in series
    ]
    return bar_chart(bars, title="参加人数の推移", bar_area=160)
