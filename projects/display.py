"""How a count of people reads, wherever it is shown: pages, charts, 年次集計, the admin.

Pure functions at the bottom of the app, so that the report, the selectors, the template tags,
the admin and the views all format a count by the same code, with one mark for a count nobody
knows. (The published report's own cells keep the report's notation, 「-」: projects.report.)
"""

UNKNOWN = "不明"  # no count was recorded: never 0人


def people(total: int | None, approximate: bool = False) -> str:
    """「約1,234人」 / 「305人」 / 「不明」 when no count was recorded."""
    if total is None:
        return UNKNOWN
    return f"{'約' if approximate else ''}{total:,}人"


def people_text(number: int, approximate: bool, *, unknown: int = 0, projects: int = 0) -> str:
    """A sum over projects: 「約12,054人」; 「12,054人（人数不明 2件）」 when some projects have no
    count; 「不明」 when none has one (a sum of nothing is not 0人)."""
    if projects and unknown >= projects:
        return UNKNOWN
    text = people(number, approximate)
    return f"{text}（人数不明 {unknown}件）" if unknown else text
