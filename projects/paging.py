"""Pages of a long list that count only as far as they need: 「1,000件以上」.

A keyword such as 「苫小牧」 matches most of a register of 100,000 projects, and counting every
match (with its partner subqueries) cost more than showing the page. Nobody reads the exact
figure of a list past a thousand; what they need is the page, the next one, and an honest size.
So the count reads at most `limit + 1` rows (COUNT over a LIMIT subquery): when that many are
there, the list says 「1,000件以上」 (true, as more than the limit were seen), never a number
that is not the count.

The limit grows with the page asked for (page 30 of 50 counts up to 1,500), so every page with
rows stays reachable and 「次へ」 always leads on while there is more.
"""

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.utils.functional import cached_property

COUNT_LIMIT = 1000


def _page_number(value) -> int:
    try:
        return max(int(value), 1)
    except (TypeError, ValueError):
        return 1


class CappedPaginator(Paginator):
    """A Paginator whose `count` stops past max(COUNT_LIMIT, the asked page's last row).

    `capped` is True when it stopped (the list has more rows than `limit`); `count_text` is
    the size to show: 「58件」 or 「1,000件以上」. Same single COUNT query as Paginator's.
    """

    object_list: QuerySet  # a queryset only: `count` narrows it

    def __init__(
        self,
        object_list,
        per_page,
        orphans=0,
        allow_empty_first_page=True,
        *,
        page=None,
        searched: bool = True,
    ):
        super().__init__(object_list, per_page, orphans, allow_empty_first_page)
        # Without a keyword the list is filtered by indexed columns only (年度, 担当課, …) and its
        # exact count is cheap: a coordinator sees 「10,412件」, not 「1,000件以上」.
        self.limit = max(COUNT_LIMIT, _page_number(page) * int(per_page)) if searched else None

    @cached_property
    def count(self) -> int:
        # Only the rows matter, not their order nor their columns (the participants of each):
        # no sort over the whole match, no subquery per row.
        rows = self.object_list.order_by().values("pk")
        return (rows if self.limit is None else rows[: self.limit + 1]).count()

    @property
    def capped(self) -> bool:
        return self.limit is not None and self.count > self.limit

    @property
    def count_text(self) -> str:
        if self.capped:
            return f"{self.limit:,}件以上"
        return f"{self.count:,}件"
