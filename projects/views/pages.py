"""A project's page (with its years), a partner's page and a department's page."""

from itertools import groupby

from django.db.models import Exists, OuterRef
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from partners.models import Partner
from projects.models import Correction, Department, Project
from projects.report.cells import category_cell, links_of, name_cell, sessions_lines
from projects.report.charts import series_chart
from projects.selectors import (
    department_years,
    partner_years,
    project_series,
    with_report_relations,
)
from projects.wareki import fiscal_year_label


def _partner_groups(project: Project) -> list[dict]:
    """The partners as the report groups them (one run per role), each with its partner id."""
    return [
        {"role": role, "links": list(links)}
        for role, links in groupby(links_of(project), key=lambda link: link.role)
    ]


@require_safe
def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """`/projects/<pk>/`: every field in the report's wording, then the project's years."""
    corrected = Exists(Correction.objects.filter(project=OuterRef("pk")))
    queryset = with_report_relations(Project.objects.published()).annotate(corrected=corrected)
    project = get_object_or_404(queryset, pk=pk)
    series = project_series(project)
    context = {
        "project": project,
        "year_label": fiscal_year_label(project.fiscal_year),
        "name": name_cell(project),
        "category": category_cell(project),
        "partner_groups": _partner_groups(project),
        "sessions": sessions_lines(project),
        "series": series,
        "series_chart": series_chart(series) if series else "",
        # Changes after the year's report was published, with when and why: read only for a
        # project that has any (most have none, and their page costs no query more).
        "corrections": (
            list(project.corrections.order_by("corrected_at", "pk"))
            if getattr(project, "corrected", False)  # annotated above; the stubs cannot tell
            else []
        ),
    }
    return render(request, "public/detail.html", context)


@require_safe
def partner_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """`/partners/<pk>/`: every published project and year the partner took part in.

    A partner of drafts only is not shown: its name alone would tell of an unpublished project.
    """
    partner = get_object_or_404(Partner, pk=pk)
    years = partner_years(partner)
    if not years:
        raise Http404("公開している協働事業に、この関係団体は載っていません。")
    written = {
        link.written_as
        for group in years
        for project in group.projects
        for link in project.roles
        if link.written_as and link.written_as != partner.name
    }
    context = {
        "partner": partner,
        "years": years,
        "written_as": sorted(written),
        "projects": sum(len(group.projects) for group in years),
    }
    return render(request, "public/partner.html", context)


@require_safe
def department_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """`/departments/<pk>/`: the department's published projects by year, with the totals."""
    department = get_object_or_404(Department, pk=pk)
    years = department_years(department)
    if not years:
        raise Http404("この担当課の公開している協働事業はありません。")
    context = {
        "department": department,
        "years": years,
        "projects": sum(len(group.projects) for group in years),
    }
    return render(request, "public/department.html", context)
