"""年次調査: the coordinating office asks every 担当課 for the year's 協働事業, inside the register.

A survey (one per fiscal year) has one answer per active department. An answer moves through
the statuses below only through surveys.services, and every move is a Transition row; reminders
sent are Reminder rows. None of these is ever deleted: they have no delete permission, their
foreign keys PROTECT, and Transition and Reminder refuse to be changed once written.
"""

from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from kyodo.limits import MAX_YEAR, MIN_YEAR
from projects.models import Department, Project
from projects.models.editions import WrittenOnce
from projects.wareki import fiscal_year_label

# Records of the cycle are kept for good: no model here has a delete permission.
KEEP_FOREVER = ("add", "change", "view")


class Status(models.TextChoices):
    NOT_STARTED = "not_started", "未着手"
    IN_PROGRESS = "in_progress", "入力中"
    SUBMITTED = "submitted", "提出済"
    RETURNED = "returned", "差戻し"
    CONFIRMED = "confirmed", "確認済"
    NONE = "none", "該当なし"


# The department's clerks still enter their projects.
EDITABLE = frozenset({Status.NOT_STARTED, Status.IN_PROGRESS, Status.RETURNED})
# The department has answered: its projects of the year are read-only to its clerks.
ANSWERED = frozenset({Status.SUBMITTED, Status.CONFIRMED, Status.NONE})
# Nothing left to do for the coordinator: the survey closes without asking.
FINISHED = frozenset({Status.CONFIRMED, Status.NONE})


class Survey(models.Model):
    """One fiscal year's survey: opened with a deadline and a message, closed at the end."""

    fiscal_year = models.PositiveSmallIntegerField(
        "年度",
        unique=True,
        validators=[MinValueValidator(MIN_YEAR), MaxValueValidator(MAX_YEAR)],
        help_text="調査する年度（西暦。令和6年度 = 2024）。",
    )
    deadline = models.DateField("提出期限")
    message = models.TextField(
        "依頼文", blank=True, help_text="各担当課に表示し、督促メールにも載せる文章。"
    )
    opened_at = models.DateTimeField("開始日時")
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="開始した人",
    )
    closed_at = models.DateTimeField("締切日時", null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="締め切った人",
    )

    history = HistoricalRecords()

    # Read by simple_history when it records a save; set just before one (surveys.services).
    _history_user: Any
    _change_reason: str

    class Meta:
        verbose_name = "年度の調査"
        verbose_name_plural = "年度の調査"
        ordering = ["-fiscal_year"]
        default_permissions = KEEP_FOREVER

    def __str__(self) -> str:
        return f"{fiscal_year_label(self.fiscal_year)}の調査"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    @property
    def state(self) -> str:
        """ "open" or "closed", as survey_status prints it."""
        return "open" if self.is_open else "closed"

    @property
    def fiscal_year_label(self) -> str:
        return fiscal_year_label(self.fiscal_year)


class Answer(models.Model):
    """回答: one department's answer to one survey."""

    survey = models.ForeignKey(
        Survey, on_delete=models.PROTECT, related_name="answers", verbose_name="年次調査"
    )
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="survey_answers", verbose_name="担当課"
    )
    status = models.CharField(
        "状況", max_length=20, choices=Status.choices, default=Status.NOT_STARTED
    )
    comment = models.TextField(
        "協働推進担当からのコメント",
        blank=True,
        help_text="差戻しや確認のときのコメント。担当課の画面に表示されます。",
    )
    explanations = models.JSONField(
        "未解決の点の理由",
        default=dict,
        blank=True,
        help_text="提出のときにチェックリストに残っていた点と、その理由。",
    )
    changed_at = models.DateTimeField("状況の変更日時", null=True, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="状況を変更した人",
    )
    submitted_at = models.DateTimeField("提出日時", null=True, blank=True)
    confirmed_at = models.DateTimeField("確認日時", null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["explanations"])

    # Not fields: what some reads put on the instances they return, declared for the type
    # checker (an instance read another way has none of them).
    # surveys.selectors.with_checklists(): the department's projects of the year, the points of
    # their checklist (surveys.checklist.Point, which this layer does not import) and the
    # participants counted.
    projects: list[Project]
    points: list[Any]
    participants_total: int | None
    # surveys.selectors.status_rows(): the later of the answer's last status change and the
    # last saved change of its projects, and who made it (a user or None).
    last_change_at: datetime | None
    last_change_by: Any
    # Read by simple_history when it records a save; set just before one (surveys.services).
    _history_user: Any
    _change_reason: str

    class Meta:
        verbose_name = "回答"
        verbose_name_plural = "回答"
        ordering = ["survey", "department__name"]
        default_permissions = KEEP_FOREVER
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "department"],
                name="answer_one_per_department",
                violation_error_message="この担当課の回答はすでにあります。",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=Status.values),
                name="answer_status_valid",
                violation_error_message="状況が正しくありません。",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.department.name}（{fiscal_year_label(self.survey.fiscal_year)}）"

    @property
    def is_answered(self) -> bool:
        return self.status in ANSWERED

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE


class Transition(WrittenOnce):
    """One change of an answer's status: who, when, from, to and the comment given."""

    answer = models.ForeignKey(
        Answer, on_delete=models.PROTECT, related_name="transitions", verbose_name="回答"
    )
    from_status = models.CharField("変更前", max_length=20, choices=Status.choices)
    to_status = models.CharField("変更後", max_length=20, choices=Status.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="操作した人",
    )
    at = models.DateTimeField("日時")
    comment = models.TextField("コメント", blank=True)

    class Meta:
        verbose_name = "回答の状況の変更"
        verbose_name_plural = "回答の状況の変更"
        ordering = ["at", "pk"]
        default_permissions = ("add", "view")

    def __str__(self) -> str:
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"


class Reminder(WrittenOnce):
    """One reminder e-mail sent about an answer: by whom, when, to which addresses."""

    answer = models.ForeignKey(
        Answer, on_delete=models.PROTECT, related_name="reminders", verbose_name="回答"
    )
    sent_at = models.DateTimeField("送信日時")
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="送信した人",
    )
    recipients = models.TextField("宛先", help_text="送ったメールアドレス（カンマ区切り）。")

    class Meta:
        verbose_name = "督促メール"
        verbose_name_plural = "督促メール"
        ordering = ["sent_at", "pk"]
        default_permissions = ("add", "view")

    def __str__(self) -> str:
        return f"{self.answer}への督促（{self.recipients}）"
