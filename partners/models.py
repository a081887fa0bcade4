from django.db import models
from simple_history.models import HistoricalRecords

from kyodo.limits import PARTNER_NAME_MAX
from kyodo.validators import visible_lines, visible_text


class PartnerKind(models.TextChoices):
    COMPANY = "company", "企業"
    PUBLIC_INTEREST = "public_interest", "公益法人"
    NPO = "npo", "NPO"
    GOVERNMENT = "government", "行政機関"
    COMMUNITY = "community", "地域団体"
    COMMITTEE = "committee", "実行委員会"
    EDUCATION = "education", "教育機関"
    OTHER = "other", "その他"


class Partner(models.Model):
    """One outside body (関係団体), however many ways the reports spell it."""

    name = models.CharField(
        "正式名称",
        validators=[visible_text],
        max_length=PARTNER_NAME_MAX,
        unique=True,
        help_text="法人格の略称を展開した正式な名称（例：(公財)苫小牧市スポーツ協会 → "
        "公益財団法人苫小牧市スポーツ協会）。",
    )
    legal_form = models.CharField(
        "法人格",
        validators=[visible_text],
        max_length=30,
        blank=True,
        help_text="株式会社、公益財団法人など。法人格のない団体は空欄。",
    )
    kind = models.CharField(
        "種別", max_length=20, choices=PartnerKind.choices, default=PartnerKind.OTHER
    )
    note = models.TextField("備考", blank=True, validators=[visible_lines])
    created_at = models.DateTimeField("登録日時", auto_now_add=True)
    updated_at = models.DateTimeField("更新日時", auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "関係団体"
        verbose_name_plural = "関係団体"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class PartnerAlias(models.Model):
    """Another spelling of a partner seen in a source, so the next import finds the same body."""

    partner = models.ForeignKey(
        Partner, on_delete=models.CASCADE, related_name="aliases", verbose_name="関係団体"
    )
    name = models.CharField(
        "表記",
        validators=[visible_text],
        max_length=PARTNER_NAME_MAX,
        unique=True,
        help_text="報告書などで見られた別の書き方（例：(公財) 苫小牧市スポーツ協会）。",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "別表記"
        verbose_name_plural = "別表記"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
