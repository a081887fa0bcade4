"""協働の形態 (共催, 後援, 委託, …) in the admin: the forms a project can take, in report order."""

from django.contrib import admin

from projects.admin.renaming import RenamingAdmin
from projects.models import Form
from projects.services import names


@admin.register(Form)
class FormAdmin(RenamingAdmin):
    list_display = ("order", "name")
    list_display_links = ("name",)
    ordering = ("order", "name")
    search_fields = ("name",)
    fields = ("name", "order")

    def rename(self, *, obj, name, from_year, user):
        names.form_rename(form=obj, name=name, from_year=from_year, user=user)

    def correct(self, *, obj, name, until_year, user):
        names.form_correct_name(form=obj, name=name, until_year=until_year, user=user)
