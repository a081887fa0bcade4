"""The survey's forms, in Japanese: opening, the reasons at submission, return and confirm."""

from django import forms
from django.contrib.admin.widgets import AdminDateWidget
from django.utils import timezone

from projects.wareki import fiscal_year_label, fiscal_year_of
from surveys.models import Survey
from surveys.services import REASON_MAX


class OpenSurveyForm(forms.ModelForm):
    """「調査を開始」: the year, the deadline and the message to the departments."""

    class Meta:
        model = Survey
        fields = ["fiscal_year", "deadline", "message"]
        widgets = {"deadline": AdminDateWidget, "message": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk and not self.is_bound:
            # In spring the office asks about the fiscal year that has just ended.
            self.initial.setdefault("fiscal_year", fiscal_year_of(timezone.localdate()) - 1)

    def clean_fiscal_year(self):
        year = self.cleaned_data["fiscal_year"]
        if self.instance.pk is None and Survey.objects.filter(fiscal_year=year).exists():
            raise forms.ValidationError(
                f"{fiscal_year_label(year)}の調査はすでに開始されています。"
            )
        return year

    def clean(self):
        cleaned = super().clean()
        year, deadline = cleaned.get("fiscal_year"), cleaned.get("deadline")
        if year and deadline and deadline.year < year:
            self.add_error("deadline", "提出期限が調査する年度より前になっています。")
        return cleaned


class SubmitForm(forms.Form):
    """One reason field per checklist point still open; each is required to submit."""

    def __init__(self, *args, points=(), **kwargs):
        super().__init__(*args, **kwargs)
        for point in points:
            self.fields[f"reason-{point.key}"] = forms.CharField(
                label=point.text,
                max_length=REASON_MAX,
                required=True,
                error_messages={"required": "理由を書いてください（直した場合は画面を開き直す）。"},
                widget=forms.TextInput(
                    attrs={"size": 50, "placeholder": "理由（例：参加人数は不明、効果は集計中）"}
                ),
            )

    def explanations(self) -> dict[str, str]:
        return {
            name.removeprefix("reason-"): value
            for name, value in self.cleaned_data.items()
            if name.startswith("reason-")
        }


class CommentForm(forms.Form):
    comment = forms.CharField(
        label="コメント",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
    )


class CloseForm(forms.Form):
    force = forms.BooleanField(
        label="確認済・該当なしでない担当課があることを承知のうえで締め切る", required=False
    )
    publish = forms.BooleanField(
        label="締め切った後、この年度の報告書の公表版を作成する", required=False
    )
    note = forms.CharField(label="公表版の注記", required=False, max_length=500)
