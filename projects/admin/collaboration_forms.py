"""協働の形態 (共催, 後援, 委託, …) in the admin: the forms a project can take, in report order."""

from django.contrib import admin

from projects.admin.history import KyodoHistoryAdmin
from projects.models import Form


@admin.register(Form)
class FormAdmin(KyodoHistoryAdmin):
    list_display = ("order", "name")
    list_display_links = ("name",)
    ordering = ("order", "name")
    search_fields = ("name",)
