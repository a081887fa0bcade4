"""人事異動: the personnel section's list applied to the accounts, whole or not at all.

The list (CSV or XLSX) has the columns ユーザー名, 氏名, メール, 新しい担当課, 異動日. Each row
moves a clerk to the new department from the date, creates the account of a newcomer (no
password yet: the coordinator sends the set-password mail), or, with 新しい担当課 blank,
deactivates a leaver. ``transfers_read`` checks every row and says what would change (the
preview, nothing written); ``transfers_apply`` reads the same bytes again and writes it all in
one transaction: the list (file, SHA-256, who, when), one Transfer per row, and a line in each
account's 「履歴」. A row whose 異動日 is still ahead waits; ``transfers_carry_out_due`` carries
it out on the day (the command ``apply_transfers --due``, or the list's page).

Every error names the row, the column, the text and the reason, in Japanese; a file with any
error changes nothing. A department is found by any name it had in the fiscal year of the date
(projects.names.departments_named), so a list written with the name of that April works after
a rename.
"""

from __future__ import annotations

import datetime
import hashlib
import re
from dataclasses import dataclass, field

import tablib
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from projects.models import Department, Transfer, TransferList
from projects.names import departments_named
from projects.permissions import CLERK_GROUP, is_coordinator_account
from projects.reader.dates import find_dates
from projects.reader.records import ReadError, ReportReadError
from projects.reader.table import decode_source
from projects.services.accounts import account_log
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


def transfers_apply(
    *, data: bytes, file_name: str, by, today: datetime.date | None = None
) -> TransferList:
    """Apply a personnel list whole: read again (the database may have changed since the
    preview), record it, and carry out every row whose date has come. All or nothing."""
    today = today or timezone.localdate()
    with transaction.atomic():
        plan = transfers_read(data=data, file_name=file_name, today=today)
        record = TransferList.objects.create(
            file_name=file_name[:255], sha256=plan.sha256, applied_by=by
        )
        Transfer.objects.bulk_create(
            Transfer(
                transfer_list=record,
                row=r.row,
                username=r.username,
                user=r.user,
                kind=r.kind,
                department=r.department,
                full_name=r.full_name,
                email=r.email,
                effective=r.effective,
                change=r.change,
                done_at=timezone.now() if r.kind == Kind.SAME else None,
            )
            for r in plan.rows
        )
        transfers_carry_out_due(today=today, by=by, transfer_list=record)
    return record


def transfers_carry_out_due(
    *, today: datetime.date | None = None, by=None, transfer_list=None
) -> list[Transfer]:
    """Carry out the rows whose 異動日 has come and that wait; returns them."""
    today = today or timezone.localdate()
    waiting = Transfer.objects.filter(done_at__isnull=True, effective__lte=today).select_related(
        "transfer_list", "department", "user"
    )
    if transfer_list is not None:
        waiting = waiting.filter(transfer_list=transfer_list)
    done = []
    with transaction.atomic():
        for transfer in waiting.select_for_update(of=("self",)).order_by("effective", "pk"):
            _carry_out(transfer, by=by)
            done.append(transfer)
    return done


def _carry_out(transfer: Transfer, *, by) -> None:
    User = get_user_model()
    user = transfer.user or User.objects.filter(username=transfer.username).first()
    if user is None:
        last_name, first_name = _split_name(transfer.full_name)
        user = User.objects.create_user(
            username=transfer.username,
            email=transfer.email,
            last_name=last_name,
            first_name=first_name,
            is_staff=True,
        )
        user.set_unusable_password()
        user.save(update_fields=["password"])
        user.groups.add(Group.objects.get(name=CLERK_GROUP))
        transfer.user = user
    if transfer.department is None:
        user.is_active = False
        user.save(update_fields=["is_active"])
    else:
        user.departments.set([transfer.department])
        user.is_active = True
        if transfer.email:
            user.email = transfer.email
        user.save(update_fields=["is_active", "email"])
    transfer.done_at = timezone.now()
    transfer.save(update_fields=["user", "done_at"])
    account_log(
        user=user,
        by=by or transfer.transfer_list.applied_by,
        message=f"人事異動（{transfer.transfer_list.file_name} {transfer.row}行目、"
        f"{transfer.effective.isoformat()}）: {transfer.change}",
    )
