"""Who may change a project, written once for the project admin and the inlines that follow it.

Django passes the project itself to both: ProjectAdmin's permission methods get the project
shown, and an inline's (sessions, partner links) get its parent project. ``None`` asks about
the list or the empty inline, which the model permissions alone decide.
"""

from django.core.exceptions import ValidationError

from projects.permissions import can_edit_department, can_edit_project
from projects.wareki import fiscal_year_label


class ProjectScopedPermissions:
    """Change and delete only with the model permission and the right to edit the project."""

    def may_edit(self, request, project) -> bool:
        return project is None or can_edit_project(request.user, project)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self.may_edit(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self.may_edit(request, obj)


def form_checking_year(form_class, user):
    """The project form, refusing a department and year the user may not add to or move into:
    a year their department has answered in the yearly survey (or whose survey is closed).

    The department field already offers only the user's own departments; this is the year.
    """

    class YearCheckedForm(form_class):
        def clean(self):
            cleaned = super().clean()
            department, year = cleaned.get("department"), cleaned.get("fiscal_year")
            if department and year and not can_edit_department(user, department.pk, year):
                raise ValidationError(
                    f"{department}は{fiscal_year_label(year)}の調査に回答済みのため、"
                    "この年度の協働事業は追加・変更できません。直すときは協働推進担当に"
                    "差戻しを依頼してください。",
                    code="year_answered",
                )
            return cleaned

    YearCheckedForm.__name__ = form_class.__name__
    return YearCheckedForm
