"""Public, read-only pages of the register for citizens: no login, nothing written."""

from projects.views.editions import edition_file
from projects.views.opendata import opendata, opendata_csv, opendata_events, opendata_json
from projects.views.pages import department_detail, partner_detail, project_detail
from projects.views.register import register, register_csv

__all__ = [
    "department_detail",
    "edition_file",
    "opendata",
    "opendata_csv",
    "opendata_events",
    "opendata_json",
    "partner_detail",
    "project_detail",
    "register",
    "register_csv",
]
