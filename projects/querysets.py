"""The reads of projects: the QuerySet verbs the admin, the public pages, the report and the
API call, so that an ordering, a sum or a search is written once.

The models are imported inside the verbs: projects.models builds its manager from this class.
"""

from django.db import models
from django.db.models import Count, Min, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.db.models.lookups import IsNull

from partners.models import Partner, PartnerAlias

# The order the report prints its rows in: by year, by 協働の形態 (①②… as the form's 表示順),
# then by No. Every list, export and page that follows the report uses this one tuple.
REPORT_ORDER = ("fiscal_year", "form__order", "form__name", "number")


class ProjectQuerySet(models.QuerySet):
    """The reads the admin, the public pages, the report and the API call."""

    def for_year(self, fiscal_year: int):
        return self.filter(fiscal_year=fiscal_year)

    def of_form(self, form):  # a Form or its name
        from projects.models import Form

        if isinstance(form, Form):
            return self.filter(form=form)
        return self.filter(form__name=form.strip())

    def recurring(self):
        from projects.models import Category

        return self.filter(category__in=[Category.ANNUAL, Category.BIENNIAL])

    def published(self):
        """What citizens see: the public pages and the open data."""
        return self.filter(published=True)

    def in_report_order(self):
        return self.order_by(*REPORT_ORDER)

    def matching(self, text: str):
        """Projects where every word of the text (ten at most) appears in the name, purpose or
        effect, or in a partner: its name, another spelling of it, or the report's wording.

        The keyword search of the admin, the public list and the API. Partners are matched by
        subqueries, so no project is repeated and a list's sums are not multiplied.

        The partner test is a scalar subquery on the project's own links (found by index), one
        row at a time, so a page or a capped count (projects.paging) stops once it has its rows.
        An IN or EXISTS subquery was turned by both databases into the set of every matching
        link first: for a common word such as 「苫小牧」 a scan of all 350,000 partner links
        (85-220 ms at 100,000 projects) before the first row.
        """
        from projects.models import ProjectPartner

        queryset = self
        for word in text.split()[:10]:
            spelled = PartnerAlias.objects.filter(name__icontains=word).values("partner_id")
            partners = Partner.objects.filter(Q(name__icontains=word) | Q(pk__in=spelled))
            linked = (
                ProjectPartner.objects.filter(
                    Q(partner__in=partners.values("pk")) | Q(written_as__icontains=word),
                    project=OuterRef("pk"),
                )
                .order_by()
                .values("pk")[:1]
            )
            queryset = queryset.filter(
                Q(name__icontains=word)
                | Q(purpose__icontains=word)
                | Q(effect__icontains=word)
                | IsNull(Subquery(linked), False)
            )
        return queryset

    def with_participants(self):
        """Annotate participants_total (None when no session has a count), first_start and
        any_approximate.

        Subqueries rather than joins: a join on sessions would multiply the rows that other
        joins (partners in a keyword search) bring, and the sums with them.
        """
        from projects.models import Session

        sessions = Session.objects.filter(project=OuterRef("pk")).order_by().values("project")
        return self.annotate(
            participants_total=Subquery(
                sessions.annotate(total=Sum("participants")).values("total")
            ),
            first_start=Subquery(sessions.annotate(first=Min("start")).values("first")),
            # A scalar subquery, not EXISTS: PostgreSQL turns an EXISTS into a hash of every
            # approximate session (a scan of the whole table, 20 ms at 100,000 projects) even
            # for the 50 rows of a page; this one looks up each row's sessions by index.
            any_approximate=Coalesce(
                Subquery(
                    Session.objects.filter(project=OuterRef("pk"), approximate=True)
                    .order_by()
                    .values("approximate")[:1]
                ),
                False,
            ),
        )

    def with_session_count(self):
        """Annotate session_count: the project's dates (実施), 0 when none."""
        from projects.models import Session

        sessions = Session.objects.filter(project=OuterRef("pk")).order_by().values("project")
        return self.annotate(
            session_count=Coalesce(Subquery(sessions.annotate(n=Count("pk")).values("n")), 0)
        )

    def with_partner(self, partner):
        """Projects the partner took part in; a subquery, so no row is repeated."""
        from projects.models import ProjectPartner

        return self.filter(
            pk__in=ProjectPartner.objects.filter(partner=partner).values("project_id")
        )
