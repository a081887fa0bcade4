"""The API's filters: the public list's FilterSet, with no empty parameter.

The list's form sends every field, empty ones meaning 「すべて」; the API's schema calls an empty
year, form, category, department, partner or page_size invalid, so the API refuses it (400)
rather than read it as absent. An empty q is a keyword like any other (none)."""

from django import forms

from projects.filters import PublicProjectFilter

EMPTY = "空の値は指定できません（絞り込まないときはパラメータごと省いてください）。"


class _NoEmptyValues(forms.Form):
    def clean(self):
        cleaned = super().clean()
        for name in self.fields:
            if name != "q" and name in self.data and not str(self.data[name]).strip():
                self.add_error(name, EMPTY)
        return cleaned


class ApiProjectFilter(PublicProjectFilter):
    class Meta(PublicProjectFilter.Meta):
        form = _NoEmptyValues
