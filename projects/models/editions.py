"""Published editions (公表版) of a year's report, their files byte for byte, and corrections.

An edition is what the city published: once written it is never changed or deleted (no delete
permission in projects.roles, PROTECT on every link, and save/delete refuse here), so its files
can be served at stable addresses and checked against their SHA-256 years later. A correction
records why a project of a published year was changed after publication.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from kyodo.limits import MAX_YEAR, MIN_YEAR
from projects.choices import FileKind
from projects.wareki import fiscal_year_label

from .records import Project


class ImmutableRecordError(PermissionError):
    """A record written once (a published edition, a survey's transition) was about to be
    changed or deleted."""


class WrittenOnce(models.Model):
    """Saved once, then never updated nor deleted through the ORM's instances: the editions
    here and the survey's transitions and reminders (surveys.models) share it."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ImmutableRecordError(f"{self._meta.verbose_name}は変更できません。")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableRecordError(f"{self._meta.verbose_name}は削除できません。")


class Edition(WrittenOnce):
    """公表版: edition ``number`` (1, 2, …) of a fiscal year's report, as published."""

    fiscal_year = models.PositiveSmallIntegerField("年度")
    number = models.PositiveSmallIntegerField("版")
    published_at = models.DateTimeField("公表日時", default=timezone.now)
    note = models.TextField("注記", blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="公表した人",
        help_text="空欄はコマンド（publish_report）から公表したもの。",
    )

    class Meta:
        verbose_name = "公表版"
        verbose_name_plural = "公表版"
        ordering = ["-fiscal_year", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["fiscal_year", "number"],
                name="edition_unique_number_per_year",
                violation_error_message="この年度の同じ版がすでにあります。",
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1),
                name="edition_number_positive",
                violation_error_message="版は1以上にしてください。",
            ),
            models.CheckConstraint(
                condition=Q(fiscal_year__gte=MIN_YEAR) & Q(fiscal_year__lte=MAX_YEAR),
                name="edition_fiscal_year_in_range",
                violation_error_message="年度が範囲外です。",
            ),
        ]

    def __str__(self) -> str:
        return f"{fiscal_year_label(self.fiscal_year)} 公表版 第{self.number}版"

    @property
    def published_on(self):
        """The day of publication in the city's time zone."""
        return timezone.localdate(self.published_at)


class EditionFile(WrittenOnce):
    """One file of an edition, stored byte for byte with its SHA-256 and size."""

    edition = models.ForeignKey(
        Edition, on_delete=models.PROTECT, related_name="files", verbose_name="公表版"
    )
    kind = models.CharField("種類", max_length=10, choices=FileKind.choices)
    content = models.BinaryField("内容")
    sha256 = models.CharField("SHA-256", max_length=64)
    size = models.PositiveBigIntegerField("バイト数")

    class Meta:
        verbose_name = "公表版のファイル"
        verbose_name_plural = "公表版のファイル"
        ordering = ["edition", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "kind"],
                name="edition_file_one_per_kind",
                violation_error_message="この公表版には同じ種類のファイルがすでにあります。",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=FileKind.values),
                name="edition_file_kind_valid",
                violation_error_message="ファイルの種類が正しくありません。",
            ),
        ]

    def __str__(self) -> str:
        return self.filename

    @property
    def filename(self) -> str:
        """「kyodo-2023-1.csv」: the year and the edition, so a saved file still says which."""
        return f"kyodo-{self.edition.fiscal_year}-{self.edition.number}.{self.kind}"

    @property
    def path(self) -> str:
        """The stable public path it is served at (projects.urls, public:edition_file)."""
        edition = self.edition
        return f"/opendata/editions/{edition.fiscal_year}/{edition.number}/{self.filename}"


class Correction(models.Model):
    """訂正: a project of a published year changed after publication, with why and by whom."""

    project = models.ForeignKey(
        Project, on_delete=models.PROTECT, related_name="corrections", verbose_name="協働事業"
    )
    fiscal_year = models.PositiveSmallIntegerField("年度")
    reason = models.TextField("訂正の理由")
    corrected_at = models.DateTimeField("訂正日時", default=timezone.now)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="訂正した人",
    )

    class Meta:
        verbose_name = "訂正"
        verbose_name_plural = "訂正"
        ordering = ["project", "corrected_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(reason=""),
                name="correction_reason_not_blank",
                violation_error_message="訂正の理由を入力してください。",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project}：{self.reason}"

    @property
    def corrected_on(self):
        return timezone.localdate(self.corrected_at)
