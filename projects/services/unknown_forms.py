"""協働の形態 that an imported file names and the register's list does not have.

Nothing is guessed: such a name is refused (UnknownFormsError), unless the caller says, name by
name, to add it to the list or to read it as a form the list has (FormChoices). Only the
coordinating office may do either; `import_report` runs as the operator (no user) and may.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from django.db.models import Max
from simple_history.utils import bulk_create_with_history

from projects import layout
from projects.models import Form
from projects.names import forms_named
from projects.permissions import is_coordinator
from projects.reader.records import ReadError, ReportReadError
from projects.reader.rows import ProjectRow

FORM_NAME_MAX = Form._meta.get_field("name").max_length
UNKNOWN_FORM = "この協働の形態は一覧にありません。"


@dataclass(frozen=True)
class FormChoices:
    """What to do with forms the list lacks: add these names, read those as registered ones."""

    add: frozenset[str] = frozenset()
    mapping: Mapping[str, str] = field(default_factory=dict)  # name in the file → registered
    add_unknown: bool = False  # add every form of the file the list lacks and no mapping names

    def __bool__(self) -> bool:
        return bool(self.add or self.mapping or self.add_unknown)

    def adds(self, name: str) -> bool:
        return name not in self.mapping and (self.add_unknown or name in self.add)


class UnknownFormsError(ReportReadError):
    """Forms the list lacks and no choice covers; ``names`` in the order the file has them."""

    def __init__(self, errors: list[ReadError], names: list[str]):
        super().__init__(errors)
        self.names = names


def resolve_forms(
    rows: list[ProjectRow], *, user, choices: FormChoices | None, reason: str
) -> tuple[list[ProjectRow], dict[str, Form]]:
    """The rows with their forms as the list has them, and those forms by name (read once, for
    the import to use); adds the forms ``choices`` add.

    Raises ReportReadError for a choice that may not be made, UnknownFormsError for forms still
    unknown. The caller runs this inside its transaction, so an added form goes with a failure.
    """
    choices = choices or FormChoices()
    in_file = list(dict.fromkeys(row.form for row in rows))
    # A form by the name it had in the row's year (a renamed form keeps its old name there),
    # and the forms a choice maps to by their names now.
    forms = {
        form.name: form for form in Form.objects.filter(name__in=set(choices.mapping.values()))
    }
    for year in sorted({row.fiscal_year for row in rows}):
        forms.update(forms_named(set(in_file) - forms.keys(), year))
    registered = set(forms)
    unknown = [name for name in in_file if name not in registered]
    first_row: dict[str, ProjectRow] = {}
    for row in rows:
        first_row.setdefault(row.form, row)

    def error(name, reason_text):
        row = first_row.get(name)
        return ReadError(
            row.label if row else "ファイル",
            layout.FORM,
            name,
            reason_text,
            position=row.row_number if row else None,
        )

    errors = _check_choices(choices, user, unknown, registered, error)
    if errors:
        raise ReportReadError(errors)

    still_unknown = [n for n in unknown if not choices.adds(n) and n not in choices.mapping]
    if still_unknown:
        raise UnknownFormsError([error(n, UNKNOWN_FORM) for n in still_unknown], still_unknown)

    added = [name for name in unknown if choices.adds(name)]
    if added:
        last = Form.objects.aggregate(last=Max("order"))["last"] or 0
        created = bulk_create_with_history(
            [Form(name=name, order=last + i) for i, name in enumerate(added, start=1)],
            Form,
            default_user=user if user is not None and user.is_authenticated else None,
            default_change_reason=reason,
        )
        forms.update({form.name: form for form in created})
    mapped = [
        replace(row, form=choices.mapping[row.form]) if row.form in choices.mapping else row
        for row in rows
    ]
    _check_keys_after_mapping(mapped, choices)
    return mapped, forms


def _check_choices(choices, user, unknown, registered, error) -> list[ReadError]:
    if not choices:
        return []
    if user is not None and not is_coordinator(user):
        names = sorted(choices.add | set(choices.mapping)) or unknown or ["ファイル"]
        return [
            error(name, "協働の形態の追加・読み替えは、協働推進担当だけができます。")
            for name in names
        ]
    errors = []
    for name in sorted(choices.add | set(choices.mapping)):
        if name in choices.add and name in choices.mapping:
            errors.append(error(name, "追加と読み替えの両方が指定されています。"))
        elif name in choices.mapping and name in registered:
            # Reading a listed form as another would move its rows without anyone seeing it.
            errors.append(error(name, "一覧にある協働の形態です。読み替えはできません。"))
        elif name in choices.add and FORM_NAME_MAX is not None and len(name) > FORM_NAME_MAX:
            errors.append(error(name, f"協働の形態の名称は{FORM_NAME_MAX}文字までです。"))
        elif name in choices.mapping and choices.mapping[name] not in registered:
            target = choices.mapping[name]
            errors.append(error(name, f"読み替え先の「{target}」が一覧にありません。"))
    return errors


def _check_keys_after_mapping(rows: list[ProjectRow], choices: FormChoices) -> None:
    # 「実行委員会 No.1」 read as 「実行委員会・協議会」 may meet that section's own No.1.
    if not choices.mapping:
        return
    seen: dict[tuple, ProjectRow] = {}
    errors = []
    for row in rows:
        other = seen.setdefault(row.key, row)
        if other is not row:
            errors.append(
                ReadError(
                    row.label,
                    layout.NUMBER,
                    str(row.number),
                    f"読み替えると、同じ年度・協働の形態のNo.{row.number}が"
                    f"{other.row_number}行目にもあります。",
                    position=row.row_number,
                )
            )
    if errors:
        raise ReportReadError(errors)
