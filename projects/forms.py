"""The admin's forms for projects: Japanese validation of every rule, optimistic locking, and
the export form with the report's column names."""

import datetime
from collections import defaultdict

from django import forms
from django.contrib.admin.widgets import AdminDateWidget
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from import_export.forms import SelectableFieldsExportForm

from projects import layout
from projects.history import changes_since, wareki_or_blank
from projects.models import Project, ProjectPartner, Session
from projects.report.changes import is_published_year
from projects.wareki import format_date, outside_fiscal_year


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


# --- the project form: optimistic locking, corrections of a published year ----------------

CORRECTION_FIELD = "correction_reason"


def needs_correction_reason(project: Project | None) -> bool:
    """A saved project of a year with an edition (公表版) is changed only with a reason.

    Asked by the admin's fieldsets and by the form for the same project object: kept on it."""
    if project is None or project.pk is None:
        return False
    cached = getattr(project, "_kyodo_published_year", None)
    if cached is None:
        cached = is_published_year(project.fiscal_year)
        setattr(project, "_kyodo_published_year", cached)  # noqa: B010 (mypy: not a field)
    return cached


class ProjectAdminForm(forms.ModelForm):
    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    loaded_at = forms.CharField(widget=forms.HiddenInput, required=False)
    # Shown (and then required) only for a project of a published year: see __init__.
    correction_reason = forms.CharField(
        label="訂正の理由",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 80}),
        help_text="この年度は公表済みです。何をなぜ直すのかを書いてください"
        "（例：参加人数の集計誤り）。変更履歴と、市民向けのページに載ります。",
    )

    class Meta:
        model = Project
        fields = ["fiscal_year", "form", "number", *layout.PROJECT_FIELDS, "previous"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["loaded_version"].initial = self.instance.version
        self.fields["loaded_at"].initial = timezone.now().isoformat()
        # Required whenever the form is saved, so also when only a session or partner changes.
        self.fields[CORRECTION_FIELD].required = needs_correction_reason(self.instance)

    def clean_correction_reason(self):
        return " ".join((self.cleaned_data.get(CORRECTION_FIELD) or "").split())

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
        # The note wraps in its narrow column instead of scrolling out of sight in one line.
        widgets = {"note": forms.Textarea(attrs={"rows": 2, "cols": 20})}

    def clean_note(self):
        # One line in the report's cell: line breaks typed in the box become spaces.
        return " ".join((self.cleaned_data.get("note") or "").splitlines()).strip()

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


class ReportExportForm(SelectableFieldsExportForm):
    """The library's export form with the report's column names (年度, 協働の形態, …) as the
    labels of its boxes, instead of 「Fiscal Year (年度)」.

    Set after the library built the boxes, through its public naming of them
    (create_boolean_field_name); a box the name does not find keeps the library's label, and
    tests/admin/test_import_export_flow.py then fails on the page's wording.
    """

    def __init__(self, formats, resources, **kwargs):
        super().__init__(formats, resources, **kwargs)
        for resource_class in resources:
            resource = resource_class()
            for name in resource.get_export_order():
                box = self.fields.get(self.create_boolean_field_name(resource_class, name))
                column = resource.fields[name].column_name
                if box is not None and column:
                    box.label = column


class PartnerLinkForm(forms.ModelForm):
    """A partner link in a project's form: left without a spelling, it is printed under the
    partner's name of this moment (ProjectPartner.fill_written_as does the same on save)."""

    class Meta:
        model = ProjectPartner
        fields = ("order", "partner", "role", "count", "written_as")

    def clean(self):
        cleaned = super().clean()
        # In the cleaned data, not only on the instance: the formset compares its rows' spellings
        # (unique project, partner, role, spelling) before any instance is saved.
        partner = cleaned.get("partner")
        if partner is not None and not cleaned.get("written_as"):
            cleaned["written_as"] = partner.name
        return cleaned
