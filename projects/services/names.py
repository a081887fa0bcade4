"""Renaming a 担当課 or a 協働の形態 from a fiscal year on, correcting a name as written, and
recording that departments took over from others (組織改正: 統合・分割).

A rename keeps what was published: the name before becomes a past name for every earlier year
(projects.names reads it), so the reports, pages and datasets of those years read as they did.
A correction (誤記の訂正) changes a name as written for the years it covers, published ones
included: it is the explicit choice, never the default.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from kyodo.limits import DEPARTMENT_NAME_MAX, FORM_NAME_MAX, MAX_YEAR, MIN_YEAR
from projects.models import (
    Department,
    DepartmentPastName,
    DepartmentSuccession,
    Form,
    FormPastName,
)
from projects.services.figures import figures_mark_all_changed
from projects.wareki import fiscal_year_label

RENAME_REASON = "名称の変更（組織改正）"
CORRECT_REASON = "名称の誤記の訂正"
SUCCEED_REASON = "担当課の引き継ぎ（組織改正）"


@dataclass(frozen=True)
class _Kind:
    """What differs between renaming a department and renaming a form."""

    model: type[Department] | type[Form]
    past_model: type[DepartmentPastName] | type[FormPastName]
    owner: str  # the past name's foreign key to its owner
    what: str  # 「担当課」 or 「協働の形態」
    max_length: int


DEPARTMENT = _Kind(Department, DepartmentPastName, "department", "担当課", DEPARTMENT_NAME_MAX)
FORM = _Kind(Form, FormPastName, "form", "協働の形態", FORM_NAME_MAX)


def _stamp(instance, user, reason: str):
    instance._history_user = user
    instance._change_reason = reason
    return instance


def _past(kind: _Kind, owner) -> list:
    return list(kind.past_model.objects.filter(**{kind.owner: owner}).order_by("until_year"))


def _check_free(kind: _Kind, owner, name: str, years: range) -> None:
    """No other department (form) may be called ``name`` in any of these years: an import of
    such a year could not tell them apart."""
    others = kind.model.objects.exclude(pk=owner.pk)
    if others.filter(name=name).exists():
        raise ValidationError(f"「{name}」という{kind.what}がすでにあります。")
    clash = kind.past_model.objects.filter(name=name, until_year__gte=years.start).exclude(
        **{kind.owner: owner}
    )
    for past in clash.select_related(kind.owner):
        other = getattr(past, kind.owner)
        first = _first_year_of(kind, past)
        if first < years.stop and past.until_year >= years.start:
            raise ValidationError(
                f"「{name}」は{fiscal_year_label(past.until_year)}まで「{other.name}」の名称"
                "でした。同じ年度に同じ名称の" + kind.what + "は置けません。"
            )


def _first_year_of(kind: _Kind, past) -> int:
    """The first year a past name covers: the year after the owner's previous past name."""
    earlier = (
        kind.past_model.objects.filter(
            **{kind.owner: getattr(past, f"{kind.owner}_id")}, until_year__lt=past.until_year
        )
        .order_by("-until_year")
        .values_list("until_year", flat=True)
        .first()
    )
    return MIN_YEAR if earlier is None else earlier + 1


def _clean_name(kind: _Kind, name: str) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError(f"{kind.what}の新しい名称を入力してください。")
    limit = kind.max_length
    if len(name) > limit:
        raise ValidationError(f"{kind.what}の名称は{limit}文字以内にしてください。")
    return name


def _kind_of(owner) -> _Kind:
    return DEPARTMENT if isinstance(owner, Department) else FORM


def check_rename(*, owner: Department | Form, name: str, from_year: int) -> str:
    """The name as it will be stored, or a ValidationError saying why this rename cannot be
    made (the admin's form asks before saving; the services ask again inside their lock)."""
    kind = _kind_of(owner)
    name = _clean_name(kind, name)
    if not MIN_YEAR < from_year <= MAX_YEAR:
        raise ValidationError(f"適用する年度は{MIN_YEAR + 1}年度から{MAX_YEAR}年度までです。")
    past = _past(kind, owner)
    if past and past[-1].until_year >= from_year:
        raise ValidationError(
            f"{fiscal_year_label(past[-1].until_year + 1)}からの名称変更がすでにあります。"
            f"{fiscal_year_label(from_year)}からの変更は、それより後の年度にしてください。"
        )
    if name == owner.name:
        raise ValidationError(f"{kind.what}の名称は「{name}」のままです。")
    _check_free(kind, owner, name, range(from_year, MAX_YEAR + 1))
    return name


def check_correct(*, owner: Department | Form, name: str, until_year: int | None) -> str:
    """The corrected name as it will be stored, or a ValidationError (as check_rename)."""
    kind = _kind_of(owner)
    name = _clean_name(kind, name)
    past = _past(kind, owner)
    if until_year is None:
        first = past[-1].until_year + 1 if past else MIN_YEAR
        _check_free(kind, owner, name, range(first, MAX_YEAR + 1))
        return name
    row = next((p for p in past if p.until_year == until_year), None)
    if row is None:
        raise ValidationError(f"{fiscal_year_label(until_year)}までの旧名称はありません。")
    _check_free(kind, owner, name, range(_first_year_of(kind, row), until_year + 1))
    return name


@transaction.atomic
def _rename(kind: _Kind, *, owner, name: str, from_year: int, user):
    owner = kind.model.objects.select_for_update().get(pk=owner.pk)
    name = check_rename(owner=owner, name=name, from_year=from_year)
    old = kind.past_model(**{kind.owner: owner}, name=owner.name, until_year=from_year - 1)
    _stamp(old, user, RENAME_REASON).save()
    owner.name = name
    _stamp(owner, user, RENAME_REASON).save()
    figures_mark_all_changed()
    return owner


@transaction.atomic
def _correct(kind: _Kind, *, owner, name: str, until_year: int | None, user):
    owner = kind.model.objects.select_for_update().get(pk=owner.pk)
    name = check_correct(owner=owner, name=name, until_year=until_year)
    if until_year is None:  # the current name, for the years after the last past name
        owner.name = name
        _stamp(owner, user, CORRECT_REASON).save()
    else:
        row = kind.past_model.objects.get(**{kind.owner: owner}, until_year=until_year)
        row.name = name
        _stamp(row, user, CORRECT_REASON).save()
    figures_mark_all_changed()
    return owner


def department_rename(*, department: Department, name: str, from_year: int, user) -> Department:
    """From ``from_year`` on the department is called ``name``; earlier years keep the name
    they were reported under."""
    return _rename(DEPARTMENT, owner=department, name=name, from_year=from_year, user=user)


def department_correct_name(
    *, department: Department, name: str, until_year: int | None = None, user
) -> Department:
    """Correct a name as written: the current one (``until_year`` None) or the past name used
    up to ``until_year``. Every year that name covers reads the corrected one."""
    return _correct(DEPARTMENT, owner=department, name=name, until_year=until_year, user=user)


def form_rename(*, form: Form, name: str, from_year: int, user) -> Form:
    """From ``from_year`` on the form is called ``name``; earlier years keep theirs."""
    return _rename(FORM, owner=form, name=name, from_year=from_year, user=user)


def form_correct_name(*, form: Form, name: str, until_year: int | None = None, user) -> Form:
    """Correct a form's name as written, as department_correct_name."""
    return _correct(FORM, owner=form, name=name, until_year=until_year, user=user)


@transaction.atomic
def department_succeed(
    *, predecessors: list[Department], successors: list[Department], from_year: int, user
) -> list[DepartmentSuccession]:
    """From ``from_year`` the successors carry on the predecessors' work: a merge (several
    predecessors, one successor), a split (one, several) or a takeover. The series of their
    projects follow; a predecessor that is not also a successor leaves the yearly survey
    (使用中 off). Its records stay as they are."""
    if not predecessors or not successors:
        raise ValidationError("元の担当課と後継の担当課を選んでください。")
    if not MIN_YEAR <= from_year <= MAX_YEAR:
        raise ValidationError(f"引き継ぐ年度は{MIN_YEAR}年度から{MAX_YEAR}年度までです。")
    successor_ids = {s.pk for s in successors}
    made = []
    for predecessor in predecessors:
        for successor in successors:
            if predecessor.pk == successor.pk:
                continue
            if DepartmentSuccession.objects.filter(
                predecessor=predecessor, successor=successor
            ).exists():
                raise ValidationError(
                    f"「{predecessor.name}」から「{successor.name}」への引き継ぎは登録済みです。"
                )
            link = DepartmentSuccession(
                predecessor=predecessor, successor=successor, from_year=from_year
            )
            _stamp(link, user, SUCCEED_REASON).save()
            made.append(link)
        if predecessor.pk not in successor_ids and predecessor.active:
            predecessor.active = False
            _stamp(predecessor, user, SUCCEED_REASON).save()
    if not made:
        raise ValidationError("元の担当課と後継の担当課が同じです。")
    return made
