"""The admin's forms for projects: Japanese validation of every rule, and optimistic locking."""

import datetime
from collections import defaultdict

from django import forms
from django.contrib.admin.widgets import AdminDateWidget
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from projects import layout
from projects.models import Project, ProjectPartner, Session
from projects.wareki import WarekiError, format_date, outside_fiscal_year

CONFLICT_HEADER = (
    "この協働事業は、あなたが画面を開いた後に他の人が保存しました。"
    "あなたの変更は保存していません（相手の変更は上書きされていません）。"
)
CONFLICT_FOOTER = "画面を開き直して最新の内容を確認してから、もう一度入力してください。"


def wareki_or_blank(value) -> str:
    """令和5年8月22日 for a date (or a date typed as text), "" when it cannot be read."""
    if isinstance(value, str):
        value = value.strip().replace("/", "-")
        try:
            value = parse_date(value)
        except ValueError:
            value = None
    if not isinstance(value, datetime.date):
        return ""
    try:
        return format_date(value)
    except WarekiError:
        return ""


class WarekiDateWidget(AdminDateWidget):
    """The admin's date widget with the date's 和暦 beside it (kept current by wareki.js)."""

    def render(self, name, value, attrs=None, renderer=None):
        html = str(super().render(name, value, attrs, renderer)).rstrip()
        span = format_html(
            '<span class="kyodo-wareki" aria-live="polite">{}</span>', wareki_or_blank(value)
        )
        # Inside the widget's <p class="date">, so it stays on the date's line.
        if html.endswith("</p>"):
            return mark_safe(html[: -len("</p>")] + span + "</p>")
        return mark_safe(html + span)


# --- optimistic locking -------------------------------------------------------------------


class EditConflict(Exception):
    """The project was saved by someone else after this form was loaded."""

    def __init__(self, lines: list[str]):
        super().__init__("\n".join(lines))
        self.lines = lines


def _who(record) -> str:
    user = getattr(record, "history_user", None)
    if user is None:
        return "（不明な利用者）"
    return user.get_full_name() or user.get_username()


def _when(record) -> str:
    local = timezone.localtime(record.history_date)
    return f"{format_date(local.date())} {local:%H:%M}"


def _shown(value) -> str:
    if value is None or value == "":
        return "（空欄）"
    if isinstance(value, datetime.date):
        return wareki_or_blank(value) or str(value)
    if isinstance(value, bool):
        return "はい" if value else "いいえ"
    text = str(value)
    return text if len(text) <= 40 else text[:39] + "…"


def field_changes(record) -> list[str]:
    """「協働事業の名称：「A」→「B」」 for each field the history record changed."""
    previous = record.prev_record
    if previous is None:
        return []
    delta = record.diff_against(previous, foreign_keys_are_objs=True)
    model = record.instance_type
    lines = []
    for change in delta.changes:
        field = model._meta.get_field(change.field)
        old, new = change.old, change.new
        if getattr(field, "choices", None):
            labels = dict(field.flatchoices)
            old, new = labels.get(old, old), labels.get(new, new)
        lines.append(f"{field.verbose_name}：「{_shown(old)}」→「{_shown(new)}」")
    return lines


_ACTION = {"+": "追加", "~": "変更", "-": "削除"}


def changes_since(project_id: int, since: datetime.datetime | None) -> list[str]:
    """What others saved to a project (its fields, sessions and partner links) after `since`.

    Read from django-simple-history: one line per field changed, so the clerk sees what the
    other person did before entering their change again.
    """
    records = list(
        Project.history.filter(id=project_id, history_date__gt=since)
        if since is not None
        else Project.history.filter(id=project_id)[:1]
    )
    lines: list[str] = []
    for record in sorted(records, key=lambda r: r.history_date):
        lines.append(f"{_when(record)} {_who(record)}さんが{_ACTION[record.history_type]}：")
        lines.extend(f"・{line}" for line in field_changes(record))
    if since is not None:
        for model, noun in ((Session, "実施"), (ProjectPartner, "関係団体")):
            related = model.history.filter(project_id=project_id, history_date__gt=since)
            for record in related.order_by("history_date"):
                what = (
                    format_date(record.start)
                    if model is Session
                    else str(record.written_as or record.partner)
                )
                detail = "、".join(field_changes(record)) if record.history_type == "~" else ""
                lines.append(
                    f"・{noun}「{what}」を{_ACTION[record.history_type]}"
                    + (f"（{detail}）" if detail else "")
                    + f"（{_who(record)}さん、{_when(record)}）"
                )
    if not lines:
        lines.append("・（変更内容の記録が見つかりません）")
    return [CONFLICT_HEADER, *lines, CONFLICT_FOOTER]


# --- the project form ---------------------------------------------------------------------


class ProjectAdminForm(forms.ModelForm):
    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    loaded_at = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Project
        fields = ["fiscal_year", "form", "number", *layout.PROJECT_FIELDS]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["loaded_version"].initial = self.instance.version
        self.fields["loaded_at"].initial = timezone.now().isoformat()

    def loaded_since(self) -> datetime.datetime | None:
        text = self.data.get(self.add_prefix("loaded_at")) if self.is_bound else None
        try:
            return parse_datetime(text) if text else None
        except ValueError:
            return None

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            loaded = cleaned.get("loaded_version")
            current = (
                Project.objects.filter(pk=self.instance.pk)
                .values_list("version", flat=True)
                .first()
            )
            if loaded is None:
                raise ValidationError(
                    "画面の版の情報がありません。画面を開き直してから、もう一度入力してください。",
                    code="no_version",
                )
            if current is not None and loaded != current:
                raise ValidationError(
                    changes_since(self.instance.pk, self.loaded_since()), code="conflict"
                )
        return cleaned


def fiscal_year_error(fiscal_year, start, end) -> tuple[str, str] | None:
    """(field, message) when a session does not fall inside the project's fiscal year."""
    if not fiscal_year or start is None:
        return None
    reason = outside_fiscal_year(fiscal_year, start, end)
    if reason is None:
        return None
    return ("end" if outside_fiscal_year(fiscal_year, start) is None else "start", reason)


class SessionInlineForm(forms.ModelForm):
    class Meta:
        model = Session
        fields = [
            "order",
            "label",
            "start",
            "end",
            "participants",
            "approximate",
            "unit",
            "group",
            "note",
        ]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error(
                "end",
                f"終了日（{format_date(end)}）が開始日（{format_date(start)}）より前です。",
            )
        elif start:
            # The inline formset gives each form the parent project, with the fiscal year the
            # parent form is about to save (also for a project that does not exist yet).
            project = getattr(self.instance, "project", None)
            error = fiscal_year_error(getattr(project, "fiscal_year", None), start, end)
            if error:
                self.add_error(*error)
        if cleaned.get("approximate") and cleaned.get("participants") is None:
            self.add_error("participants", "概数（約）にするときは参加人数を入力してください。")
        return cleaned


class SessionInlineFormSet(BaseInlineFormSet):
    """Rules that need all sessions at once, or the project's fiscal year from the parent form."""

    def _kept_forms(self):
        return [
            form
            for form in self.forms
            if form.has_changed() or form.instance.pk
            if not (self.can_delete and self._should_delete_form(form))
            if hasattr(form, "cleaned_data") and form.cleaned_data.get("start")
        ]

    def clean(self):
        super().clean()
        project = self.instance
        kept = self._kept_forms()
        for form in kept:
            if form.has_error("start") or form.has_error("end"):
                continue
            error = fiscal_year_error(
                project.fiscal_year, form.cleaned_data["start"], form.cleaned_data.get("end")
            )
            if error:
                form.add_error(*error)
        self._check_groups(kept)
        self._check_reported_totals(project, kept)

    def _check_groups(self, kept):
        groups = defaultdict(list)
        for form in kept:
            group = form.cleaned_data.get("group") or 0
            if group:
                groups[group].append(form)
        for group, members in sorted(groups.items()):
            if len(members) < 2:
                continue
            members.sort(key=lambda f: (f.cleaned_data.get("order") or 0, f.cleaned_data["start"]))
            for form in members[1:]:
                if form.cleaned_data.get("participants") is not None:
                    form.add_error(
                        "participants",
                        f"人数のまとまり{group}の参加人数は、まとまりの最初の実施"
                        f"（{format_date(members[0].cleaned_data['start'])}）にだけ入力し、"
                        "ほかは空欄にしてください。",
                    )

    def _check_reported_totals(self, project, kept):
        if not kept:
            return
        count = len(kept)
        total = sum(f.cleaned_data.get("participants") or 0 for f in kept)
        any_count = any(f.cleaned_data.get("participants") is not None for f in kept)
        errors = []
        reported_count = project.reported_session_count
        if reported_count is not None and reported_count != count:
            errors.append(
                f"報告上の実施回数（全{reported_count}回）が、入力された実施の件数（{count}件）と"
                "一致しません。"
            )
        reported_total = project.reported_participants_total
        if reported_total is not None and any_count and reported_total != total:
            errors.append(
                f"報告上の延べ人数（延べ{reported_total:,}人）が、参加人数の合計（{total:,}人）と"
                "一致しません。"
            )
        if errors:
            raise ValidationError(errors)
