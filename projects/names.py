"""The name a 担当課 or a 協働の形態 had in a given fiscal year: one rule, read three ways.

A past name (projects.models.names) covers every year up to its ``until_year`` not covered by
an earlier one; the current name covers the years after the last past name. Read

- in SQL, as an expression beside each project (``department_name_in_year``), for lists and
  exports that read rows (one correlated subquery, served by the unique index on the owner and
  year, so a list keeps its number of queries);
- in Python, by projects.rules.name_in_year: on a project (Project.department_name), or from
  a NameBook that reads every past name once (two queries) for figures counted by id;
- by name, for an import that names a department or form as a year's report printed it.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from typing import NamedTuple

from django.db.models import Q, Value
from django.db.models.expressions import Expression

from projects.models import Department, DepartmentPastName, Form, FormPastName
from projects.querysets import name_in_year_sql
from projects.rules import name_in_year


def department_name_in_year(
    department: str = "department", fiscal_year: str = "fiscal_year"
) -> Expression:
    """The department's name in the row's year, for a queryset of anything with a department
    and a year (given their paths)."""
    return name_in_year_sql(Department, department, fiscal_year)


def form_name_in_year(form: str = "form", fiscal_year: str = "fiscal_year") -> Expression:
    """The form's name in the row's year, as department_name_in_year."""
    return name_in_year_sql(Form, form, fiscal_year)


class Past(NamedTuple):
    until_year: int
    name: str


@dataclass
class NameBook:
    """Every past name, read once: the names of any department or form in any year."""

    departments: dict[int, list[Past]] = field(default_factory=dict)
    forms: dict[int, list[Past]] = field(default_factory=dict)

    @classmethod
    def load(cls) -> "NameBook":
        book = cls(defaultdict(list), defaultdict(list))
        rows = DepartmentPastName.objects.order_by("until_year")
        for owner, until_year, name in rows.values_list("department_id", "until_year", "name"):
            book.departments[owner].append(Past(until_year, name))
        forms = FormPastName.objects.order_by("until_year")
        for owner, until_year, name in forms.values_list("form_id", "until_year", "name"):
            book.forms[owner].append(Past(until_year, name))
        return book

    def department(self, department_id: int, current: str, year: int) -> str:
        return name_in_year(self.departments.get(department_id, ()), current, year)

    def form(self, form_id: int, current: str, year: int) -> str:
        return name_in_year(self.forms.get(form_id, ()), current, year)


def _named(model, past_model, owner: str, names, year: int) -> dict:
    names = set(names)
    called = Q(name__in=names) | Q(past_names__name__in=names)
    candidates = {row.pk: row for row in model.objects.filter(called).distinct()}
    # Their past names by the same condition (not by a list of ids), so that the number of
    # queries does not depend on what was found.
    owners = model.objects.filter(called).values("pk")
    past: dict[int, list[Past]] = defaultdict(list)
    rows = past_model.objects.filter(**{f"{owner}__in": owners}).order_by("until_year")
    for owner_id, until_year, name in rows.values_list(f"{owner}_id", "until_year", "name"):
        past[owner_id].append(Past(until_year, name))
    found = {}
    for row in candidates.values():
        then = name_in_year(past[row.pk], row.name, year)
        if then in names:
            found[then] = row
    return found


def departments_named(names, year: int) -> dict[str, Department]:
    """{name: department} of the departments called so in that year (by the name they had
    then, which is their name now if they were not renamed since): two queries."""
    return _named(Department, DepartmentPastName, "department", names, year)


def forms_named(names, year: int) -> dict[str, Form]:
    """{name: form} of the forms called so in that year, as departments_named."""
    return _named(Form, FormPastName, "form", names, year)


def departments_in_year(year: int, projects):
    """The departments of these projects of the year, each with ``name_then``, its name in that
    year, ordered by it (one query when read; the name is a subquery beside each row)."""
    then = name_in_year_sql(Department, None, year=Value(year))
    chosen = projects.filter(fiscal_year=year).values("department_id")
    return (
        Department.objects.filter(pk__in=chosen)
        .annotate(name_then=then)
        .order_by("name_then", "pk")
    )


def forms_in_year(year: int, projects):
    """The forms of these projects of the year, with ``name_then``, in the report's order."""
    then = name_in_year_sql(Form, None, year=Value(year))
    chosen = projects.filter(fiscal_year=year).values("form_id")
    return (
        Form.objects.filter(pk__in=chosen)
        .annotate(name_then=then)
        .order_by("order", "name_then", "pk")
    )
