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

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from projects.models import Transfer, TransferList
from projects.permissions import CLERK_GROUP
from projects.services.accounts import account_log
from projects.services.transfer_lists import Kind, _split_name, transfers_read


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
