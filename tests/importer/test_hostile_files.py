"""import_report refuses each hostile file with a clear message and saves nothing of it.

Run on SQLite and (with DATABASE_URL) on PostgreSQL. The files are those of
tests/hostile_files.py; their memory and time are measured in test_hostile_memory.py.
"""

import pytest

from projects import layout
from projects.models import Project
from tests import hostile_files as hostile
from tests.factories import register_counts
from tests.report_text import dataset_row, report_row, report_text

pytestmark = pytest.mark.django_db


def _register(import_report):
    """One project in the register, as a file imported before would leave it."""
    row = dataset_row(1, **{layout.PARTNERS: "苫小牧市女性団体連絡協議会、町内会"})
    import_report(hostile.xlsx_of([row]), suffix=".xlsx")
    project = Project.objects.get()
    return project, (project.purpose, project.effect, list(project.partner_links.all()))


def test_a_formula_without_a_saved_value_leaves_the_registered_project_as_it_was(
    import_report, refused
):
    project, before = _register(import_report)
    state = register_counts()
    emptied = dataset_row(1, **{layout.PURPOSE: "", layout.EFFECT: "", layout.PARTNERS: ""})

    errors = refused(hostile.formula_xlsx([emptied], formula_cell="F2"), suffix=".xlsx")

    assert "F2：数式の結果が保存されていません。Excelで開いて保存し直してください。" in errors
    project.refresh_from_db()
    assert (project.purpose, project.effect, list(project.partner_links.all())) == before
    assert before[0] and before[1] and len(before[2]) == 2
    assert register_counts() == state


def test_a_zip_bomb_is_refused_before_it_is_unpacked(refused):
    errors = refused(hostile.bomb_xlsx(mib=200), suffix=".xlsx")

    assert "部品 xl/sharedStrings.xml：" in errors
    assert "MemoryError" not in errors and "Traceback" not in errors
    assert register_counts() == (0,) * 6


def test_a_sheet_claiming_a_million_rows_is_refused_by_its_dimension(refused):
    errors = refused(hostile.claimed_rows_xlsx(), suffix=".xlsx")

    assert "1,048,576行" in errors and "20,000行までです" in errors
    assert errors.count("\n") < 5  # one message, not a million
    assert register_counts() == (0,) * 6


def test_a_date_before_meiji_is_refused_with_a_message_not_a_traceback(refused):
    errors = refused(report_text([report_row(1, sessions="1600年5月14日 (10人)")]))

    assert "「1600年5月14日」：登録できるのは明治元年（1868年）から" in errors
    assert register_counts() == (0,) * 6


def test_a_csv_cell_over_the_field_limit_is_refused_with_its_line(refused):
    data = hostile.csv_of([dataset_row(1), dataset_row(2, **{layout.EFFECT: "あ" * 131_073})])

    errors = refused(data, suffix=".csv")

    assert "3行目：セルの文字が多すぎます（1つのセルは20,000文字まで）。" in errors
    assert "field larger" not in errors
    assert register_counts() == (0,) * 6


@pytest.mark.parametrize("column", [layout.NAME, layout.PURPOSE, layout.PARTNERS])
def test_a_right_to_left_override_is_refused_and_nothing_is_saved(refused, column):
    row = dataset_row(1)
    row[column] = "\u202e" + row[column]

    errors = refused(hostile.csv_of([row]), suffix=".csv")

    assert f"No.1「{column}」：1文字目に目に見えない書式文字 U+202E（RIGHT-TO-LEFT OVERRIDE）" in (
        errors
    )
    assert register_counts() == (0,) * 6


def test_one_nul_byte_in_a_csv_is_named_not_taken_for_a_binary_file(refused):
    data = hostile.csv_of([dataset_row(1, **{layout.PURPOSE: "学び\x00の場"})])

    errors = refused(data, suffix=".csv")

    assert "2行目：" in errors and "U+0000（NULL）" in errors and "画像" not in errors
    assert register_counts() == (0,) * 6


def test_a_broken_byte_in_a_shift_jis_file_names_its_line(refused):
    lines = report_text(2).encode("cp932").split(b"\n")
    lines[7] = lines[7][:10] + b"\x82\xff" + lines[7][10:]

    errors = refused(b"\n".join(lines))

    assert "8行目：テキストとして読めません：" in errors and "Shift_JIS" in errors
    assert register_counts() == (0,) * 6


def test_ten_thousand_partners_in_one_cell_create_none(refused, settings):
    settings.KYODO_IMPORT_MAX_CELL_CHARS = 200_000  # so that the partners' bound is the one met
    partners = "、".join(f"団体{n}" for n in range(10_000))

    errors = refused(hostile.csv_of([dataset_row(1, **{layout.PARTNERS: partners})]), suffix=".csv")

    assert "団体が多すぎます（10,000団体。1つの事業に300団体まで）。" in errors
    assert register_counts() == (0,) * 6


def test_a_file_over_the_size_bound_is_refused_by_the_command_too(refused, settings):
    settings.KYODO_IMPORT_MAX_BYTES = 2**20

    errors = refused(report_text(1) + "\n" * 2**20)

    assert "ファイルが大きすぎます" in errors
    assert register_counts() == (0,) * 6
