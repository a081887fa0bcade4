"""Names over the years: what a 担当課 or a 協働の形態 was called in the years before a rename,
and which departments took over from one that was merged or split (組織改正).

A department's or form's ``name`` is its name now. A rename from a fiscal year keeps the old
name as a past name "until" the year before, so every earlier year's report, page and dataset
still reads as it was published; a year reads the past name with the smallest ``until_year`` at
or after it, or the current name when there is none (projects.names reads them).
"""

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from kyodo import limits
from kyodo.limits import MAX_YEAR, MIN_YEAR
from kyodo.validators import visible_text

from .records import Department, Form

_YEAR_RANGE = Q(until_year__gte=MIN_YEAR) & Q(until_year__lte=MAX_YEAR)


class DepartmentPastName(models.Model):
    """The name a 担当課 was reported under up to a fiscal year (before a rename)."""

    department = models.ForeignKey(
        Department, on_delete=models.CASCADE, related_name="past_names", verbose_name="担当課"
    )
    name = models.CharField(
        "名称", max_length=limits.DEPARTMENT_NAME_MAX, validators=[visible_text]
    )
    until_year = models.PositiveSmallIntegerField(
        "この年度まで", help_text="この名称で報告した最後の年度（西暦）。"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "担当課の旧名称"
        verbose_name_plural = "担当課の旧名称"
        ordering = ["department", "until_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["department", "until_year"],
                name="department_past_name_one_per_year",
                violation_error_message="同じ担当課・同じ年度の旧名称がすでにあります。",
            ),
            models.CheckConstraint(
                condition=_YEAR_RANGE,
                name="department_past_name_year_in_range",
                violation_error_message="年度が範囲外です。",
            ),
            models.CheckConstraint(
                condition=~Q(name=""),
                name="department_past_name_not_blank",
                violation_error_message="旧名称を入力してください。",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.until_year}年度まで）"


class FormPastName(models.Model):
    """The name a 協働の形態 was reported under up to a fiscal year (before a rename)."""

    form = models.ForeignKey(
        Form, on_delete=models.CASCADE, related_name="past_names", verbose_name="協働の形態"
    )
    name = models.CharField("名称", max_length=limits.FORM_NAME_MAX, validators=[visible_text])
    until_year = models.PositiveSmallIntegerField(
        "この年度まで", help_text="この名称で報告した最後の年度（西暦）。"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "協働の形態の旧名称"
        verbose_name_plural = "協働の形態の旧名称"
        ordering = ["form", "until_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["form", "until_year"],
                name="form_past_name_one_per_year",
                violation_error_message="同じ協働の形態・同じ年度の旧名称がすでにあります。",
            ),
            models.CheckConstraint(
                condition=_YEAR_RANGE,
                name="form_past_name_year_in_range",
                violation_error_message="年度が範囲外です。",
            ),
            models.CheckConstraint(
                condition=~Q(name=""),
                name="form_past_name_not_blank",
                violation_error_message="旧名称を入力してください。",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.until_year}年度まで）"


class DepartmentSuccession(models.Model):
    """From a fiscal year on, ``successor`` carries on the work of ``predecessor`` (統合・分割).

    A merge is several predecessors with one successor, a split one predecessor with several;
    the series of a project follows it (projects.services.series)."""

    predecessor = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        related_name="successions",
        verbose_name="元の担当課",
    )
    successor = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        related_name="predecessions",
        verbose_name="後継の担当課",
    )
    from_year = models.PositiveSmallIntegerField(
        "引き継ぐ年度", help_text="後継の担当課が事業を引き継ぐ最初の年度（西暦）。"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "担当課の引き継ぎ"
        verbose_name_plural = "担当課の引き継ぎ"
        ordering = ["from_year", "predecessor", "successor"]
        constraints = [
            models.UniqueConstraint(
                fields=["predecessor", "successor"],
                name="department_succession_once",
                violation_error_message="この担当課の引き継ぎはすでに登録されています。",
            ),
            models.CheckConstraint(
                condition=~Q(predecessor=models.F("successor")),
                name="department_succession_not_itself",
                violation_error_message="担当課は自分自身を引き継げません。",
            ),
            models.CheckConstraint(
                condition=Q(from_year__gte=MIN_YEAR) & Q(from_year__lte=MAX_YEAR),
                name="department_succession_year_in_range",
                violation_error_message="年度が範囲外です。",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor}（{self.from_year}年度から）"
