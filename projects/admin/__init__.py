"""The admin of the register, one module per concern.

projects.py   協働事業 (ProjectAdmin): list, form, locking; with
  inlines.py    its sessions and partner links,
  scope.py      the department check shared by the project and its inlines,
  actions.py    次年度へ複製, 公開する, 非公開にする,
  filters.py    the 年度 and 実施日 filters,
  importexport.py  import and export in the report layout,
  reports.py    年次集計, its downloads and the printable report;
departments.py 担当課; forms_admin.py 協働の形態.
The history pages and value display shared with the partner admin are in projects.history.
"""

from projects.admin import departments, forms_admin
from projects.admin.projects import ProjectAdmin

__all__ = ["ProjectAdmin", "departments", "forms_admin"]
