"""Building the POST of an admin change form from what the form shows, as a browser would."""

import datetime

from django.urls import reverse


def change_url(project) -> str:
    return reverse("admin:projects_project_change", args=[project.pk])


def _put(data, bound_field):
    value = bound_field.value()
    name = bound_field.html_name
    if isinstance(value, bool):
        if value:
            data[name] = "on"
        return
    if value is None:
        data[name] = ""
    elif isinstance(value, (list, tuple)):
        data[name] = [str(v) for v in value]
    elif isinstance(value, datetime.date):
        data[name] = value.isoformat()
    else:
        data[name] = str(value)


def form_data(response) -> dict:
    """Every field of the main form and its inlines, with the values the page shows."""
    data = {}
    for bound_field in response.context["adminform"].form:
        _put(data, bound_field)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for bound_field in formset.management_form:
            _put(data, bound_field)
        for form in formset.forms:
            for bound_field in form:
                _put(data, bound_field)
    return data


def session_key(data, index, field) -> str:
    return f"sessions-{index}-{field}"
