"""The per-year tokens that tell 年次集計's kept figures from stale ones."""

import uuid

from django.db import models


class FiguresRevision(models.Model):
    """The revision of one fiscal year's figures (年次集計).

    Every write that changes a year's figures gives it a new token in the same transaction
    (projects.services.figures), so figures cached under a token are never older than it: a
    reader takes the token first, then counts, and a write committed meanwhile brings a new one.
    """

    fiscal_year = models.PositiveSmallIntegerField("年度", unique=True)
    token = models.UUIDField(default=uuid.uuid4)

    class Meta:
        verbose_name = "集計の版"
        verbose_name_plural = "集計の版"

    def __str__(self) -> str:
        return f"{self.fiscal_year}: {self.token}"
