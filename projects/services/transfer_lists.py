"""人事異動: the personnel section's list (CSV or XLSX) read into a plan, every row checked and
what it would change said; projects.services.transfers applies the plan. Every error names the
row, the column, the text and the reason, in Japanese."""

from __future__ import annotations

import datetime
import hashlib
import re
from dataclasses import dataclass, field

import tablib
from django.contrib.auth import get_user_model
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone

from projects.models import Department, Transfer
from projects.names import departments_named
from projects.permissions import is_coordinator_account
from projects.reader.dates import find_dates
from projects.reader.records import ReadError, ReportReadError
from projects.reader.table import decode_source
from projects.wareki import fiscal_year_label, fiscal_year_of

USERNAME, FULL_NAME, EMAIL, DEPARTMENT, DATE = (
    "ユーザー名",
    "氏名",
    "メール",
    "新しい担当課",
    "異動日",
)
COLUMNS = (USERNAME, FULL_NAME, EMAIL, DEPARTMENT, DATE)
Kind = Transfer.Kind

_WESTERN = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")


@dataclass
class PlannedTransfer:
    """One row as it would be applied."""

    row: int
    username: str
    user: object | None
    kind: str
    department: Department | None
    full_name: str
    email: str
    effective: datetime.date
    change: str
    due: bool

    @property
    def kind_label(self) -> str:
        return Kind(self.kind).label


@dataclass
class TransferPlan:
    file_name: str
    sha256: str
    rows: list[PlannedTransfer] = field(default_factory=list)

    def count(self, kind: str) -> int:
        return sum(1 for r in self.rows if r.kind == kind)

    @property
    def waiting(self) -> int:
        return sum(1 for r in self.rows if not r.due and r.kind != Kind.SAME)


def _label(position: int) -> str:
    return f"{position}行目"


def _dataset(data: bytes, file_name: str) -> tablib.Dataset:
    if file_name.lower().endswith(".xlsx"):
        try:
            dataset = tablib.Dataset().load(data, format="xlsx")
        except Exception:
            raise ReportReadError(
                [ReadError("ファイル", "", file_name, "XLSXファイルとして読めません。")]
            ) from None
    else:
        dataset = tablib.Dataset().load(decode_source(data), format="csv")
    dataset.headers = [str(h or "").strip() for h in (dataset.headers or [])]
    missing = [c for c in COLUMNS if c not in dataset.headers]
    if missing:
        raise ReportReadError(
            [
                ReadError("1行目", c, "", "この列がありません（見出しの行を確かめてください）。")
                for c in missing
            ]
        )
    if not len(dataset):
        raise ReportReadError([ReadError("ファイル", "", file_name, "データの行がありません。")])
    return dataset


def _text(value) -> str:
    if value is None:
        return ""
    return str(value).strip()


def read_date(value) -> datetime.date | None:
    """A date as a cell holds it: an XLSX date, 2025-04-01, 2025/4/1, 2025年4月1日, 令和7年4月1日
    (None when it reads as none of them)."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = _text(value)
    match = _WESTERN.match(text)
    if match:
        try:
            return datetime.date(*(int(part) for part in match.groups()))
        except ValueError:
            return None
    found = find_dates(text)
    if len(found) == 1 and found[0].end is None and found[0].text.strip() == text:
        return found[0].start
    return None


def _split_name(full_name: str) -> tuple[str, str]:
    parts = full_name.replace("\u3000", " ").split(None, 1)
    return (parts[0], parts[1]) if len(parts) == 2 else (full_name, "")


def _departments_text(user) -> str:
    return "、".join(d.name for d in user.departments.order_by("name")) or "担当課なし"


def transfers_read(*, data: bytes, file_name: str, today: datetime.date | None = None):
    """The plan of a personnel list: what each row would do. Raises ReportReadError with every
    problem of the file (row, column, text, reason); writes nothing."""
    today = today or timezone.localdate()
    dataset = _dataset(data, file_name)
    User = get_user_model()
    errors: list[ReadError] = []
    cells = []
    seen: dict[str, int] = {}
    for index, values in enumerate(dataset.dict):
        position = index + 2  # the header is row 1
        row = {c: values.get(c) for c in COLUMNS}
        if all(_text(v) == "" for v in row.values()):
            continue
        label = _label(position)
        username = _text(row[USERNAME])
        if not username:
            errors.append(ReadError(label, USERNAME, "", "ユーザー名がありません。", position))
        elif username in seen:
            errors.append(
                ReadError(
                    label,
                    USERNAME,
                    username,
                    f"同じユーザー名が{seen[username]}行目にもあります（1人1行にしてください）。",
                    position,
                )
            )
        else:
            seen[username] = position
        effective = read_date(row[DATE])
        if effective is None:
            errors.append(
                ReadError(
                    label,
                    DATE,
                    _text(row[DATE]),
                    "異動日がありません。"
                    if not _text(row[DATE])
                    else "日付として読めません（例: 2025-04-01、令和7年4月1日）。",
                    position,
                )
            )
        cells.append((position, username, row, effective))

    # Departments by the names they had in each date's fiscal year: two queries a year.
    wanted: dict[int, set[str]] = {}
    for _, _, row, effective in cells:
        name = _text(row[DEPARTMENT])
        if name and effective is not None:
            wanted.setdefault(fiscal_year_of(effective), set()).add(name)
    named = {year: departments_named(names, year) for year, names in wanted.items()}
    users = {
        u.username: u
        for u in User.objects.filter(username__in=[c[1] for c in cells if c[1]]).prefetch_related(
            "departments", "groups"
        )
    }

    plan = TransferPlan(file_name=file_name, sha256=hashlib.sha256(data).hexdigest())
    for position, username, row, effective in cells:
        label = _label(position)
        full_name = _text(row[FULL_NAME])
        email = _text(row[EMAIL])
        department_name = _text(row[DEPARTMENT])
        department = None
        row_errors = []
        if department_name and effective is not None:
            year = fiscal_year_of(effective)
            department = named[year].get(department_name)
            if department is None:
                row_errors.append(
                    ReadError(
                        label,
                        DEPARTMENT,
                        department_name,
                        f"{fiscal_year_label(year)}にこの名前の担当課はありません"
                        "（担当課の一覧と名称の変更を確かめてください）。",
                        position,
                    )
                )
            elif not department.active:
                row_errors.append(
                    ReadError(
                        label,
                        DEPARTMENT,
                        department_name,
                        "使用中でない（廃止・統合された）担当課です。",
                        position,
                    )
                )
        if email:
            try:
                validate_email(email)
            except ValidationError:
                row_errors.append(
                    ReadError(
                        label, EMAIL, email, "メールアドレスとして正しくありません。", position
                    )
                )
        user = users.get(username)
        if username and user is None:
            try:
                UnicodeUsernameValidator()(username)
            except ValidationError:
                row_errors.append(
                    ReadError(
                        label,
                        USERNAME,
                        username,
                        "ユーザー名に使えない文字があります（英数字と @ . + - _ のみ）。",
                        position,
                    )
                )
            if not department_name:
                row_errors.append(
                    ReadError(
                        label,
                        USERNAME,
                        username,
                        "このユーザー名のアカウントがありません（退職として扱えません）。",
                        position,
                    )
                )
            if not full_name:
                row_errors.append(
                    ReadError(
                        label, FULL_NAME, "", "新しく作るアカウントには氏名が必要です。", position
                    )
                )
        if user is not None and is_coordinator_account(user):
            row_errors.append(
                ReadError(
                    label,
                    USERNAME,
                    username,
                    "管理者・協働推進担当のアカウントは人事異動の一覧では変更できません"
                    "（管理者が画面で変更します）。",
                    position,
                )
            )
        errors.extend(row_errors)
        if row_errors or not username or effective is None:
            continue
        kind, change = _what(user, department, full_name, email)
        due = effective <= today
        if not due and kind != Kind.SAME:
            change += f"（{effective.isoformat()}から）"
        plan.rows.append(
            PlannedTransfer(
                row=position,
                username=username,
                user=user,
                kind=kind,
                department=department,
                full_name=full_name,
                email=email,
                effective=effective,
                change=change,
                due=due,
            )
        )
    if errors:
        errors.sort(key=lambda e: e.position or 0)
        raise ReportReadError(errors)
    return plan


def _what(user, department, full_name, email) -> tuple[str, str]:
    if user is None:
        return Kind.NEW, f"新規採用: {department.name}（{full_name}）"
    now = _departments_text(user)
    if department is None:
        if not user.is_active:
            return Kind.SAME, "変更なし（すでに無効）"
        return Kind.LEAVE, f"退職・転出: {now}（アカウントを無効に）"
    parts = []
    if [d.pk for d in user.departments.all()] != [department.pk]:
        parts.append(f"{now} → {department.name}")
    if not user.is_active:
        parts.append("アカウントを再び有効に")
    if email and email != user.email:
        parts.append(f"メール: {user.email or 'なし'} → {email}")
    if not parts:
        return Kind.SAME, "変更なし"
    return Kind.MOVE, "、".join(parts)
