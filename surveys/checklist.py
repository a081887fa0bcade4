"""What an answer still lacks, computed from the records: per project, with a link to fix it.

What a project lacks (dates, counts, partners, effect) is projects.lacks' rule, the one the
admin's guide and list filter use; the survey adds what only its season checks (a date outside
the year, last year's 開始年 left out).

Pure functions over projects whose ``sessions`` and ``partner_links`` are prefetched (see
surveys.selectors): the checklist costs no query of its own. Each point has a stable key
("<project id>:<code>") so the reason a clerk gives for it at submission stays attached to it.
"""

from dataclasses import dataclass

from projects import lacks
from projects.lacks import project_lacks, uncounted_sessions
from projects.models import Category, Project
from projects.wareki import format_date, format_year, outside_fiscal_year


@dataclass(frozen=True)
class Point:
    """One missing thing: 「実施年月日、参加人数がありません」."""

    project_id: int
    code: str
    text: str

    @property
    def key(self) -> str:
        return f"{self.project_id}:{self.code}"


# The codes, in the order the checklist lists them, with what the clerk is told to do.
NO_SESSION = "no_session"
OUTSIDE_YEAR = "outside_year"
NO_PARTICIPANTS = "no_participants"
NO_PARTNER = "no_partner"
NO_EFFECT = "no_effect"
NO_SINCE_YEAR = "no_since_year"


def _sessions(project: Project) -> list:
    return sorted(project.sessions.all(), key=lambda s: (s.order, s.start, s.pk or 0))


def project_points(project: Project, *, previous_since_year: int | None = None) -> list[Point]:
    """The checklist of one project; ``previous_since_year`` is last year's 開始年, if any."""
    points = []
    sessions = _sessions(project)
    lacking = project_lacks(project)  # the rule every page shares (projects.lacks)

    def add(code: str, text: str) -> None:
        points.append(Point(project.pk, code, text))

    if lacks.SESSION in lacking:
        add(NO_SESSION, "実施年月日がありません。")
    outside = [s for s in sessions if outside_fiscal_year(project.fiscal_year, s.start, s.end)]
    if outside:
        dates = "、".join(format_date(s.start) for s in outside)
        add(OUTSIDE_YEAR, f"実施日（{dates}）が{project.fiscal_year_label}の外です。")
    if lacks.COUNT in lacking:
        uncounted = [format_date(s.start) for s in uncounted_sessions(project)]
        add(
            NO_PARTICIPANTS,
            f"参加人数がありません（{'、'.join(uncounted)}）。"
            "わからないときは、理由の欄に「不明」と書いてください。",
        )
    if lacks.PARTNER in lacking:
        add(NO_PARTNER, "取組に関係した団体等がありません。")
    if lacks.EFFECT in lacking:
        add(NO_EFFECT, "取組の効果、市民からの反響等が空欄です。")
    if (
        project.category == Category.ANNUAL
        and project.since_year is None
        and previous_since_year is not None
    ):
        add(
            NO_SINCE_YEAR,
            f"継続実施の開始年が空欄です（前年度は{format_year(previous_since_year)}頃から）。",
        )
    return points


def answer_points(projects, previous_since_years: dict[int, int]) -> dict[int, list[Point]]:
    """{project id: its points} for an answer's projects (an empty list when complete)."""
    return {
        project.pk: project_points(
            project, previous_since_year=previous_since_years.get(project.pk)
        )
        for project in projects
    }
