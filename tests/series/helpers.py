"""Small builders for projects across years."""

import datetime

from partners.models import Partner, PartnerKind
from projects.models import ProjectPartner, Session


def add_partner(project, name, *, kind=PartnerKind.OTHER, order=0):
    partner, _created = Partner.objects.get_or_create(name=name, defaults={"kind": kind})
    ProjectPartner.objects.create(project=project, partner=partner, order=order)
    return partner


def add_session(project, month, participants=None, *, approximate=False):
    year = project.fiscal_year if month >= 4 else project.fiscal_year + 1
    return Session.objects.create(
        project=project,
        start=datetime.date(year, month, 1),
        participants=participants,
        approximate=approximate,
    )
