"""The admin's history pages (django-simple-history) as a clerk reads them, for every admin of
the register: projects, partners, departments, forms and the survey's answers."""

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from projects.history import display_value, named_then

BIGINT_MIN, BIGINT_MAX = -(2**63), 2**63 - 1  # the ids' columns (BigAutoField)


def id_or_404(model, value):
    """An id from a URL read as Django's admin reads it (the primary key's to_python, as
    ModelAdmin.get_object does): anything else ("abc", "1.5", a number no column holds) is a
    404 before any query, never a ValueError from the lookup (a 500)."""
    field = model._meta.pk
    try:
        pk = field.to_python(unquote(str(value)))
        if isinstance(pk, int) and not BIGINT_MIN <= pk <= BIGINT_MAX:
            raise ValidationError("out of range")
    except (ValidationError, ValueError, TypeError):
        raise Http404(f"{model._meta.verbose_name}が見つかりません。") from None
    return pk


class KyodoHistoryContextHelper(HistoricalRecordContextHelper):
    """Changes shown as a clerk reads them: choices by label, dates in 和暦."""

    def prepare_delta_change_value(self, change, value):
        value = super().prepare_delta_change_value(change, value)
        field = self.model._meta.get_field(change.field)
        year = getattr(self.record, "fiscal_year", None)
        return display_value(field, named_then(field, value, year))


class KyodoHistoryAdmin(SimpleHistoryAdmin):
    """simple-history's pages in Japanese, with every change shown field by field.

    Past versions are shown read only: reverting would bypass the department checks and the
    optimistic lock of the change form, so a POST to a past version is refused.
    """

    object_history_template = "admin/kyodo/object_history.html"
    object_history_list_template = "admin/kyodo/object_history_list.html"

    def history_view_title(self, request, obj):
        return f"変更履歴：{obj}"

    def history_form_view_title(self, request, obj):
        return f"過去の版：{obj}"

    def get_historical_record_context_helper(self, request, historical_record):
        return KyodoHistoryContextHelper(self.model, historical_record)

    def revert_disabled(self, request, obj=None):
        return True

    # simple-history looks the history up by the raw id before Django's get_object reads it:
    # a malformed id is a 404 here first.
    def history_view(self, request, object_id, extra_context=None):
        id_or_404(self.model, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            raise PermissionDenied("過去の版に戻す操作はできません。")
        id_or_404(self.model, object_id)
        id_or_404(self.model.history.model, version_id)
        return super().history_form_view(request, object_id, version_id, extra_context)
