"""年次集計 keeps each year's counted figures until a write changes that year.

Every test counts first (so the figures are kept), writes by one path, and checks that the next
summary shows the write: a kept figure that outlives its data would be a wrong report.
"""

from io import StringIO

import pytest
from django.core.management import call_command

from partners.models import PartnerKind
from projects.models import Category, FiguresRevision, Project
from projects.report.figures import year_figures
from projects.report.summary import yearly_series, yearly_summary
from projects.report.trends import trends
from projects.services.figures import figures_mark_changed
from projects.services.next_year import project_copy_to_next_year
from projects.services.series import series_link
from tests.factories import add_partner, make_project, make_session

pytestmark = pytest.mark.django_db


@pytest.fixture
def counted(chain):
    """The chain 2021 ← 2022 ← 2023 with a session each, its figures counted and kept."""
    for project in chain.values():
        make_session(project=project, month=6, participants=100)
    yearly_summary(2023)
    yearly_series()
    return chain


def test_figures_counted_once_are_read_from_the_cache_after(counted, django_assert_num_queries):
    with django_assert_num_queries(1):  # the tokens only
        figures = year_figures([2021, 2022, 2023])
    assert [figures[year]["participants_total"] for year in (2021, 2022, 2023)] == [100] * 3


def test_a_session_saved_changes_its_year_only(counted, django_assert_num_queries):
    session = counted[2023].sessions.get()
    session.participants = 250
    session.save()
    # 2023 is counted again (5 aggregates); 2022 is still kept.
    with django_assert_num_queries(1 + 5):
        summary = yearly_summary(2023)
    assert summary["participants_total"] == 250
    assert summary["previous_year"]["participants_total"] == 100


def test_a_session_deleted_leaves_the_year_uncounted(counted):
    counted[2022].sessions.get().delete()
    assert yearly_summary(2022)["participants_unknown"] == 1


def test_a_project_moved_to_another_year_changes_both(counted, kyosai, kyodo_room):
    moved = make_project(
        form=kyosai, department=kyodo_room, number=2, name="移る事業", fiscal_year=2023
    )
    assert yearly_summary(2023)["projects"] == 2
    moved = Project.objects.get(pk=moved.pk)  # loaded, as the admin loads it
    moved.fiscal_year = 2022
    moved.save()
    assert yearly_summary(2023)["projects"] == 1
    assert yearly_summary(2023)["previous_year"]["projects"] == 2


def test_a_project_deleted_leaves_its_year_and_the_trend_in_step(counted):
    assert [y.continuing for y in trends(2023).years] == [1, 1, 1]
    counted[2022].delete()  # 2023's link to it is set to NULL without a signal
    years = trends(2023).years
    assert [y.fiscal_year for y in years] == [2021, 2023]
    assert yearly_summary(2022)["projects"] == 0
    Project.objects.filter(pk=counted[2023].pk).update(category=Category.NEW)
    figures_mark_changed(years=[2023])
    assert (trends(2023).years[-1].new, trends(2023).years[-1].continuing) == (1, 0)
    assert yearly_summary(2023)["new_vs_continuing"]["new"] == 1


def test_a_partner_kind_changed_shows_in_the_years_it_took_part(counted):
    partner = add_partner(project=counted[2022], name="苫小牧テスト商会", kind=PartnerKind.OTHER)
    assert yearly_summary(2022)["partners_by_kind"] == [{"kind": "その他", "partners": 1}]
    partner.kind = PartnerKind.COMPANY
    partner.save()
    assert yearly_summary(2022)["partners_by_kind"] == [{"kind": "企業", "partners": 1}]


def test_a_department_renamed_shows_under_its_new_name(counted, kyodo_room):
    kyodo_room.name = "協働推進課"
    kyodo_room.save()
    names = [d["department"] for d in yearly_summary(2023)["by_department"]]
    assert names == ["協働推進課"]


def test_an_import_changes_the_imported_year(counted, tmp_path):
    from tests.report_text import HEADER

    row = "\t".join(
        [
            "1",
            "新しい事業 (市民協働推進課)",
            "単年度(新規)実施",
            "目的",
            "苫小牧市",
            "令和5年6月1日 (40人)",
            "効果",
        ]
    )
    report = f"3 協働事業実施状況（令和5年度）\n① 協働の形態：後援（1件）\n{HEADER}\n{row}\n"
    path = tmp_path / "r05.txt"
    path.write_text(report, encoding="utf-8")
    call_command("import_report", str(path), stdout=StringIO())
    summary = yearly_summary(2023)
    assert summary["projects"] == 2
    assert summary["participants_total"] == 140


def test_a_series_link_leaves_new_and_continuing_as_the_category_says(counted, kyosai, kyodo_room):
    for year in (2022, 2023):
        make_project(
            form=kyosai,
            department=kyodo_room,
            number=2,
            name=f"令和{year - 2018}年度 講座",
            fiscal_year=year,
            category=Category.NEW,
        )
    before = trends(2023).years[-1]
    assert (before.new, before.continuing) == (1, 1)
    linked = series_link(Project.objects.filter(fiscal_year=2023, number=2))
    assert len(linked) == 1
    after = trends(2023).years[-1]
    assert (after.new, after.continuing) == (1, 1)
    assert yearly_summary(2023)["new_vs_continuing"]["new"] == 1


def test_a_copy_to_next_year_counts_in_the_new_year(counted):
    assert yearly_series()[-1]["fiscal_year"] == 2023
    created = project_copy_to_next_year(projects=[counted[2023]], user=None)
    assert len(created) == 1
    assert [y["fiscal_year"] for y in yearly_series()] == [2021, 2022, 2023, 2024]


def test_a_token_replaced_by_another_process_is_counted_again(counted, django_assert_num_queries):
    FiguresRevision.objects.filter(fiscal_year=2023).update(token="0" * 32)
    Project.objects.filter(pk=counted[2023].pk).update(name="名前だけ")  # figures unchanged
    with django_assert_num_queries(1 + 5):
        assert yearly_summary(2023)["participants_total"] == 100
