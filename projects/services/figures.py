"""Marking fiscal years' figures (年次集計) as changed.

Called inside the transaction of the write, by the signal receivers of projects.signals for
every ORM save and delete, and by the bulk paths that send no signals (the import, the series
links). A new token per year makes every figure cached under the old one unused
(projects.report.figures); nothing is recounted until a page asks for it.
"""

import uuid
from collections.abc import Iterable

from projects.models import FiguresRevision, Project


def figures_mark_changed(*, years: Iterable[int | None]) -> None:
    """Give each of these fiscal years a new token (one upsert, whatever the number of years);
    a None (a year not loaded) is left out."""
    years = sorted({int(year) for year in years if year is not None})
    if not years:
        return
    # An upsert, not an UPDATE: a reader that has just created the year's row (and is counting
    # with the data before this write) must see its token replaced, or it would keep old figures.
    FiguresRevision.objects.bulk_create(
        [FiguresRevision(fiscal_year=year, token=uuid.uuid4()) for year in years],
        update_conflicts=True,
        unique_fields=["fiscal_year"],
        update_fields=["token"],
    )


def figures_mark_all_changed() -> None:
    """Every year: for a change that shows in all of them (a 担当課 or 協働の形態 renamed)."""
    years = set(Project.objects.values_list("fiscal_year", flat=True).distinct().order_by())
    years |= set(FiguresRevision.objects.values_list("fiscal_year", flat=True))
    figures_mark_changed(years=years)
