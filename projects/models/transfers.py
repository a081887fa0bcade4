"""人事異動: a personnel list applied to the accounts, and each of its rows.

A list is applied whole or not at all (projects.services.transfers); each row is kept with
what it did and when, so who moved where, from which file and by whom stays on record. A row
whose 異動日 is still ahead waits (``done_at`` empty) until that day.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone


class TransferList(models.Model):
    """One personnel list (人事異動の一覧) as applied: the file, who applied it and when."""

    file_name = models.CharField("ファイル名", max_length=255)
    sha256 = models.CharField("SHA-256", max_length=64)
    applied_at = models.DateTimeField("適用日時", auto_now_add=True)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="適用した人",
    )

    class Meta:
        verbose_name = "人事異動"
        verbose_name_plural = "人事異動"
        ordering = ["-applied_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.file_name}（{timezone.localtime(self.applied_at):%Y-%m-%d %H:%M}）"


class Transfer(models.Model):
    """One row of a list: a person moves to a department (or leaves: no department) from a date."""

    class Kind(models.TextChoices):
        NEW = "new", "新規採用"
        MOVE = "move", "異動"
        LEAVE = "leave", "退職・転出"
        SAME = "same", "変更なし"

    transfer_list = models.ForeignKey(
        TransferList, on_delete=models.PROTECT, related_name="transfers", verbose_name="人事異動"
    )
    row = models.PositiveIntegerField("行")
    username = models.CharField("ユーザー名", max_length=150)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="transfers",
        verbose_name="職員",
    )
    kind = models.CharField("種類", max_length=8, choices=Kind.choices)
    department = models.ForeignKey(
        "projects.Department",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="新しい担当課",
    )
    full_name = models.CharField("氏名", max_length=150, blank=True)
    email = models.EmailField("メール", blank=True)
    effective = models.DateField("異動日")
    change = models.CharField("内容", max_length=500)
    done_at = models.DateTimeField("適用日時", null=True, blank=True)

    class Meta:
        verbose_name = "人事異動の行"
        verbose_name_plural = "人事異動の行"
        ordering = ["transfer_list", "row"]

    def __str__(self) -> str:
        return f"{self.username}: {self.change}"
