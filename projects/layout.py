"""The columns of the published report table, shared by the reader, the importer and exports."""

FISCAL_YEAR = "年度"
FORM = "協働の形態"
NUMBER = "No."
NAME = "協働事業の名称 (担当課)"
CATEGORY = "実施区分"
PURPOSE = "協働事業の目的、内容等"
PARTNERS = "取組に関係した団体等"
SESSIONS = "実施年月日、参加人数"
EFFECT = "取組の効果、市民からの反響等"
# Not a column of the report: the page a PDF's row began on, so that a message names it
# (「3ページ No.7」). Only a PDF's dataset has it (projects.reader.pdf).
PAGE = "ページ"

# The seven columns of the table as printed, in order.
# The Project fields one row of the report sets, besides its key (年度, 協働の形態, No.): the
# admin's project form and the importer both take them from here.
PROJECT_FIELDS = (
    "name",
    "department",
    "category",
    "since_year",
    "purpose",
    "effect",
    "reported_session_count",
    "reported_participants_total",
)

TABLE_COLUMNS = (NUMBER, NAME, CATEGORY, PURPOSE, PARTNERS, SESSIONS, EFFECT)
# A CSV/XLSX in the report layout: the year and form, then the table's columns.
DATASET_COLUMNS = (FISCAL_YEAR, FORM, *TABLE_COLUMNS)
