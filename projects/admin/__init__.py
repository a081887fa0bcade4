"""The admin of the register, one module per concern.

projects.py   協働事業 (ProjectAdmin): list, form, locking; with
  inlines.py    its sessions and partner links,
  scope.py      the department check shared by the project and its inlines,
  actions.py    次年度へ複製, 公開する, 非公開にする,
  filters.py    the 年度, 実施日 and 入力の不足 filters,
  importexport.py  import and export in the report layout,
  reports.py    年次集計, its downloads and the printable report;
editions.py   公表版: the publish button of 年次集計, read-only lists of editions and corrections;
departments.py 担当課; collaboration_forms.py 協働の形態; partners.py 関係団体 (with merging:
here and not in the partners app, because a partner's admin shows and moves project links);
history.py    the history pages every admin of the register shares;
accounts.py   ユーザー: the coordinator's clerks' accounts; transfers.py 人事異動 (the April list).
"""

from projects.admin import (
    accounts,
    collaboration_forms,
    departments,
    editions,
    partners,
    transfers,
)
from projects.admin.projects import ProjectAdmin

__all__ = [
    "ProjectAdmin",
    "accounts",
    "collaboration_forms",
    "departments",
    "editions",
    "partners",
    "transfers",
]
