"""The sessions (実施) and partner links (関係団体) edited inside a project's form."""

from django.contrib import admin
from django.db import models

from projects.admin.scope import ProjectScopedPermissions
from projects.forms import (
    PartnerLinkForm,
    SessionInlineForm,
    SessionInlineFormSet,
    WarekiDateWidget,
)
from projects.models import ProjectPartner, Session


class FollowsProjectMixin(ProjectScopedPermissions):
    """A clerk adds, changes and deletes rows only of their departments' projects."""

    def has_add_permission(self, request, obj):
        return super().has_add_permission(request, obj) and self.may_edit(request, obj)


# An inline's has_add_permission takes the parent object, BaseModelAdmin's does not: the stubs
# declare InlineModelAdmin's with an ignored override, and a mixin giving it is flagged.
class SessionInline(FollowsProjectMixin, admin.TabularInline):  # type: ignore[misc]
    model = Session
    form = SessionInlineForm
    formset = SessionInlineFormSet
    extra = 1  # the fields and their order come from SessionInlineForm
    formfield_overrides = {models.DateField: {"widget": WarekiDateWidget}}
    classes = ("kyodo-sessions",)
    verbose_name = "実施日"  # the add button: 「実施日を追加」
    verbose_name_plural = Session._meta.verbose_name_plural  # the heading, as the report's column


class PartnerLinkInline(FollowsProjectMixin, admin.TabularInline):  # type: ignore[misc]
    model = ProjectPartner
    form = PartnerLinkForm
    extra = 1
    fields = ("order", "partner", "role", "count", "written_as")
    autocomplete_fields = ("partner",)
    classes = ("kyodo-partner-links",)
    verbose_name = "関係団体"  # the add button: 「関係団体を追加」
    verbose_name_plural = ProjectPartner._meta.verbose_name_plural

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("partner")
