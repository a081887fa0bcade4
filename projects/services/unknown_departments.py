"""A 担当課 an imported file names that the register does not know, by any name it had in the
row's year: never created without a word."""

from projects import layout
from projects.permissions import is_coordinator
from projects.reader.records import ReadError, ReportReadError
from projects.reader.rows import ProjectRow


class UnknownDepartmentsError(ReportReadError):
    """Rows name a 担当課 the register does not know, and nobody said to register it."""

    def __init__(self, errors: list[ReadError], names: list[str]):
        super().__init__(errors)
        self.names = names


UNKNOWN_DEPARTMENT_CLERK = (
    "この担当課は登録されていません。協働推進担当に担当課の登録を依頼してください。"
)
UNKNOWN_DEPARTMENT = "この担当課は登録されていません。"


def check_unknown_departments(rows, known: dict, *, user, add: bool) -> set[str]:
    """The names of the rows' departments the register does not know (by their name in the
    row's year): registered by the import when ``add`` and the user may (the coordinator, or
    the operator's command), refused otherwise (UnknownDepartmentsError), never unasked."""
    names = sorted({r.department for r in rows if (r.fiscal_year, r.department) not in known})
    if not names:
        return set()
    clerk = user is not None and not is_coordinator(user)
    if add and not clerk:
        return set(names)
    reason = UNKNOWN_DEPARTMENT_CLERK if clerk else UNKNOWN_DEPARTMENT
    first: dict[str, ProjectRow] = {}
    for row in rows:
        first.setdefault(row.department, row)
    errors = [
        ReadError(first[name].label, layout.NAME, name, reason, position=first[name].row_number)
        for name in names
    ]
    raise UnknownDepartmentsError(errors, names)
