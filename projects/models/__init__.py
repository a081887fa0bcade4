"""The register's records: one module per concern, every model importable from here.

records.py  協働の形態, 担当課, 協働事業 and its partner links
sessions.py 実施: a project's dates and participants
figures.py  年次集計's tokens
names.py    the names a 担当課 or 協働の形態 had before a rename, and departments' successors
editions.py the published editions (公表版) of a year's report, their files, and corrections
transfers.py 人事異動: personnel lists applied to the accounts, row by row
"""

from projects.choices import Category
from projects.querysets import REPORT_ORDER

from .editions import Correction, Edition, EditionFile, ImmutableRecordError
from .figures import FiguresRevision
from .names import DepartmentPastName, DepartmentSuccession, FormPastName
from .records import Department, Form, Project, ProjectPartner
from .sessions import ParticipantUnit, Session
from .transfers import Transfer, TransferList

__all__ = [
    "REPORT_ORDER",
    "Category",
    "Correction",
    "Department",
    "DepartmentPastName",
    "DepartmentSuccession",
    "Edition",
    "EditionFile",
    "FiguresRevision",
    "Form",
    "FormPastName",
    "ImmutableRecordError",
    "ParticipantUnit",
    "Project",
    "ProjectPartner",
    "Session",
    "Transfer",
    "TransferList",
]
