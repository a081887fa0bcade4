"""Next year's drafts: copy recurring projects into the year they run next (次年度へ複製).

例年実施 projects go to the next fiscal year, 2年に一度実施 ones two years on. The copy keeps the
name (with its year moved on), department, form, category, since-year, partners (role, count and
wording) and purpose; it has no sessions and no effect, which the department fills in that year.
Copying again creates nothing more: a project of the new year with the same form, department and
name already counts as the copy.
"""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max

from projects.models import Project, ProjectPartner
from projects.permissions import can_edit_department
from projects.rules import STEP, name_for_year, next_year_of


def _may_copy(user, project: Project) -> bool:
    """The user may add projects to the department's next year (None: a command on the server,
    such as open_survey). A year the department has answered in the survey is closed to clerks.
    """
    if user is None:
        return True
    return can_edit_department(user, project.department_id, next_year_of(project))


def skip_reason(project: Project, *, user) -> str | None:
    """Why the project cannot be copied by this user, or None when it can."""
    if project.category not in STEP:
        return f"実施区分が「{project.get_category_display()}」のため複製しません。"
    if not _may_copy(user, project):
        return "担当課の職員ではないか、複製先の年度の調査に回答済みのため複製できません。"
    return None


@transaction.atomic
def project_copy_to_next_year(*, projects: Iterable[Project], user) -> list[Project]:
    """Create next year's records of the recurring projects; return those created.

    Projects that do not recur (単年度(新規)実施, その他) are skipped, as are those whose copy
    already exists. Raises PermissionDenied, creating nothing, when the user may not edit one of
    the projects' departments.
    """
    projects = list(projects)
    refused = [p for p in projects if not _may_copy(user, p)]
    if refused:
        names = "、".join(f"No.{p.number} {p.name}" for p in refused)
        raise PermissionDenied(
            f"担当課の職員ではないか、複製先の年度の調査に回答済みのため複製できません：{names}"
        )

    plans = []
    for project in projects:
        year = next_year_of(project)
        if year is None:
            continue
        name = name_for_year(project.name, from_year=project.fiscal_year, to_year=year)
        plans.append((project, year, name))
    if not plans:
        return []

    years = {year for _project, year, _name in plans}
    existing = set(
        Project.objects.filter(fiscal_year__in=years).values_list(
            "fiscal_year", "form_id", "department_id", "name"
        )
    )
    next_number = {
        (row["fiscal_year"], row["form_id"]): row["last"] + 1
        for row in Project.objects.filter(fiscal_year__in=years)
        .values("fiscal_year", "form_id")
        .annotate(last=Max("number"))
        .order_by()
    }
    sources: dict[int, list[ProjectPartner]] = {project.pk: [] for project, _y, _n in plans}
    for link in ProjectPartner.objects.filter(project_id__in=list(sources)).order_by(
        "project_id", "order", "pk"
    ):
        sources[link.project_id].append(link)

    created = []
    for project, year, name in plans:
        key = (year, project.form_id, project.department_id, name)
        if key in existing:
            continue
        existing.add(key)
        number = next_number.get((year, project.form_id), 1)
        next_number[(year, project.form_id)] = number + 1
        copy = Project(
            fiscal_year=year,
            form_id=project.form_id,
            number=number,
            name=name,
            department_id=project.department_id,
            category=project.category,
            since_year=project.since_year,
            purpose=project.purpose,
            previous_id=project.pk,  # the copy's series: its original is the year before
        )
        copy._history_user = user
        copy._change_reason = f"{project.fiscal_year_label} No.{project.number} から複製"
        copy.save()
        for link in sources[project.pk]:
            new_link = ProjectPartner(
                project=copy,
                partner_id=link.partner_id,
                order=link.order,
                role=link.role,
                count=link.count,
                written_as=link.written_as,
            )
            new_link._history_user = user
            new_link.save()
        created.append(copy)
    return created
