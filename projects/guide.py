"""The first-day guide on the admin's home page: what to do this season, in a few lines.

A clerk: their departments' projects of the register's latest fiscal year, what is missing in
them (no session, no count, no partner, no effect), and where the import and the history are.
The coordinator: the year's state (projects, published or not, and the same gaps, as counts).
A constant number of queries, whatever the number of departments and projects.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Max, Q
from django.urls import reverse
from django.utils import timezone

from projects.lacks import LACKS, lack_conditions
from projects.models import Department, Project
from projects.permissions import department_ids_of, is_coordinator
from projects.wareki import fiscal_year_label, format_date

SHOWN = 5  # projects named per line; the rest behind a link to the list


@dataclass
class Gap:
    code: str
    label: str
    count: int = 0
    projects: list[dict] = field(default_factory=list)  # the first SHOWN, for a clerk
    url: str = ""  # the list filtered to these projects

    @property
    def more(self) -> int:
        return self.count - len(self.projects) if self.projects else 0


@dataclass
class Guide:
    fiscal_year: int | None
    coordinator: bool
    departments: list[str] = field(default_factory=list)
    projects: int = 0
    published: int = 0
    gaps: list[Gap] = field(default_factory=list)
    latest_change: dict | None = None  # the last change of one of these projects
    links: dict[str, str] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return fiscal_year_label(self.fiscal_year) if self.fiscal_year else ""

    @property
    def unpublished(self) -> int:
        return self.projects - self.published

    @property
    def open_gaps(self) -> list[Gap]:
        return [gap for gap in self.gaps if gap.count]


def first_day_guide(user) -> Guide | None:
    """The guide for this user, or None for a user who neither coordinates nor has a department."""
    coordinator = is_coordinator(user)
    department_ids = set() if coordinator else department_ids_of(user)
    if not coordinator and not department_ids:
        return None
    fiscal_year = Project.objects.aggregate(latest=Max("fiscal_year"))["latest"]
    guide = Guide(fiscal_year=fiscal_year, coordinator=coordinator)
    if not coordinator:
        guide.departments = list(
            Department.objects.filter(pk__in=department_ids)
            .order_by("name")
            .values_list("name", flat=True)
        )
    guide.links = _links(fiscal_year, department_ids)
    if fiscal_year is None:
        return guide
    projects = Project.objects.filter(fiscal_year=fiscal_year)
    if not coordinator:
        projects = projects.filter(department_id__in=department_ids)
    conditions = lack_conditions()
    if coordinator:
        _count(guide, projects, conditions)
    else:
        _list(guide, projects, conditions)
    guide.latest_change = _latest_change(projects)
    return guide


def _count(guide: Guide, projects, conditions) -> None:
    """The coordinator: counts only, one query."""
    totals = projects.aggregate(
        total=Count("pk"),
        published=Count("pk", filter=Q(published=True)),
        **{code: Count("pk", filter=condition) for code, condition in conditions.items()},
    )
    guide.projects, guide.published = totals["total"], totals["published"]
    base = guide.links["year_list"]
    guide.gaps = [
        Gap(code, label, totals[code], url=f"{base}&missing={code}") for code, label in LACKS
    ]


def _list(guide: Guide, projects, conditions) -> None:
    """A clerk: their projects with what each lacks, one query."""
    rows = (
        projects.annotate(**{f"lacks_{code}": condition for code, condition in conditions.items()})
        .order_by("form__order", "form__name", "number")
        .values(
            "pk", "number", "name", "published", "form__name", "department__name",
            *(f"lacks_{code}" for code, _label in LACKS),
        )
    )  # fmt: skip
    rows = list(rows)
    guide.projects = len(rows)
    guide.published = sum(1 for row in rows if row["published"])
    base = guide.links["year_list"]
    for code, label in LACKS:
        lacking = [row for row in rows if row[f"lacks_{code}"]]
        guide.gaps.append(
            Gap(code, label, len(lacking), lacking[:SHOWN], url=f"{base}&missing={code}")
        )


def _latest_change(projects) -> dict | None:
    record = (
        Project.history.filter(id__in=projects.values("pk"))
        .select_related("history_user")
        .order_by("-history_date")
        .values(
            "id", "name", "number", "history_date", "history_change_reason",
            "history_user__last_name", "history_user__first_name", "history_user__username",
        )
        .first()
    )  # fmt: skip
    if record is None:
        return None
    user = " ".join(
        part for part in (record["history_user__last_name"], record["history_user__first_name"])
        if part
    ) or record["history_user__username"]  # fmt: skip
    # A change nobody signed (an import from the command) is named by its reason.
    user = user or (record["history_change_reason"] or "").split("（")[0] or "記録者なし"
    return {
        **record,
        "who": user,
        "when": format_date(timezone.localtime(record["history_date"]).date()),
        "url": reverse("admin:projects_project_history", args=[record["id"]]),
    }


def _links(fiscal_year: int | None, department_ids: set[int]) -> dict[str, str]:
    changelist = reverse("admin:projects_project_changelist")
    year_list = f"{changelist}?fiscal_year={fiscal_year}" if fiscal_year else f"{changelist}?"
    if len(department_ids) == 1:
        year_list += f"&department__id__exact={next(iter(department_ids))}"
    return {
        "year_list": year_list,
        "unpublished": f"{year_list}&published__exact=0",
        "import": reverse("admin:projects_project_import"),
        "add": reverse("admin:projects_project_add"),
        "summary": reverse("admin:projects_project_summary")
        + (f"?fiscal_year={fiscal_year}" if fiscal_year else ""),
    }
