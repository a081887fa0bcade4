"""Sidebar filters of the project list: 年度 in 和暦, a date range on the sessions, and what a
project still lacks (入力の不足)."""

from django.contrib import admin
from django.db.models import Exists, OuterRef

from projects.history import fiscal_year_text, typed_date
from projects.lacks import LACKS, lack_conditions
from projects.models import Project, Session


class FiscalYearFilter(admin.SimpleListFilter):
    title = "年度"
    parameter_name = "fiscal_year"

    def lookups(self, request, model_admin):
        years = (
            Project.objects.order_by("-fiscal_year")
            .values_list("fiscal_year", flat=True)
            .distinct()
        )
        return [(str(year), fiscal_year_text(year)) for year in years]

    def queryset(self, request, queryset):
        value = self.value()
        if value and value.isdigit():
            return queryset.filter(fiscal_year=int(value))
        return queryset


class SessionDateRangeFilter(admin.ListFilter):
    """Projects with a session starting between two dates (either end may be left open)."""

    title = "実施日"
    parameter_from = "session_from"
    parameter_to = "session_to"
    template = "admin/projects/filters/date_range.html"

    def __init__(self, request, params, model, model_admin):
        super().__init__(request, params, model, model_admin)
        self.values = {}
        for name in (self.parameter_from, self.parameter_to):
            if name in params:
                value = params.pop(name)
                # Django 5 passes lists of values; keep the last one given.
                value = value[-1] if isinstance(value, list) else value
                self.values[name] = value
                self.used_parameters[name] = value
        self.start = typed_date(self.values.get(self.parameter_from))
        self.end = typed_date(self.values.get(self.parameter_to))

    def has_output(self):
        return True

    def expected_parameters(self):
        return [self.parameter_from, self.parameter_to]

    def queryset(self, request, queryset):
        if self.start is None and self.end is None:
            return queryset
        sessions = Session.objects.filter(project=OuterRef("pk"))
        if self.start is not None:
            sessions = sessions.filter(start__gte=self.start)
        if self.end is not None:
            sessions = sessions.filter(start__lte=self.end)
        return queryset.filter(Exists(sessions))

    def choices(self, changelist):
        # Every other parameter of the list (filters, search, ordering) is kept as it is.
        skipped = {*self.expected_parameters(), "p", "e"}
        hidden = [
            (key, value)
            for key, values in self.request.GET.lists()
            if key not in skipped
            for value in values
        ]
        yield {
            "selected": bool(self.start or self.end),
            "from": self.start.isoformat() if self.start else "",
            "to": self.end.isoformat() if self.end else "",
            "hidden": hidden,
            "clear_url": changelist.get_query_string(remove=self.expected_parameters()),
            "param_from": self.parameter_from,
            "param_to": self.parameter_to,
        }


class MissingFilter(admin.SimpleListFilter):
    """Projects lacking one thing the report needs: the first-day guide's lines link here."""

    title = "入力の不足"
    parameter_name = "missing"

    def lookups(self, request, model_admin):
        return list(LACKS)

    def queryset(self, request, queryset):
        condition = lack_conditions().get(self.value() or "")
        return queryset.filter(condition) if condition is not None else queryset
