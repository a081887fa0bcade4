"""The builders of test data, one of each, shared by every test folder.

Plain functions with keyword-only arguments (no fixtures here: those live in the conftests and
call these). A form, department or partner may be given as an object or by its name; a name
is looked up and made when missing, so a transactional test, whose database was flushed,
gets it back.
"""

import datetime
from importlib import import_module
from io import StringIO
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command

from partners.models import Partner, PartnerAlias, PartnerKind
from projects.models import Category, Department, Form, Project, ProjectPartner, Session
from projects.permissions import ensure_groups

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "r05_kyosai_report.txt"  # 令和5年度 共催, 23 projects
PASSWORD = "kyodo-test-password-1"

# The forms the data migration makes, in its order (a flushed database gets them back).
FORMS = import_module("projects.migrations.0002_seed_forms").FORMS


def day(year: int, month: int, date: int) -> datetime.date:
    return datetime.date(year, month, date)


def make_form(*, name: str = "共催") -> Form:
    """The form named `name`, with the migration's order when it is one of its forms."""
    order = FORMS.index(name) + 1 if name in FORMS else len(FORMS) + 1
    return Form.objects.get_or_create(name=name, defaults={"order": order})[0]


def make_forms() -> list[Form]:
    """Every form the data migration makes (a transactional test flushed them)."""
    return [make_form(name=name) for name in FORMS]


def make_department(*, name: str = "協働・男女平等参画室") -> Department:
    return Department.objects.get_or_create(name=name)[0]


def _form(form) -> Form:
    return make_form(name=form) if isinstance(form, str) else form


def _department(department) -> Department:
    return make_department(name=department) if isinstance(department, str) else department


def _group(name: str) -> Group:
    return Group.objects.filter(name=name).first() or ensure_groups()[name]


def make_user(
    *,
    username: str,
    group: str | None = None,
    departments=(),
    password: str = PASSWORD,
    last_name: str | None = None,
    is_staff: bool = True,
    is_superuser: bool = False,
):
    """A user who can log in with `password`: staff, in `group` (a group's name), a member of
    `departments` (objects or names); a superuser when is_superuser. last_name is the name
    the pages show, the username unless said."""
    users = get_user_model().objects
    fields = {"password": password, "last_name": username if last_name is None else last_name}
    if is_superuser:
        user = users.create_superuser(username=username, **fields)
    else:
        user = users.create_user(username=username, is_staff=is_staff, **fields)
    if group is not None:
        user.groups.add(_group(group))
    for department in departments:
        _department(department).members.add(user)
    return user


def make_partner(*, name: str, kind=PartnerKind.OTHER, **fields) -> Partner:
    """The partner named `name`, made with `kind` and `fields` when missing."""
    return Partner.objects.get_or_create(name=name, defaults={"kind": kind, **fields})[0]


def add_partner(*, project, partner=None, name: str = "", kind=PartnerKind.OTHER, order=0, **link):
    """Link `partner` (or the partner named `name`) to `project`; returns the partner.

    link: the ProjectPartner's own fields (count, role, written_as).
    """
    partner = partner or make_partner(name=name, kind=kind)
    ProjectPartner.objects.create(project=project, partner=partner, order=order, **link)
    return partner


def make_session(*, project, start=None, month: int | None = None, **fields) -> Session:
    """A session of `project` on `start`; or, given `month`, on the first of that month in the
    project's fiscal year (April to March)."""
    if start is None:
        year = project.fiscal_year if month >= 4 else project.fiscal_year + 1
        start = datetime.date(year, month, 1)
    return Session.objects.create(project=project, start=start, **fields)


def make_project(
    *,
    name: str = "まちかどミーティング",
    form="共催",
    department="協働・男女平等参画室",
    fiscal_year: int = 2023,
    number: int | None = None,
    category=Category.ANNUAL,
    published: bool = True,
    partners=(),
    sessions=(),
    **fields,
) -> Project:
    """A project as the register holds it: 例年実施 and published unless said otherwise.

    form, department: objects or names. number: the next free one of its year and form
    unless given. partners: names, or dicts of add_partner's arguments (name or partner, kind,
    count, role, written_as). sessions: dicts of Session fields. A partner's or session's
    order is its position unless given, and a session's group too. fields: any other field
    of Project.
    """
    form = _form(form)
    if number is None:
        number = Project.objects.filter(fiscal_year=fiscal_year, form=form).count() + 1
    project = Project.objects.create(
        fiscal_year=fiscal_year,
        form=form,
        number=number,
        name=name,
        department=_department(department),
        category=category,
        published=published,
        **fields,
    )
    for order, entry in enumerate(partners):
        entry = {"name": entry} if isinstance(entry, str) else entry
        add_partner(project=project, **{"order": order, **entry})
    for order, entry in enumerate(sessions):
        make_session(project=project, **{"order": order, "group": order, **entry})
    return project


def import_seed() -> str:
    """The seed report imported with import_report, as a user runs it; returns its output."""
    out = StringIO()
    call_command("import_report", str(SEED), stdout=out, stderr=StringIO())
    return out.getvalue()


def register_counts() -> tuple[int, ...]:
    """How many projects, sessions, partners, links, departments and other spellings the
    register holds: equal before and after, nothing was saved (all zeros: nothing at all)."""
    return (
        Project.objects.count(),
        Session.objects.count(),
        Partner.objects.count(),
        ProjectPartner.objects.count(),
        Department.objects.count(),
        PartnerAlias.objects.count(),
    )
