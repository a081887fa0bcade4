"""The yearly summary (年次集計): one fiscal year's figures and the change against the year before.

The figures are counted in the database by projects.report.figures, which keeps them until the
year changes: ``yearly_summary`` and ``yearly_series`` run a constant number of queries whatever
the number of projects and years.
"""

import copy
import csv
import io
from collections.abc import Iterable

from projects.display import UNKNOWN, people_text
from projects.models import Project
from projects.report.figures import year_figures
from projects.wareki import fiscal_year_label

COMPARED = ("projects", "participants_total", "partners")


def form_heading(form: str, projects: int) -> str:
    """「共催（23件）」."""
    return f"{form}（{projects}件）"


def circled(number: int) -> str:
    """① for 1 … ⑳ for 20; (21) beyond."""
    return chr(0x2460 + number - 1) if 1 <= number <= 20 else f"({number})"


def _with_headings(figures: dict) -> dict:
    """The year's figures as the summary shows them: each form with its heading 「共催（23件）」."""
    figures["by_form"] = [
        {
            "form": f["form"],
            "projects": f["projects"],
            "label": form_heading(f["form"], f["projects"]),
        }
        for f in figures["by_form"]
    ]
    return figures


def yearly_summary(fiscal_year: int) -> dict:
    """One fiscal year's summary, with the previous year (or None) and the change against it."""
    previous_year = fiscal_year - 1
    figures = year_figures([fiscal_year, previous_year])
    summary = _with_headings(figures[fiscal_year])
    before = figures[previous_year]
    previous = _with_headings(before) if before["projects"] else None
    summary["previous_year"] = previous
    summary["change"] = (
        {key: summary[key] - previous[key] for key in COMPARED} if previous is not None else None
    )
    return summary


def yearly_series(years: list[int] | None = None) -> list[dict]:
    """Every fiscal year in the register (or these years of it), oldest first: projects,
    participants and partners."""
    if years is None:
        years = fiscal_years()
    figures = year_figures(years)
    return [
        {
            "fiscal_year": year,
            "label": fiscal_year_label(year),
            "projects": figures[year]["projects"],
            "participants": figures[year]["participants_total"],
            "participants_approximate": figures[year]["participants_approximate"],
            "participants_unknown": figures[year]["participants_unknown"],
            "participants_text": total_people(figures[year]),
            "partners": figures[year]["partners"],
        }
        for year in sorted(years)
        if figures[year]["projects"]
    ]


def fiscal_years() -> list[int]:
    """The fiscal years that have projects, newest first (one query)."""
    return list(
        Project.objects.order_by("-fiscal_year").values_list("fiscal_year", flat=True).distinct()
    )


def department_people(department: dict) -> str:
    return people_text(
        department["participants"],
        department["approximate"],
        unknown=department["participants_unknown"],
        projects=department["projects"],
    )


def total_people(summary: dict) -> str:
    return people_text(
        summary["participants_total"],
        summary["participants_approximate"],
        unknown=summary["participants_unknown"],
        projects=summary["projects"],
    )


def _signed(number: int) -> str:
    return f"{number:+,}" if number else "±0"


def summary_text(summary: dict) -> str:
    """The summary as plain Japanese text for a terminal."""
    lines = [f"{summary['label']} 協働事業 年次集計", "", f"協働事業：{summary['projects']}件", ""]
    lines.append("■ 協働の形態")
    lines += [f"  {circled(i)} {f['label']}" for i, f in enumerate(summary["by_form"], 1)]
    lines += ["", "■ 実施区分"]
    lines += [f"  {c['category']}：{c['projects']}件" for c in summary["by_category"]]
    nvc = summary["new_vs_continuing"]
    lines.append(f"  （新規 {nvc['new']}件／継続 {nvc['continuing']}件／その他 {nvc['other']}件）")
    lines += ["", "■ 担当課別"]
    for d in summary["by_department"]:
        lines.append(f"  {d['department']}：{d['projects']}件 {department_people(d)}")
    lines += ["", "■ 参加人数"]
    total = total_people(summary)
    note = "（概数を含む）" if summary["participants_approximate"] else ""
    lines.append(f"  合計 {total}{note}")
    lines += ["", f"■ 関係団体：{summary['partners']}団体"]
    lines += [f"  {k['kind']}：{k['partners']}団体" for k in summary["partners_by_kind"]]
    previous = summary.get("previous_year")
    lines.append("")
    if previous is None:
        lines.append("■ 前年度：登録簿にありません")
    else:
        change = summary["change"]
        lines.append(f"■ 前年度（{previous['label']}）との比較")
        lines.append(
            f"  協働事業 {previous['projects']}件 → {summary['projects']}件"
            f"（{_signed(change['projects'])}）"
        )
        lines.append(
            f"  参加人数 {total_people(previous)} → {total_people(summary)}"
            f"（{_signed(change['participants_total'])}）"
        )
        lines.append(
            f"  関係団体 {previous['partners']}団体 → {summary['partners']}団体"
            f"（{_signed(change['partners'])}）"
        )
    return "\n".join(lines) + "\n"


SUMMARY_CSV_HEADERS = ("年度", "集計", "項目", "件数", "参加人数", "概数を含む")


def summary_rows(summary: dict) -> list[list]:
    """The summary as rows of SUMMARY_CSV_HEADERS, one per figure."""
    label = summary["label"]
    rows = [[label, "合計", "協働事業", summary["projects"], "", ""]]
    rows += [[label, "協働の形態", f["form"], f["projects"], "", ""] for f in summary["by_form"]]
    rows += [
        [label, "実施区分", c["category"], c["projects"], "", ""] for c in summary["by_category"]
    ]
    for d in summary["by_department"]:
        unknown = d["participants_unknown"]
        counted = unknown < d["projects"]
        rows.append(
            [
                label,
                "担当課",
                d["department"],
                d["projects"],
                d["participants"] if counted else UNKNOWN,
                "はい" if d["approximate"] else "",
            ]
        )
        if unknown and counted:  # the sum above leaves these projects out
            rows.append([label, "担当課：人数不明", d["department"], unknown, UNKNOWN, ""])
    rows.append(
        [
            label,
            "合計",
            "参加人数",
            "",
            summary["participants_total"],
            "はい" if summary["participants_approximate"] else "",
        ]
    )
    rows.append([label, "合計", "人数不明の協働事業", summary["participants_unknown"], "", ""])
    nvc = summary["new_vs_continuing"]
    rows += [
        [label, "新規・継続", "新規", nvc["new"], "", ""],
        [label, "新規・継続", "継続", nvc["continuing"], "", ""],
        [label, "新規・継続", "その他", nvc["other"], "", ""],
        [label, "合計", "関係団体", summary["partners"], "", ""],
    ]
    rows += [
        [label, "関係団体の種別", k["kind"], k["partners"], "", ""]
        for k in summary["partners_by_kind"]
    ]
    return rows


def summary_csv(
    summary: dict, *, encoding: str = "utf-8-sig", extra_rows: Iterable[list] = ()
) -> bytes:
    """The summary (and the year before) as CSV; extra_rows (the trend) follow in the same
    six columns."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(SUMMARY_CSV_HEADERS)
    rows = summary_rows(summary)
    if summary.get("previous_year"):
        rows += summary_rows(summary["previous_year"])
    rows += list(extra_rows)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def for_display(summary: dict) -> dict:
    """A copy of the summary with the figures written out for pages (「約12,054人」, 「+3」)."""
    shown = copy.deepcopy(summary)
    shown["participants_text"] = total_people(summary)
    for department in shown["by_department"]:
        department["participants_text"] = department_people(department)
    previous = shown.get("previous_year")
    if previous:
        previous["participants_text"] = total_people(previous)
        shown["change_text"] = {key: _signed(value) for key, value in summary["change"].items()}
    return shown
