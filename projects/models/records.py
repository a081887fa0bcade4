from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from kyodo import limits
from kyodo.limits import MAX_YEAR, MIN_YEAR
from kyodo.validators import visible_lines, visible_text
from partners.models import Partner
from projects.choices import Category
from projects.querysets import REPORT_ORDER, ProjectQuerySet
from projects.rules import name_in_year, previous_link_error
from projects.wareki import fiscal_year_label


class Form(models.Model):
    """協働の形態: an editable list, since every city uses its own subset and wording."""

    name = models.CharField(
        "名称", max_length=limits.FORM_NAME_MAX, unique=True, validators=[visible_text]
    )
    order = models.PositiveSmallIntegerField(
        "表示順", default=0, help_text="報告書で ①②… と並ぶ順。小さいものが先。"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "協働の形態"
        verbose_name_plural = "協働の形態"
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class Department(models.Model):
    """担当課: the city section in charge (課, 室, センター, 館)."""

    name = models.CharField(
        "名称", max_length=limits.DEPARTMENT_NAME_MAX, unique=True, validators=[visible_text]
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="departments",
        blank=True,
        verbose_name="所属職員",
        help_text="この担当課の協働事業を追加・変更・削除できる職員（担当課職員グループ）。",
    )
    active = models.BooleanField(
        "使用中",
        default=True,
        help_text="廃止・統合された担当課はチェックを外します。年次調査の対象から外れます"
        "（これまでの協働事業と記録はそのまま残ります）。",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "担当課"
        verbose_name_plural = "担当課"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Project(models.Model):
    """協働事業: one collaborative project of one fiscal year, as one row of the report."""

    fiscal_year = models.PositiveSmallIntegerField(
        "年度",
        validators=[MinValueValidator(MIN_YEAR), MaxValueValidator(MAX_YEAR)],
        help_text="西暦で入力（令和5年度 = 2023）。年度は4月1日から翌年3月31日まで。",
    )
    form = models.ForeignKey(
        Form, on_delete=models.PROTECT, related_name="projects", verbose_name="協働の形態"
    )
    number = models.PositiveSmallIntegerField(
        "No.", help_text="報告書の番号。同じ年度・協働の形態の中で重複できません。"
    )
    name = models.CharField(
        "協働事業の名称", max_length=limits.PROJECT_NAME_MAX, validators=[visible_text]
    )
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="projects", verbose_name="担当課"
    )
    category = models.CharField("実施区分", max_length=20, choices=Category.choices)
    since_year = models.PositiveSmallIntegerField(
        "継続実施の開始年",
        null=True,
        blank=True,
        validators=[MinValueValidator(MIN_YEAR), MaxValueValidator(MAX_YEAR)],
        help_text="「昭和62年頃から継続実施」なら 1987（西暦）。不明なら空欄。",
    )
    purpose = models.TextField("協働事業の目的、内容等", blank=True, validators=[visible_lines])
    effect = models.TextField(
        "取組の効果、市民からの反響等", blank=True, validators=[visible_lines]
    )
    partners: "models.ManyToManyField[Partner, ProjectPartner]" = models.ManyToManyField(
        Partner,
        through="ProjectPartner",
        related_name="projects",
        verbose_name="取組に関係した団体等",
        blank=True,
    )
    reported_session_count = models.PositiveSmallIntegerField(
        "報告上の実施回数",
        null=True,
        blank=True,
        help_text="「全9回 延べ165人」の 9。入力すると実施の件数と照合します。",
    )
    reported_participants_total = models.PositiveIntegerField(
        "報告上の延べ人数",
        null=True,
        blank=True,
        help_text="「全9回 延べ165人」の 165。入力すると参加人数の合計と照合します。",
    )
    published = models.BooleanField(
        "公開",
        default=False,
        help_text="公開すると市民向けのページとオープンデータに載ります。"
        "切り替えは協働推進担当が行います（報告書から取り込んだ協働事業は公開済み）。",
    )
    previous = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="next_years",
        verbose_name="前年度の協働事業",
        help_text="この協働事業の前の年度の回。年度をまたいで一つの事業として表示します。",
    )
    version = models.PositiveIntegerField(
        "版", default=1, editable=False, help_text="同時編集の検出に使います。"
    )
    created_at = models.DateTimeField("登録日時", auto_now_add=True)
    updated_at = models.DateTimeField("更新日時", auto_now=True)

    history = HistoricalRecords(excluded_fields=["version"])
    objects = ProjectQuerySet.as_manager()

    # Not fields: what some reads put on the instances they return, declared for the type
    # checker (an instance read another way has none of them).
    # ProjectQuerySet.with_participants() and .with_session_count():
    participants_total: int | None
    first_start: date | None
    any_approximate: bool
    session_count: int
    # surveys.selectors.with_checklists(): surveys.checklist.Point, which this layer does not
    # import, and the participants as the checklist shows them.
    points: list[Any]
    participants_text: str
    # surveys.admin_views.answer_view(): each point with its reason's field and the reason given.
    checklist: list[tuple[Any, Any, str]]
    # Read by simple_history when it records a save; set just before one.
    _history_user: Any
    _change_reason: str
    # The year as loaded (from_db, projects.signals).
    _loaded_fiscal_year: int | None

    class Meta:
        verbose_name = "協働事業"
        verbose_name_plural = "協働事業"
        ordering = list(REPORT_ORDER)
        constraints = [
            models.UniqueConstraint(
                fields=["fiscal_year", "form", "number"],
                name="project_unique_number_per_year_and_form",
                violation_error_message="同じ年度・協働の形態に同じNo.の協働事業がすでにあります。",
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1),
                name="project_number_positive",
                violation_error_message="No.は1以上にしてください。",
            ),
            models.CheckConstraint(
                condition=Q(fiscal_year__gte=MIN_YEAR) & Q(fiscal_year__lte=MAX_YEAR),
                name="project_fiscal_year_in_range",
                violation_error_message="年度が範囲外です。",
            ),
            models.CheckConstraint(
                condition=Q(since_year__isnull=True) | Q(since_year__lte=models.F("fiscal_year")),
                name="project_since_year_not_after_fiscal_year",
                violation_error_message="継続実施の開始年が年度より後になっています。",
            ),
            models.CheckConstraint(
                condition=Q(category__in=Category.values),
                name="project_category_valid",
                violation_error_message="実施区分が正しくありません。",
            ),
            # That the previous project's year is earlier is a rule across two rows: clean()
            # and projects.services.series check it.
            models.CheckConstraint(
                condition=Q(previous__isnull=True) | ~Q(previous=models.F("pk")),
                name="project_previous_not_itself",
                violation_error_message="前年度の協働事業に自分自身は指定できません。",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.fiscal_year_label} No.{self.number} {self.name}"

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        # The year as loaded: a save that moves a project to another year changes the figures
        # of both years (projects.signals).
        instance._loaded_fiscal_year = instance.__dict__.get("fiscal_year")
        return instance

    @property
    def fiscal_year_label(self) -> str:
        return fiscal_year_label(self.fiscal_year)

    # The names of the project's 担当課 and 協働の形態 in its own year, as that year's report
    # printed them (a later rename does not change them). A list annotates them
    # (ProjectQuerySet.with_names); otherwise they are read through the relations.
    @property
    def department_name(self) -> str:
        if "_department_name" not in self.__dict__:
            past = self.department.past_names.all()
            self._department_name = name_in_year(past, self.department.name, self.fiscal_year)
        return self.__dict__["_department_name"]

    @department_name.setter
    def department_name(self, value: str) -> None:
        self._department_name = value

    @property
    def form_name(self) -> str:
        if "_form_name" not in self.__dict__:
            past = self.form.past_names.all()
            self._form_name = name_in_year(past, self.form.name, self.fiscal_year)
        return self.__dict__["_form_name"]

    @form_name.setter
    def form_name(self, value: str) -> None:
        self._form_name = value

    def clean(self):
        super().clean()
        if self.category == Category.NEW and self.since_year is not None:
            raise ValidationError(
                {"since_year": "単年度(新規)実施の協働事業には継続実施の開始年を入力できません。"}
            )
        if self.previous_id is not None:
            reason = previous_link_error(self, self.previous)
            if reason:
                raise ValidationError({"previous": reason})


class ProjectPartnerQuerySet(models.QuerySet):
    def bulk_create(self, objs, *args, **kwargs):
        """bulk_create skips save(): the links without a spelling take their partner's name
        here, read in one query for those whose partner is not loaded."""
        objs = list(objs)
        missing = {
            link.partner_id
            for link in objs
            if not link.written_as and not ProjectPartner.partner.is_cached(link)
        }
        names = dict(Partner.objects.filter(pk__in=missing).values_list("pk", "name"))
        for link in objs:
            if not link.written_as:
                link.written_as = (
                    link.partner.name
                    if ProjectPartner.partner.is_cached(link)
                    else names.get(link.partner_id, "")
                )
        return super().bulk_create(objs, *args, **kwargs)


ProjectPartnerManager = models.Manager.from_queryset(ProjectPartnerQuerySet)


class ProjectPartner(models.Model):
    """A partner's part in a project, with the role label, count and spelling the report
    prints. The partner is who the link stands for (a merge may change it); the spelling is
    what was published (nothing changes it but an edit of the project)."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="partner_links", verbose_name="協働事業"
    )
    partner = models.ForeignKey(
        Partner, on_delete=models.PROTECT, related_name="project_links", verbose_name="関係団体"
    )
    order = models.PositiveSmallIntegerField("表示順", default=0)
    role = models.CharField(
        "役割",
        validators=[visible_text],
        max_length=limits.ROLE_MAX,
        blank=True,
        help_text="「内装：苫小牧内装業協会」の「内装」。",
    )
    count = models.PositiveIntegerField(
        "数", null=True, blank=True, help_text="「82町内会」の 82。団体の数を示すときだけ。"
    )
    # blank=True for the forms only: a link saved without a spelling takes the partner's name
    # of that moment (save(), clean(), the admin inline), and the database refuses a blank one,
    # so what a report printed never follows a later rename or merge of the partner.
    written_as = models.CharField(
        "報告書での表記",
        validators=[visible_text],
        max_length=limits.PARTNER_NAME_MAX,
        blank=True,
        help_text="報告書に書かれたままの名称（例：(公財) 苫小牧市スポーツ協会）。"
        "空欄で保存するとその時点の正式名称が入り、後で団体の名称を変えても統合しても変わりません。",
    )

    history = HistoricalRecords()
    objects = ProjectPartnerManager()

    # Read by simple_history when it records a save; set just before one.
    _history_user: Any

    class Meta:
        verbose_name = "関係団体との関係"
        verbose_name_plural = "取組に関係した団体等"
        ordering = ["project", "order", "pk"]
        constraints = [
            # The spelling is part of the key: two bodies merged into one keep both of their
            # links on a project they shared, each as the report printed it.
            models.UniqueConstraint(
                fields=["project", "partner", "role", "written_as"],
                name="projectpartner_unique_role_spelling",
                violation_error_message="同じ団体が同じ役割・同じ表記で重複しています。",
            ),
            models.CheckConstraint(
                condition=~Q(written_as=""),
                name="projectpartner_written_as_filled",
                violation_error_message="報告書での表記が空です。報告書に載った名称を入力してください。",
            ),
            models.CheckConstraint(
                condition=Q(count__isnull=True) | Q(count__gte=1),
                name="projectpartner_count_positive",
                violation_error_message="数は1以上にしてください。",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    def save(self, *args, **kwargs):
        blank = not self.written_as
        self.fill_written_as()
        update_fields = kwargs.get("update_fields")
        if blank and update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "written_as"}
        super().save(*args, **kwargs)

    @property
    def display_name(self) -> str:
        """As the report printed it: 「82町内会」, 「(公財) 苫小牧市スポーツ協会」."""
        return f"{self.count}{self.written_as}" if self.count else self.written_as

    def fill_written_as(self) -> None:
        """A link given no spelling is printed under the partner's name of this moment."""
        if not self.written_as and self.partner_id is not None:
            self.written_as = self.partner.name

    def clean(self):
        super().clean()
        # Before the constraints are validated (full_clean runs clean() first).
        self.fill_written_as()
