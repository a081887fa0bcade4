"""The reads of projects: the QuerySet verbs the admin, the public pages, the report and the
API call, so that an ordering, a sum or a search is written once.

projects.models builds its manager from this class, so it imports no model: a verb reaches
the sessions, partner links and partners through the project's own relations.
"""

from typing import Self, TypeVar, cast

from django.db import models
from django.db.models import Count, F, Min, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.db.models.lookups import IsNull

from partners.models import Partner, PartnerAlias
from projects.choices import Category

# The order the report prints its rows in: by year, by 協働の形態 (①②… as the form's 表示順),
# then by No. Every list, export and page that follows the report uses this one tuple.
REPORT_ORDER = ("fiscal_year", "form__order", "form__name", "number")


# The model, Project: generic so that this module imports no model, and django-stubs still
# knows what `Project.objects.published()` and the rest return.
_Project = TypeVar("_Project", bound=models.Model)


class ProjectQuerySet(models.QuerySet[_Project]):
    """The reads the admin, the public pages, the report and the API call."""

    def for_year(self, fiscal_year: int) -> Self:
        return self.filter(fiscal_year=fiscal_year)

    def of_form(self, form) -> Self:  # a Form or its name
        if isinstance(form, str):
            return self.filter(form__name=form.strip())
        return self.filter(form=form)

    def recurring(self) -> Self:
        return self.filter(category__in=[Category.ANNUAL, Category.BIENNIAL])

    def published(self) -> Self:
        """What citizens see: the public pages and the open data."""
        return self.filter(published=True)

    def in_report_order(self) -> Self:
        return self.order_by(*REPORT_ORDER)

    def matching(self, text: str) -> Self:
        """Projects where every word of the text (ten at most) appears in the name, purpose or
        effect, or in a partner: its name, another spelling of it, or the report's wording.

        The keyword search of the admin, the public list and the API. Partners are matched by
        subqueries, so no project is repeated and a list's sums are not multiplied.

        Each word first asks which projects it finds, at most SEARCH_PROBE + 1 of them (one
        query, served on PostgreSQL by the trigram indexes of migration 0009). A rarer word is
        then a list of ids: the page and its count read those rows only. A common one (「苫小牧」
        finds thousands) is tested row by row in the list's order instead, so a page or a capped
        count (projects.paging) stops once it has its rows. Either way the same projects match.
        """
        queryset = self
        for word in text.split()[:10]:
            found = list(_found_by(self.model, word)[: SEARCH_PROBE + 1])
            if len(found) <= SEARCH_PROBE:
                queryset = queryset.filter(pk__in=set(found))
            else:
                queryset = queryset.filter(_matches(self.model, word))
        return queryset

    def with_participants(self) -> Self:
        """Annotate participants_total (None when no session has a count), first_start and
        any_approximate.

        Subqueries rather than joins: a join on sessions would multiply the rows that other
        joins (partners in a keyword search) bring, and the sums with them.
        """
        sessions = _sessions(self.model).filter(project=OuterRef("pk")).order_by().values("project")
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
                    _sessions(self.model)
                    .filter(project=OuterRef("pk"), approximate=True)
                    .order_by()
                    .values("approximate")[:1]
                ),
                False,
            ),
        )

    def with_session_count(self) -> Self:
        """Annotate session_count: the project's dates (実施), 0 when none."""
        sessions = _sessions(self.model).filter(project=OuterRef("pk")).order_by().values("project")
        return self.annotate(
            session_count=Coalesce(Subquery(sessions.annotate(n=Count("pk")).values("n")), 0)
        )

    def with_names(self) -> Self:
        """Annotate department_name and form_name: the names of the project's 担当課 and
        協働の形態 in its own year (projects.rules.name_in_year, in SQL: a correlated subquery
        each, on the past names' unique index)."""
        department = self.model._meta.get_field("department").related_model
        form = self.model._meta.get_field("form").related_model
        return self.annotate(
            department_name=name_in_year_sql(department, "department"),
            form_name=name_in_year_sql(form, "form"),
        )

    def with_partner(self, partner) -> Self:
        """Projects the partner took part in; a subquery, so no row is repeated."""
        return self.filter(pk__in=_links(self.model).filter(partner=partner).values("project_id"))


def name_in_year_sql(owner_model, owner: str | None, year="fiscal_year"):
    """The name of the row's ``owner`` (a 担当課 or 協働の形態) in the row's ``year`` (a field
    path, or an expression such as Value(2023)): its past name with the smallest until_year at
    or after the year, else its current name. With ``owner`` None, on a queryset of the owner
    model itself, the owner is the row."""
    past_model = owner_model._meta.get_field("past_names").related_model
    field = past_model._meta.get_field(owner_model._meta.model_name).name
    own = owner is None
    when = OuterRef(year) if isinstance(year, str) else year
    past = (
        past_model._default_manager.filter(
            **{field: OuterRef("pk" if own else f"{owner}_id"), "until_year__gte": when}
        )
        .order_by("until_year")
        .values("name")[:1]
    )
    return Coalesce(Subquery(past), F("name" if own else f"{owner}__name"))


def _sessions(project_model) -> models.QuerySet:
    """Every session (実施), reached through the project model's own relation."""
    return project_model.sessions.rel.related_model._default_manager.all()


def _links(project_model) -> models.QuerySet:
    """Every partner link of projects, reached the same way."""
    return project_model.partner_links.rel.related_model._default_manager.all()


# How many projects a word may find and still be searched as a list of ids (one query).
SEARCH_PROBE = 1000


def _partners_named(word: str):
    spelled = PartnerAlias.objects.filter(name__icontains=word).values("partner_id")
    return Partner.objects.filter(Q(name__icontains=word) | Q(pk__in=spelled)).values("pk")


def _found_by(project_model, word: str):
    """The ids of the projects the word finds, as one UNION ALL (an id may come twice): each
    part is one substring match a trigram index serves, and a LIMIT stops it early."""
    own = [
        project_model._default_manager.filter(**{f"{field}__icontains": word})
        .order_by()
        .values_list("pk", flat=True)
        for field in ("name", "purpose", "effect")
    ]
    linked = (
        _links(project_model)
        .filter(Q(partner__in=_partners_named(word)) | Q(written_as__icontains=word))
        .order_by()
        .values_list("project_id", flat=True)
    )
    return own[0].union(*own[1:], linked, all=True)


def _matches(project_model, word: str) -> Q:
    """The same match tested on each row. The partner test is a scalar subquery on the
    project's own links (found by index): an IN or EXISTS subquery was turned by both databases
    into the set of every matching link first, for a common word a scan of all 350,000 partner
    links (85-220 ms at 100,000 projects) before the first row."""
    linked = (
        _links(project_model)
        .filter(
            Q(partner__in=_partners_named(word)) | Q(written_as__icontains=word),
            project=OuterRef("pk"),
        )
        .order_by()
        .values("pk")[:1]
    )
    # The stubs type Q | <expression> as Combinable; Django returns a Q (Q._combine).
    return cast(
        Q,
        Q(name__icontains=word)
        | Q(purpose__icontains=word)
        | Q(effect__icontains=word)
        | IsNull(Subquery(linked), False),
    )
