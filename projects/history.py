"""Stored values as a clerk reads them, and the change history built from django-simple-history.

One home for how a value is shown (a choice by its label, はい/いいえ, a date in 和暦), used by the
history pages of every admin (projects.admin.history), the related history of a project, and
the lines of an edit conflict telling a clerk what someone else saved meanwhile.
"""

import datetime

from django.utils import timezone
from django.utils.dateparse import parse_date

from projects.models import Project, ProjectPartner, Session
from projects.rules import name_in_year
from projects.wareki import WarekiError, fiscal_year_label, format_date

CONFLICT_HEADER = (
    "この協働事業は、あなたが画面を開いた後に他の人が保存しました。"
    "あなたの変更は保存していません（相手の変更は上書きされていません）。"
)
CONFLICT_FOOTER = "画面を開き直して最新の内容を確認してから、もう一度入力してください。"

# django-simple-history's history_type, in words.
_ACTIONS = {"+": "追加", "~": "変更", "-": "削除"}

# The records of a project that have a history of their own, and what a clerk calls them.
_RELATED = ((Session, "実施"), (ProjectPartner, "関係団体"))


# --- values -------------------------------------------------------------------------------


def typed_date(text) -> datetime.date | None:
    """A date as a clerk types it in a form or a filter (2023-08-22 or 2023/8/22), or None."""
    if not text:
        return None
    try:
        return parse_date(str(text).strip().replace("/", "-"))
    except ValueError:
        return None


def wareki_or_blank(value) -> str:
    """令和5年8月22日 for a date (or a date typed as text), "" when it cannot be read."""
    if isinstance(value, str):
        value = typed_date(value)
    if not isinstance(value, datetime.date):
        return ""
    try:
        return format_date(value)
    except WarekiError:
        return ""


def fiscal_year_text(year: int | None) -> str:
    """令和5年度; a year outside the eras as 1860年度, and "-" for none."""
    if year is None:
        return "-"
    try:
        return fiscal_year_label(year)
    except WarekiError:
        return f"{year}年度"


def display_value(field, value):
    """A stored value of `field` as a clerk reads it: choice label, はい/いいえ, 和暦 date."""
    if getattr(field, "choices", None):
        return dict(field.flatchoices).get(value, value)
    if isinstance(value, bool):
        return "はい" if value else "いいえ"
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return wareki_or_blank(value) or value
    return value


def named_then(field, value, fiscal_year: int | None):
    """A 担当課 or 協働の形態 (an object) by the name it had in the record's fiscal year, as that
    year was reported; any other value as it is."""
    past_names = getattr(value, "past_names", None)
    if fiscal_year is None or past_names is None or field.name not in ("department", "form"):
        return value
    return name_in_year(past_names.all(), value.name, fiscal_year)


def _shown(field, value) -> str:
    """display_value as one short line: blanks named, dates and times in 和暦, long text cut."""
    value = display_value(field, value)
    if value is None or value == "":
        return "（空欄）"
    if isinstance(value, datetime.date):
        return wareki_or_blank(value) or str(value)
    text = str(value)
    return text if len(text) <= 40 else text[:39] + "…"


def japanese_name(user) -> str:
    """姓 名 in the Japanese order (Django's get_full_name puts the given name first)."""
    return f"{user.last_name} {user.first_name}".strip()


def _user_name(user) -> str:
    return user.get_full_name() or user.get_username()


def _who(record) -> str:
    user = getattr(record, "history_user", None)
    return "（不明な利用者）" if user is None else _user_name(user)


def _when(record) -> str:
    local = timezone.localtime(record.history_date)
    return f"{format_date(local.date())} {local:%H:%M}"


def _what(record) -> str:
    """A session by its date, a partner link by the name written in the report."""
    if record.instance_type is Session:
        return wareki_or_blank(record.start) or str(record.start)
    return str(record.written_as or record.partner)


# --- history ------------------------------------------------------------------------------


def field_changes(record) -> list[str]:
    """「協働事業の名称：「A」→「B」」 for each field the history record changed."""
    previous = record.prev_record
    if previous is None:
        return []
    delta = record.diff_against(previous, foreign_keys_are_objs=True)
    model = record.instance_type
    lines = []
    year = getattr(record, "fiscal_year", None)
    for change in delta.changes:
        field = model._meta.get_field(change.field)
        old, new = named_then(field, change.old, year), named_then(field, change.new, year)
        lines.append(f"{field.verbose_name}：「{_shown(field, old)}」→「{_shown(field, new)}」")
    return lines


def related_history(project_id, limit: int = 200) -> list[dict]:
    """The history of a project's sessions and partner links, newest first, field by field."""
    try:
        project_id = int(project_id)
    except (TypeError, ValueError):
        return []
    entries = []
    for model, noun in _RELATED:
        records = (
            model.history.filter(project_id=project_id)
            .select_related("history_user")
            .order_by("-history_date")[:limit]
        )
        for record in records:
            entries.append(
                {
                    "date": record.history_date,
                    "what": f"{noun} {_what(record)}",
                    "action": _ACTIONS[record.history_type],
                    "user": _user_name(record.history_user) if record.history_user else "",
                    "changes": field_changes(record) if record.history_type == "~" else [],
                }
            )
    entries.sort(key=lambda e: e["date"], reverse=True)
    return entries[:limit]


def changes_since(project_id: int, since: datetime.datetime | None) -> list[str]:
    """What others saved to a project (its fields, sessions and partner links) after `since`.

    Read from django-simple-history: one line per field changed, so the clerk sees what the
    other person did before entering their change again.
    """
    records = list(
        Project.history.filter(id=project_id, history_date__gt=since)
        if since is not None
        else Project.history.filter(id=project_id)[:1]
    )
    lines: list[str] = []
    for record in sorted(records, key=lambda r: r.history_date):
        lines.append(f"{_when(record)} {_who(record)}さんが{_ACTIONS[record.history_type]}：")
        lines.extend(f"・{line}" for line in field_changes(record))
    if since is not None:
        for model, noun in _RELATED:
            related = model.history.filter(project_id=project_id, history_date__gt=since)
            for record in related.order_by("history_date"):
                detail = "、".join(field_changes(record)) if record.history_type == "~" else ""
                lines.append(
                    f"・{noun}「{_what(record)}」を{_ACTIONS[record.history_type]}"
                    + (f"（{detail}）" if detail else "")
                    + f"（{_who(record)}さん、{_when(record)}）"
                )
    if not lines:
        lines.append("・（変更内容の記録が見つかりません）")
    return [CONFLICT_HEADER, *lines, CONFLICT_FOOTER]


class EditConflict(Exception):
    """The project was saved by someone else after this form was loaded."""

    def __init__(self, lines: list[str]):
        super().__init__("\n".join(lines))
        self.lines = lines
