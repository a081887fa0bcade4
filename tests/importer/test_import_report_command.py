import datetime

import pytest
from django.db.models import Sum

from partners.models import Partner
from projects.models import Department, Project, Session
from tests.factories import register_counts
from tests.report_text import report_row, report_text

pytestmark = pytest.mark.django_db


def test_it_loads_the_seed_as_the_published_table(import_report, seed_path):
    out, _ = import_report(seed_path.read_bytes())

    assert "新規 23件" in out
    projects = Project.objects.for_year(2023)
    assert projects.count() == 23
    assert projects.of_form("共催").count() == 23
    assert Department.objects.filter(projects__fiscal_year=2023).distinct().count() == 14
    assert Partner.objects.count() == 42
    assert Session.objects.aggregate(total=Sum("participants"))["total"] == 12054
    assert Session.objects.filter(approximate=True).count() == 3
    assert projects.filter(category="annual").count() == 15
    assert projects.filter(category="new").count() == 7
    assert projects.filter(category="biennial").count() == 1


def test_it_finds_one_partner_however_it_is_written(import_report, seed_path):
    import_report(seed_path.read_bytes())

    sports = Partner.objects.get(name="公益財団法人苫小牧市スポーツ協会")
    assert sports.project_links.count() == 3
    assert sports.legal_form == "公益財団法人"
    # 「(公財) 苫小牧市ス ポーツ協会」 and 「(公財) 苫小牧市 スポーツ協会」 clean to one spelling.
    assert list(sports.aliases.values_list("name", flat=True)) == ["(公財) 苫小牧市スポーツ協会"]
    assert Partner.objects.get(name="株式会社苫小牧民報社").project_links.count() == 2


def test_it_keeps_every_date_as_printed(import_report, seed_path):
    import_report(seed_path.read_bytes())

    machikado = Project.objects.get(fiscal_year=2023, number=1)
    session = machikado.sessions.get()
    assert (session.start, session.end) == (datetime.date(2023, 8, 22), datetime.date(2023, 10, 31))
    assert (session.participants, session.note) == (305, "16地区にて開催")
    assert machikado.since_year == 1987
    kids = Project.objects.get(fiscal_year=2023, number=9)
    assert [(s.label, s.start, s.participants) for s in kids.sessions.all()] == [
        ("子ども会交流会", datetime.date(2023, 6, 24), 46),
        ("子ども会交流会", datetime.date(2024, 1, 21), None),
        ("子ども会スポーツ交流会", datetime.date(2023, 10, 1), 24),
        ("子ども芸術祭", datetime.date(2024, 2, 17), 137),
    ]
    bitokoma = Project.objects.get(fiscal_year=2023, number=23)
    assert (bitokoma.reported_session_count, bitokoma.reported_participants_total) == (9, 165)
    assert bitokoma.sessions.count() == 9
    assert set(bitokoma.sessions.values_list("unit", flat=True)) == {"名"}


def test_it_updates_in_place_when_the_same_year_and_form_come_again(import_report):
    import_report(report_text(3))
    first_ids = sorted(Project.objects.values_list("pk", flat=True))
    changed = report_text(
        [report_row(1), report_row(2, effect="効果を書き直した。"), report_row(3)]
    )

    out, _ = import_report(changed)

    assert "新規 0件、更新 1件、変更なし 2件" in out
    assert sorted(Project.objects.values_list("pk", flat=True)) == first_ids
    assert Project.objects.get(number=2).effect == "効果を書き直した。"
    assert Project.objects.get(number=2).version == 2


def test_it_records_the_import_in_the_history(import_report):
    import_report(report_text(2))
    import_report(report_text([report_row(1), report_row(2, effect="新しい効果。")]))

    project = Project.objects.get(number=2)
    records = list(project.history.order_by("history_date", "history_id"))
    assert [r.history_type for r in records] == ["+", "~"]
    delta = records[1].diff_against(records[0])
    assert [(c.field, c.old, c.new) for c in delta.changes] == [
        ("effect", "効果2。", "新しい効果。")
    ]
    assert "報告書の取込" in records[1].history_change_reason


def test_the_fiscal_year_and_form_options_override_the_title(import_report):
    text = report_text(2).replace("（令和5年度）", "（令和4年度）")
    import_report(text, "--fiscal-year", "2023", "--form", "後援")

    assert set(Project.objects.values_list("fiscal_year", "form__name")) == {(2023, "後援")}


def test_a_dry_run_changes_nothing(import_report, seed_path):
    out, _ = import_report(seed_path.read_bytes(), "--dry-run")

    assert "新規 23件" in out and "確認のみ" in out
    assert register_counts() == (0,) * 6


def test_a_cp932_file_imports_the_same_as_its_utf8_twin(
    import_report, seed_path, django_db_blocker
):
    text = seed_path.read_text(encoding="utf-8")
    import_report(text.encode("cp932"), name="cp932")
    cp932 = _snapshot()
    Project.objects.all().delete()
    import_report(("\ufeff" + text).encode("utf-8"), name="bom")

    assert _snapshot() == cp932


def _snapshot():
    return sorted(
        (
            p.number,
            p.name,
            p.department.name,
            p.category,
            p.since_year,
            p.purpose,
            p.effect,
            tuple(
                (link.partner.name, link.role, link.count, link.written_as)
                for link in p.partner_links.all()
            ),
            tuple(
                (s.label, s.start, s.end, s.participants, s.approximate, s.unit, s.note)
                for s in p.sessions.all()
            ),
        )
        for p in Project.objects.select_related("department").prefetch_related(
            "partner_links__partner", "sessions"
        )
    )


@pytest.mark.parametrize(
    ("sessions", "expected"),
    [
        ("令和5年13月1日 (10人)", "13月"),
        ("令和6年2月30日 (10人)", "2月30日"),
        ("令和元年4月1日 (10人)", "令和元年4月1日"),
        ("令和5年6月1日 (約人)", "約人"),
    ],
    ids=["month-13", "february-30", "before-reiwa", "unreadable-count"],
)
def test_it_refuses_an_unreadable_date_or_count_and_saves_nothing(refused, sessions, expected):
    text = report_text([report_row(1), report_row(2, sessions=sessions), report_row(3)])

    errors = refused(text)

    assert "No.2" in errors and "実施年月日、参加人数" in errors and expected in errors
    assert "データベースは変更していません" in errors
    assert register_counts() == (0,) * 6


def test_it_refuses_a_row_with_a_missing_cell(refused):
    short = "\t".join(report_row(2).split("\t")[:-1])
    errors = refused(report_text([report_row(1), short]))

    assert "No.2" in errors and "6" in errors and "7" in errors
    assert register_counts() == (0,) * 6


def test_it_refuses_two_rows_with_the_same_number(refused):
    errors = refused(report_text([report_row(1), report_row(2), report_row(2)]))

    assert "No.2" in errors
    assert Project.objects.count() == 0


def test_it_refuses_a_session_outside_the_fiscal_year(refused):
    errors = refused(report_text([report_row(1, sessions="令和5年3月31日 (5人)")]))

    assert "No.1" in errors and "令和5年度" in errors
    assert Project.objects.count() == 0


def test_it_refuses_a_closing_total_that_does_not_add_up(refused):
    sessions = "令和5年5月13日 (21名) 令和5年6月18日 (14名) 全2回 延べ36人"
    errors = refused(report_text([report_row(1, sessions=sessions)]))

    assert "延べ36人" in errors and "35" in errors


def test_it_refuses_an_empty_file(refused):
    errors = refused(b"")

    assert "ファイル" in errors and "Traceback" not in errors
    assert register_counts() == (0,) * 6


def test_it_refuses_a_binary_file(refused):
    errors = refused(bytes(range(256)) * 8, suffix=".txt")

    assert "テキスト" in errors
    assert register_counts() == (0,) * 6


def test_it_refuses_an_unknown_form_instead_of_inventing_one(refused):
    errors = refused(report_text(1, form="謎の形態"))

    assert "謎の形態" in errors and "協働の形態" in errors
    assert register_counts() == (0,) * 6


def test_it_lists_every_error_of_the_file_not_only_the_first(refused):
    text = report_text(
        [report_row(1, sessions="令和5年13月1日 (1人)"), report_row(2, category="毎年やる")]
    )
    errors = refused(text)

    assert "No.1" in errors and "No.2" in errors and "毎年やる" in errors


def test_imported_projects_are_published_and_a_withdrawal_survives_a_reimport(import_report):
    import_report(report_text(2))
    assert set(Project.objects.values_list("published", flat=True)) == {True}
    Project.objects.filter(number=2).update(published=False)

    import_report(report_text([report_row(1), report_row(2, effect="書き直した。")]))

    assert Project.objects.get(number=2).published is False
    assert Project.objects.get(number=2).effect == "書き直した。"
