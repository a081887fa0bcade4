"""What a project lacks: one rule, read in SQL and in Python.

The first-day guide counts and lists it, the list filter 「入力の不足」 filters by it, and the
yearly survey's checklist tells a clerk about it; all three use this module, so a project lacks
the same things on every page. The SQL conditions (lack_conditions) and the Python reading of a
project with its sessions and partner links prefetched (project_lacks) say the same; a test
checks them against each other.

A count is lacking where a date, or a group of dates sharing one count, has no participants,
unless the project carries a reported total (「延べ165人」) standing for all of them.
"""

from collections import defaultdict

from django.db.models import Exists, OuterRef, Q
from django.db.models.expressions import Combinable

from projects.models import Project, ProjectPartner, Session

SESSION, COUNT, PARTNER, EFFECT = "session", "count", "partner", "effect"

# (code, label) in the order every page lists them; the codes are the list filter's values.
LACKS = (
    (SESSION, "実施年月日がない"),
    (COUNT, "参加人数がない実施日がある（年次集計で人数不明）"),
    (PARTNER, "関係団体がない"),
    (EFFECT, "取組の効果の記入がない"),
)


def lack_conditions() -> dict[str, Q | Combinable]:
    """For each code of LACKS, the condition a project lacking it meets."""
    sessions = Session.objects.filter(project=OuterRef("pk"))
    counted_group = Session.objects.filter(
        project=OuterRef("project"), group=OuterRef("group"), participants__isnull=False
    )
    uncounted = sessions.filter(participants__isnull=True).filter(
        Q(group=0) | ~Exists(counted_group)
    )
    return {
        SESSION: ~Exists(sessions),
        COUNT: Q(reported_participants_total__isnull=True) & Exists(uncounted),
        PARTNER: ~Exists(ProjectPartner.objects.filter(project=OuterRef("pk"))),
        EFFECT: Q(effect=""),
    }


def uncounted_sessions(project: Project) -> list[Session]:
    """The first session of each date or group of dates without a count, in order (none when
    a reported total stands for them)."""
    if project.reported_participants_total is not None:
        return []
    sessions = sorted(project.sessions.all(), key=lambda s: (s.order, s.start, s.pk or 0))
    groups: dict[int, list[Session]] = defaultdict(list)
    missing = []
    for session in sessions:
        if session.group:
            groups[session.group].append(session)
        elif session.participants is None:
            missing.append(session)
    for members in groups.values():
        if all(s.participants is None for s in members):
            missing.append(members[0])
    return sorted(missing, key=lambda s: (s.order, s.start, s.pk or 0))


def project_lacks(project: Project) -> set[str]:
    """The codes of LACKS the project lacks, read from its prefetched sessions and links."""
    lacking = set()
    if not project.sessions.all():
        lacking.add(SESSION)
    if uncounted_sessions(project):
        lacking.add(COUNT)
    if not project.partner_links.all():
        lacking.add(PARTNER)
    if project.effect == "":
        lacking.add(EFFECT)
    return lacking
