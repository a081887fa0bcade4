"""Renaming a 担当課 or a 協働の形態 in the admin: from which fiscal year, or as a correction.

On an existing record the name is not typed over. The coordinator writes the new name and
chooses what it is: a rename from a fiscal year on (組織改正; the current fiscal year unless
another is given), after which every earlier year keeps the name it was published under; or a
correction of a name as written (誤記の訂正), of the current name or of one of the past names,
which changes every year that name covers, published ones included. The services do the work
(projects.services.names) and refuse what cannot be: the same name in one year twice, a rename
before an earlier one.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.html import format_html_join

from kyodo.limits import MAX_YEAR, MIN_YEAR
from kyodo.validators import visible_text
from projects.admin.history import KyodoHistoryAdmin
from projects.history import fiscal_year_text
from projects.services import names
from projects.wareki import fiscal_year_label, fiscal_year_of

RENAME = "rename"
CORRECT_NOW = "correct"


def _current_fiscal_year() -> int:
    return fiscal_year_of(timezone.localdate())


class RenameForm(forms.ModelForm):
    """The record's own fields, and on a saved record the rename's three fields."""

    new_name = forms.CharField(
        label="新しい名称",
        required=False,
        help_text="名称を変えるときだけ入力します。",
        validators=[visible_text],  # the name goes to the model's field: the same rule
    )
    change = forms.ChoiceField(label="変更の種類", required=False, widget=forms.RadioSelect)
    from_year = forms.IntegerField(
        label="新しい名称を使う最初の年度",
        required=False,
        min_value=MIN_YEAR + 1,
        max_value=MAX_YEAR,
        help_text="西暦（令和7年度 = 2025）。空欄なら今年度。"
        "これより前の年度は元の名称のままです。",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(RENAME, "名称変更（組織改正）：指定した年度から新しい名称にする")]
        if self.instance.pk is not None:
            choices.append((CORRECT_NOW, f"誤記の訂正：現在の名称「{self.instance.name}」を直す"))
            for past in self.instance.past_names.order_by("until_year"):
                choices.append(
                    (
                        str(past.until_year),
                        f"誤記の訂正：{fiscal_year_label(past.until_year)}までの名称"
                        f"「{past.name}」を直す",
                    )
                )
        self.fields["change"].choices = choices
        self.fields["change"].initial = RENAME

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None or not cleaned.get("new_name"):
            return cleaned
        change = cleaned.get("change") or RENAME
        cleaned["change"] = change
        try:
            if change == RENAME:
                if cleaned.get("from_year") is None:
                    cleaned["from_year"] = _current_fiscal_year()
                names.check_rename(
                    owner=self.instance, name=cleaned["new_name"], from_year=cleaned["from_year"]
                )
            else:
                until_year = None if change == CORRECT_NOW else int(change)
                names.check_correct(
                    owner=self.instance, name=cleaned["new_name"], until_year=until_year
                )
        except ValidationError as error:
            self.add_error("new_name", error)
        return cleaned


class RenamingAdmin(KyodoHistoryAdmin):
    """A ModelAdmin whose model has a name that changes only through projects.services.names.

    ``rename`` and ``correct`` call the model's services."""

    form = RenameForm
    rename_fields = ("new_name", "change", "from_year", "names_over_the_years")

    def rename(self, *, obj, name, from_year, user):  # pragma: no cover - set by subclasses
        raise NotImplementedError

    def correct(self, *, obj, name, until_year, user):  # pragma: no cover
        raise NotImplementedError

    def get_readonly_fields(self, request, obj=None):
        readonly = tuple(super().get_readonly_fields(request, obj))
        if obj is not None:
            readonly += ("name", "names_over_the_years")
        return readonly

    def get_fields(self, request, obj=None):
        fields = [f for f in super().get_fields(request, obj) if f not in self.rename_fields]
        if obj is None:
            return fields
        at = fields.index("name") + 1 if "name" in fields else 0
        return [*fields[:at], *self.rename_fields, *fields[at:]]

    @admin.display(description="これまでの名称")
    def names_over_the_years(self, obj):
        past = list(obj.past_names.order_by("until_year"))
        if not past:
            return "名称の変更はありません。"
        rows = [(f"{fiscal_year_text(p.until_year)}まで", p.name) for p in past]
        rows.append((f"{fiscal_year_text(past[-1].until_year + 1)}から（現在）", obj.name))
        return format_html_join("", "<div>{}：{}</div>", rows)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        name = form.cleaned_data.get("new_name")
        if not change or not name:
            return
        kind = form.cleaned_data["change"]
        if kind == RENAME:
            self.rename(
                obj=obj, name=name, from_year=form.cleaned_data["from_year"], user=request.user
            )
            what = f"{fiscal_year_label(form.cleaned_data['from_year'])}から「{name}」にしました"
        else:
            until_year = None if kind == CORRECT_NOW else int(kind)
            self.correct(obj=obj, name=name, until_year=until_year, user=request.user)
            what = f"名称を「{name}」に訂正しました"
        obj.refresh_from_db()
        self.message_user(request, f"{obj}：{what}。", messages.SUCCESS)
