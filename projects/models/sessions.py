"""実施 (sessions): the dates a project was held on, with their participants."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from kyodo import limits
from kyodo.validators import visible_text
from projects.wareki import outside_fiscal_year

from .records import Project


class ParticipantUnit(models.TextChoices):
    PERSONS = "人", "人"
    NAMES = "名", "名"


class Session(models.Model):
    """実施: one date or date range a project was held on, with its participants.

    Several dates can share one count (「6月24日、1月21日 (46人)」): they share a `group`, and
    the count sits on the first session of the group, the others have none.
    """

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="sessions", verbose_name="協働事業"
    )
    order = models.PositiveSmallIntegerField("表示順", default=0)
    group = models.PositiveSmallIntegerField(
        "人数のまとまり",
        default=0,
        help_text="複数の日付で一つの参加人数を共有するとき、同じ番号（1以上）にします。"
        "0 は共有なし（その日だけの人数）。",
    )
    label = models.CharField(
        "内容",
        validators=[visible_text],
        max_length=limits.SESSION_TEXT_MAX,
        blank=True,
        help_text="「・子ども会交流会」のような見出し。",
    )
    start = models.DateField("開始日")
    end = models.DateField("終了日", null=True, blank=True, help_text="1日だけなら空欄。")
    participants = models.PositiveIntegerField("参加人数", null=True, blank=True)
    approximate = models.BooleanField(
        "概数", default=False, help_text="「約300人」のように概数のときにチェック。"
    )
    unit = models.CharField(
        "単位", max_length=1, choices=ParticipantUnit.choices, default=ParticipantUnit.PERSONS
    )
    note = models.CharField(
        "備考",
        validators=[visible_text],
        max_length=limits.SESSION_TEXT_MAX,
        blank=True,
        help_text="「16地区にて開催」など人数の後の注記。",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "実施"
        verbose_name_plural = "実施年月日、参加人数"
        ordering = ["project", "order", "start", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="session_end_not_before_start",
                violation_error_message="終了日が開始日より前になっています。",
            ),
            models.CheckConstraint(
                condition=Q(participants__isnull=True) | Q(participants__gte=0),
                name="session_participants_not_negative",
                violation_error_message="参加人数は0以上にしてください。",
            ),
            models.CheckConstraint(
                condition=Q(approximate=False) | Q(participants__isnull=False),
                name="session_approximate_needs_participants",
                violation_error_message="概数にするには参加人数を入力してください。",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.start:%Y-%m-%d}" + (f"～{self.end:%Y-%m-%d}" if self.end else "")

    def clean(self):
        super().clean()
        # A CHECK constraint cannot look at the project's row: the rule is checked here, by the
        # admin's session form and by the importer, all through wareki.outside_fiscal_year.
        if self.project_id is None or self.start is None:
            return
        reason = outside_fiscal_year(self.project.fiscal_year, self.start, self.end)
        if reason:
            raise ValidationError({"start": reason})
