"""Who may change a project, written once for the project admin and the inlines that follow it.

Django passes the project itself to both: ProjectAdmin's permission methods get the project
shown, and an inline's (sessions, partner links) get its parent project. ``None`` asks about
the list or the empty inline, which the model permissions alone decide.
"""

from projects.permissions import can_edit_project


class ProjectScopedPermissions:
    """Change and delete only with the model permission and the right to edit the project."""

    def may_edit(self, request, project) -> bool:
        return project is None or can_edit_project(request.user, project)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self.may_edit(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self.may_edit(request, obj)
