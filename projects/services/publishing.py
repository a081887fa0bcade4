"""Publishing: what citizens see on the public pages and in the open data."""

from django.db import transaction
from django.db.models import F

from projects.models import Project


@transaction.atomic
def project_set_published(*, projects, published: bool, user) -> int:
    """Publish or withdraw projects; returns how many changed. Recorded in the history.

    The version moves on too, so a clerk's form opened before the change cannot save over it.
    """
    changing = Project.objects.filter(pk__in=[p.pk for p in projects]).exclude(published=published)
    pks = list(changing.values_list("pk", flat=True))
    if not pks:
        return 0
    Project.objects.filter(pk__in=pks).update(published=published, version=F("version") + 1)
    Project.history.bulk_history_create(
        list(Project.objects.filter(pk__in=pks)),
        update=True,
        default_user=user,
        default_change_reason="公開" if published else "非公開",
    )
    return len(pks)
