"""The public register's filters: 年度, 協働の形態, 実施区分, 担当課, 関係団体 and a keyword.

One FilterSet for the public list (`/`), its CSV download and the API (`/api/projects/`), so the
query parameters mean the same everywhere: year, form, category, department, partner, q.
"""

import django_filters
from django import forms

from kyodo.limits import MAX_YEAR, MIN_YEAR
from partners.models import Partner
from projects.models import Category, Department, Form, Project, ProjectPartner
from projects.names import departments_in_year, forms_in_year
from projects.rules import keyword_error
from projects.wareki import fiscal_year_label

# The published register: every choice a filter offers or accepts names a record citizens can
# see. An id of a 担当課, 協働の形態 or 関係団体 found only in drafts (下書き) lists nothing,
# exactly as an id that does not exist: the same empty list (a 200 in the API, whose schema
# allows any integer), so counting up the ids tells nothing about the drafts. A value that is
# no id at all ("abc") is refused (400).
# Lazy querysets (a subquery each): the field reads them afresh on every request.
_published_forms = Form.objects.filter(pk__in=Project.objects.published().values("form_id"))
_published_departments = Department.objects.filter(
    pk__in=Project.objects.published().values("department_id")
)
_published_partners = Partner.objects.filter(
    pk__in=ProjectPartner.objects.filter(project__published=True).values("partner_id")
)

ID_MAX = 2**63 - 1  # the ids' columns (BigAutoField)


class _Unlisted:
    """An id that names no published record: the filter lists nothing."""

    def __repr__(self):
        return "UNLISTED"


UNLISTED = _Unlisted()


class _PublishedChoice(forms.ModelChoiceField):
    """An id among the queryset's records; another whole number is UNLISTED (never an error
    that would tell an unknown id from a draft's), anything else is refused."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            number = int(str(value).strip())
        except ValueError:
            raise forms.ValidationError(
                f"{self.label}は数字のIDで指定してください。", code="invalid_choice"
            ) from None
        if not 1 <= number <= ID_MAX:
            return UNLISTED
        found = self.queryset.filter(pk=number).first()
        return UNLISTED if found is None else found

    def validate(self, value):
        return forms.Field.validate(self, value)

    def label_from_instance(self, obj):
        # A choice labelled by the name it had in the list's year (``name_then``), if annotated.
        return getattr(obj, "name_then", None) or str(obj)


class _PublishedFilter(django_filters.ModelChoiceFilter):
    field_class = _PublishedChoice

    def filter(self, qs, value):
        if value is UNLISTED:
            return qs.none()
        return super().filter(qs, value)


class _YearFilter(django_filters.NumberFilter):
    """A whole number (0.5 is refused); a year no project can have lists nothing."""

    field_class = forms.IntegerField

    def filter(self, qs, value):
        if value is not None and not MIN_YEAR <= value <= MAX_YEAR:
            return qs.none()
        return super().filter(qs, value)


class KeywordField(forms.CharField):
    """The keyword: refused (with the reason, in Japanese) past KEYWORD_MAX_CHARS or
    KEYWORD_MAX_WORDS, before any query."""

    def validate(self, value):
        super().validate(value)
        error = keyword_error(value or "")
        if error:
            raise forms.ValidationError(error, code="keyword_too_long")


class KeywordFilter(django_filters.CharFilter):
    field_class = KeywordField


class PublicProjectFilter(django_filters.FilterSet):
    year = _YearFilter(field_name="fiscal_year", label="年度")
    form = _PublishedFilter(queryset=_published_forms, label="協働の形態", empty_label="すべて")
    category = django_filters.ChoiceFilter(
        choices=Category.choices, label="実施区分", empty_label="すべて"
    )
    department = _PublishedFilter(
        queryset=_published_departments, label="担当課", empty_label="すべて"
    )
    # Reached from a partner's page: a list of every partner would be far too long to offer.
    partner = _PublishedFilter(
        field_name="partners",  # what the value is; the method does the filtering
        queryset=_published_partners,
        method="filter_partner",
        label="関係団体",
        widget=forms.HiddenInput,
    )
    q = KeywordFilter(method="filter_keyword", label="キーワード")

    class Meta:
        model = Project
        fields = ["year", "form", "category", "department", "partner", "q"]

    def filter_partner(self, queryset, name, value):
        if value is UNLISTED:
            return queryset.none()
        return queryset.with_partner(value)

    def filter_keyword(self, queryset, name, value):
        return queryset.matching(value)


class RegisterFilter(PublicProjectFilter):
    """The public list's form: one year at a time, chosen among the published years (和暦)."""

    def __init__(self, data, *, years: list[int], **kwargs):
        super().__init__(data, **kwargs)
        year = int(data["year"]) if str(data.get("year") or "").isdigit() else None
        if year is not None:
            # The year's list offers the 担当課 and 協働の形態 of that year's listed projects, by
            # the names of that year: a later rename or a new department changes nothing here.
            listed = self.queryset
            self.filters["department"].queryset = departments_in_year(year, listed)
            self.filters["form"].queryset = forms_in_year(year, listed)
        self.filters["year"] = django_filters.ChoiceFilter(
            field_name="fiscal_year",
            label="年度",
            choices=[(year, f"{fiscal_year_label(year)}（{year}年度）") for year in years],
            empty_label=None,
        )
