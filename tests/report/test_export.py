"""export_report: the report layout as CSV (UTF-8 with BOM, cp932) and XLSX, and JSON records."""

import csv
import io
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from partners.models import Partner
from projects import layout
from projects.models import Category, Form
from projects.report.export import report_dataset
from projects.report.writers import UnencodableError, dataset_to_csv
from projects.selectors import projects_for_report
from tests.factories import day, make_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def year_2023():
    first = make_project(
        name="まちかどミーティング",
        department="協働・男女平等参画室",
        since_year=1987,
        partners=[{"name": "町内会", "count": 82}],
        sessions=[
            {"start": day(2023, 8, 22), "end": day(2023, 10, 31), "participants": 305},
        ],
        purpose="市長が各地区に出向いて意見を交換する。",
        effect="300件弱の意見や要望等が提出された。",
    )
    second = make_project(
        name="備えるフェスタ2023 inとまこまい",
        department="危機管理室",
        category=Category.NEW,
        partners=["株式会社栗林商会", "苫小牧港開発株式会社"],
        sessions=[{"start": day(2023, 11, 4), "participants": 6000, "approximate": True}],
    )
    Form.objects.get_or_create(name="委託", defaults={"order": 3})
    third = make_project(form="委託", number=1, name="委託の事業", department="青少年課")
    return [first, second, third]


def export(tmp_path, *args, name="out"):
    path = tmp_path / name
    call_command("export_report", *args, "--output", str(path), stderr=StringIO())
    return path


def read_csv(path, encoding):
    with open(path, encoding=encoding, newline="") as handle:
        return list(csv.reader(handle))


def test_the_csv_is_utf8_with_a_bom_and_has_the_report_headers(tmp_path, year_2023):
    path = export(tmp_path, "--fiscal-year", "2023", name="r.csv")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    rows = read_csv(path, "utf-8-sig")
    assert rows[0] == list(layout.DATASET_COLUMNS)
    assert rows[1][:5] == [
        "令和5年度",
        "共催",
        "1",
        "まちかどミーティング (協働・男女平等参画室)",
        "例年実施 (昭和62年頃から継続実施)",
    ]
    assert rows[1][6] == "82町内会"
    assert rows[1][7] == "令和5年8月22日～10月31日 (305人)"


def test_rows_are_ordered_by_form_and_number(tmp_path, year_2023):
    rows = read_csv(export(tmp_path, "--fiscal-year", "2023", name="r.csv"), "utf-8-sig")
    assert [(row[1], row[2]) for row in rows[1:]] == [("共催", "1"), ("共催", "2"), ("委託", "1")]


def test_the_form_option_exports_one_form_only(tmp_path, year_2023):
    rows = read_csv(
        export(tmp_path, "--fiscal-year", "2023", "--form", "委託", name="r.csv"), "utf-8-sig"
    )
    assert [row[3] for row in rows[1:]] == ["委託の事業 (青少年課)"]


def test_the_csv_in_cp932_opens_back_as_the_same_cells(tmp_path, year_2023):
    utf8 = read_csv(export(tmp_path, "--fiscal-year", "2023", name="u.csv"), "utf-8-sig")
    path = export(tmp_path, "--fiscal-year", "2023", "--encoding", "cp932", name="s.csv")
    assert not path.read_bytes().startswith(b"\xef\xbb\xbf")
    assert read_csv(path, "cp932") == utf8


def test_a_character_cp932_cannot_hold_is_an_error_naming_row_column_and_character(
    tmp_path, year_2023
):
    make_project(name="𠮷野家との協働", department="商業振興課", number=3)  # 𠮷 is not in cp932
    path = tmp_path / "s.csv"
    with pytest.raises(CommandError) as error:
        call_command(
            "export_report", "--fiscal-year", "2023", "--encoding", "cp932", "--output", str(path)
        )
    message = str(error.value)
    assert "共催 No.3" in message
    assert layout.NAME in message
    assert "𠮷" in message and "U+20BB7" in message
    assert not path.exists()


def test_the_unencodable_error_lists_every_character_not_only_the_first(year_2023):
    make_project(name="①髙橋と𠮷田", number=3)  # 髙 is an IBM extension cp932 holds; 𠮷 is not
    make_project(name="ｷ🍎", number=4)
    dataset = report_dataset(projects_for_report(fiscal_year=2023))
    with pytest.raises(UnencodableError) as error:
        dataset_to_csv(dataset, encoding="cp932")
    assert [(p.row, p.character) for p in error.value.problems] == [
        ("共催 No.3", "𠮷"),
        ("共催 No.4", "🍎"),
    ]


def test_the_xlsx_has_a_frozen_bold_header_wrapped_text_and_the_values(tmp_path, year_2023):
    path = export(tmp_path, "--fiscal-year", "2023", "--format", "xlsx", name="r.xlsx")
    sheet = load_workbook(path).active
    assert sheet.freeze_panes == "A2"
    assert [cell.value for cell in sheet[1]] == list(layout.DATASET_COLUMNS)
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet["C2"].value == 1
    assert sheet["D2"].value == "まちかどミーティング (協働・男女平等参画室)"
    assert sheet["H3"].value == "令和5年11月4日 (約6,000人)"
    assert sheet["F2"].alignment.wrap_text
    assert sheet.column_dimensions["F"].width > sheet.column_dimensions["C"].width


def test_the_xlsx_needs_an_output_file(year_2023):
    with pytest.raises(CommandError, match="--output"):
        call_command("export_report", "--fiscal-year", "2023", "--format", "xlsx")


def test_formula_characters_are_neutralised_in_the_csv_and_restored_on_reading(tmp_path, year_2023):
    make_project(name='=HYPERLINK("x")', number=3, purpose="-5℃の中で実施", effect="@全員")
    rows = read_csv(export(tmp_path, "--fiscal-year", "2023", name="r.csv"), "utf-8-sig")
    row = rows[3]
    assert row[3].startswith("'=HYPERLINK")
    assert row[5] == "'-5℃の中で実施"
    assert row[8] == "'@全員"
    from projects.formulas import restore

    assert restore(row[5]) == "-5℃の中で実施"


def test_formula_characters_are_neutralised_in_the_xlsx_as_text_not_formulas(tmp_path, year_2023):
    make_project(name="=1+1", number=3, purpose="+81 144 00 0000")
    path = export(tmp_path, "--fiscal-year", "2023", "--format", "xlsx", name="r.xlsx")
    sheet = load_workbook(path).active
    assert sheet["D4"].value == "'=1+1 (協働・男女平等参画室)"
    assert sheet["D4"].data_type == "s"
    assert sheet["F4"].value == "'+81 144 00 0000"


def test_the_json_export_has_the_structured_records(year_2023):
    out = StringIO()
    call_command("export_report", "--fiscal-year", "2023", "--format", "json", stdout=out)
    records = json.loads(out.getvalue())
    assert [r["no"] for r in records] == [1, 2, 1]
    first = records[0]
    assert first["form"] == "共催"
    assert first["category"] == "例年実施"
    assert first["since_year"] == 1987
    assert first["department"] == "協働・男女平等参画室"
    (partner,) = first["partners"]
    assert partner == {
        "name": "町内会",
        "role": "",
        "count": 82,
        "partner": {"id": partner["partner"]["id"], "name": "町内会"},
    }
    assert Partner.objects.get(pk=partner["partner"]["id"]).name == "町内会"
    assert first["sessions"] == [
        {
            "label": "",
            "start": "2023-08-22",
            "end": "2023-10-31",
            "participants": 305,
            "approximate": False,
            "note": "",
        }
    ]
    assert first["participants_total"] == 305
    assert records[1]["sessions"][0]["end"] is None
    assert records[1]["sessions"][0]["approximate"] is True


def test_the_csv_goes_to_stdout_without_an_output_option(year_2023):
    out = StringIO()
    call_command("export_report", "--fiscal-year", "2023", stdout=out)
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert rows[0] == list(layout.DATASET_COLUMNS)
    assert len(rows) == 4


def test_an_unknown_form_is_refused_in_japanese(year_2023):
    with pytest.raises(CommandError, match="協働の形態「共済」は登録されていません"):
        call_command("export_report", "--fiscal-year", "2023", "--form", "共済")


def test_a_year_without_projects_is_refused_in_japanese(year_2023):
    with pytest.raises(CommandError, match="令和4年度の協働事業は登録されていません"):
        call_command("export_report", "--fiscal-year", "2022")


def test_the_admin_dataset_has_the_report_layout_for_any_queryset(year_2023):
    from projects.models import Project

    dataset = report_dataset(Project.objects.filter(department__name="危機管理室"))
    assert dataset.headers == list(layout.DATASET_COLUMNS)
    assert dataset.height == 1
    assert dataset[0][3] == "備えるフェスタ2023 inとまこまい (危機管理室)"
