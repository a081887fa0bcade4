"""The import's forms beyond the library's: the coordinator's answer for forms of collaboration
the list lacks, and the confirm form that carries that answer to the real import.

The answer is explicit, name by name: add it to the list, or read it as one the list has. It
travels as hidden JSON from the preview to the confirm step; the service checks it again (only
the coordinator may make it), so a forged answer changes nothing.
"""

import json

from django import forms
from django.core.exceptions import ValidationError
from import_export.forms import ConfirmImportForm

from projects.models import Form
from projects.services.unknown_forms import FormChoices

ADD = "__add__"  # the option 「一覧に追加する」; never a form's name
RECHECK = "kyodo_form_choices"  # marks the POST of the choice form on the import page


def encode(choices: FormChoices) -> str:
    return json.dumps(
        {"add": sorted(choices.add), "map": dict(sorted(choices.mapping.items()))},
        ensure_ascii=False,
    )


def decode(text: str) -> FormChoices:
    if not text:
        return FormChoices()
    try:
        data = json.loads(text)
        add = frozenset(str(name) for name in data.get("add", []))
        mapping = {str(k): str(v) for k, v in dict(data.get("map", {})).items()}
    except (ValueError, TypeError, AttributeError):
        raise ValidationError(
            "協働の形態の指定が読めません。もう一度ファイルを選んでください。"
        ) from None
    return FormChoices(add=add, mapping=mapping)


class ReportConfirmImportForm(ConfirmImportForm):
    """The library's confirm form with the coordinator's answer for unknown forms."""

    form_choices = forms.CharField(widget=forms.HiddenInput, required=False, initial="")

    def clean_form_choices(self) -> FormChoices:
        return decode(self.cleaned_data.get("form_choices", ""))


class FormChoiceForm(ConfirmImportForm):
    """For each form the list lacks: 「一覧に追加する」 or 「『…』として読む」.

    Carries the uploaded file's stored name like the confirm form, so the file is read again
    with the answer without uploading it twice.
    """

    def __init__(self, *args, names=(), **kwargs):
        super().__init__(*args, **kwargs)
        if self.is_bound and not names:
            names = [
                self.data[f"name_{i}"] for i in range(len(self.data)) if f"name_{i}" in self.data
            ]
        self.names = list(names)
        options = [("", "選んでください"), (ADD, "協働の形態の一覧に追加する")]
        listed = Form.objects.values_list("name", flat=True)
        options += [(name, f"「{name}」として読む") for name in listed]
        for index, name in enumerate(self.names):
            self.fields[f"name_{index}"] = forms.CharField(widget=forms.HiddenInput, initial=name)
            self.fields[f"choice_{index}"] = forms.ChoiceField(
                label=f"「{name}」を", choices=options
            )
        self.fields[RECHECK] = forms.CharField(widget=forms.HiddenInput, initial="1")

    def choice_fields(self):
        return [self[f"choice_{index}"] for index in range(len(self.names))]

    def choices(self) -> FormChoices:
        add, mapping = set(), {}
        for index in range(len(self.names)):
            name = self.cleaned_data[f"name_{index}"]
            choice = self.cleaned_data[f"choice_{index}"]
            if choice == ADD:
                add.add(name)
            else:
                mapping[name] = choice
        return FormChoices(add=frozenset(add), mapping=mapping)
