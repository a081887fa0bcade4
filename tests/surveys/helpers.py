"""What the survey tests do to a project or share besides fixtures."""

import datetime

from projects.models import Category
from tests.factories import add_partner, make_session

DEADLINE = datetime.date(2025, 5, 31)


def complete(project) -> None:
    """Fill in what the checklist asks for: a session with a count, a partner, an effect."""
    make_session(project=project, start=datetime.date(project.fiscal_year, 9, 1), participants=25)
    if not project.partner_links.exists():
        add_partner(project=project, name="協力団体", order=1)
    project.effect = "参加者に好評でした"
    if project.category == Category.ANNUAL and project.since_year is None:
        project.since_year = 2010
    project.save()
