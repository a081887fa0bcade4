"""Many projects a keyword finds, made in a few queries (bulk), for the tests of long lists."""

import datetime

from projects.models import Category, Project, ProjectPartner, Session


def found_projects(count: int, form, department, *, partner=None) -> None:
    """`count` published projects of FY2023, each found by 「苫小牧」 (its name or a partner)."""
    projects = Project.objects.bulk_create(
        Project(
            fiscal_year=2023,
            form=form,
            number=n,
            name=f"苫小牧の協働事業{n}" if partner is None else f"協働事業{n}",
            department=department,
            category=Category.ANNUAL,
            published=True,
        )
        for n in range(1, count + 1)
    )
    Session.objects.bulk_create(
        Session(project=p, start=datetime.date(2023, 6, 1), participants=10) for p in projects
    )
    if partner is not None:
        ProjectPartner.objects.bulk_create(
            ProjectPartner(project=p, partner=partner, order=0) for p in projects
        )
