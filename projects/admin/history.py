"""The admin's history pages (django-simple-history) as a clerk reads them, for every admin of
the register: projects, partners, departments, forms and the survey's answers."""

from django.core.exceptions import PermissionDenied
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from projects.history import display_value, named_then


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

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            raise PermissionDenied("過去の版に戻す操作はできません。")
        return super().history_form_view(request, object_id, version_id, extra_context)
