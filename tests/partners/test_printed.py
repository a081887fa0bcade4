"""Partners as printed: what a report published stays as published, whatever later happens to
the partner (a rename, a merge). On the seed (令和5年度 共催, 23 projects)."""

import copy
import io
import json
import zipfile
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.html import strip_tags

from partners.models import Partner
from projects.models import Project, ProjectPartner
from projects.permissions import COORDINATOR_GROUP
from projects.report.cells import partners_cell
from projects.selectors import projects_for_report
from projects.services.partners import PartnerMergeRefused, partner_merge, shared_projects
from tests.admin.helpers import change_url, form_data
from tests.factories import make_user

pytestmark = pytest.mark.django_db

SEED = Path(__file__).resolve().parents[2] / "seeds" / "r05_kyosai_report.txt"
TOMAKOMAI = "公益財団法人苫小牧市スポーツ協会"
HOKKAIDO = "公益財団法人北海道スポーツ協会"
# Two bodies of the seed that never share a project; the one merged away is printed
# 「(地独)北海道立総合研究機構工業試験場」 (No.16), not under its name.
KEPT = "北海道職業能力開発大学校"
MERGED = "地方独立行政法人北海道立総合研究機構工業試験場"


@pytest.fixture
def seeded(db):
    call_command("import_report", str(SEED), stdout=StringIO())


@pytest.fixture
def coordinator(db):
    return make_user(username="coordinator", group=COORDINATOR_GROUP)


def _partner(name: str) -> Partner:
    return Partner.objects.get(name=name)


def _no3() -> Project:
    return Project.objects.get(fiscal_year=2023, number=3)


def _cell(project: Project) -> str:
    return partners_cell(projects_for_report(fiscal_year=2023).get(pk=project.pk))


def _export(fmt: str, tmp_path: Path, name: str) -> bytes:
    path = tmp_path / f"{name}.{fmt}"
    call_command(
        "export_report", "--fiscal-year", "2023", "--format", fmt, "--output", str(path),
        stdout=StringIO(),
    )  # fmt: skip
    return path.read_bytes()


def _xlsx_parts(data: bytes) -> dict[str, bytes]:
    """Every part of the workbook, byte for byte, but docProps/core.xml: openpyxl writes there
    the moment the file was made, which no two exports share."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {
            name: archive.read(name) for name in archive.namelist() if name != "docProps/core.xml"
        }


def _without_identity(records: list[dict]) -> list[dict]:
    records = copy.deepcopy(records)
    for record in records:
        for partner in record["partners"]:
            partner.pop("partner")
    return records


def _page_texts(client) -> dict[int, str]:
    """The text a citizen reads on each 2023 project page (the links' targets aside)."""
    return {
        project.pk: strip_tags(client.get(reverse("public:project", args=[project.pk])).text)
        for project in Project.objects.filter(fiscal_year=2023)
    }


# --- merging two partners that share 令和5年度 共催 No.3 ----------------------------------------


def test_merging_two_partners_that_share_no3_is_refused_naming_it(seeded, coordinator):
    before = _cell(_no3())
    with pytest.raises(PartnerMergeRefused) as refused:
        partner_merge(target=_partner(TOMAKOMAI), others=[_partner(HOKKAIDO)], user=coordinator)
    assert "「令和5年度 共催 No.3 苫小牧民報杯" in str(refused.value)
    assert refused.value.projects == [f"令和5年度 共催 No.3 {_no3().name}"]
    assert Partner.objects.filter(name=HOKKAIDO).exists()
    assert _cell(_no3()) == before


def test_a_confirmed_merge_keeps_both_spellings_in_the_csv_cell_of_no3(
    seeded, coordinator, tmp_path
):
    before = _export("csv", tmp_path, "before")
    assert "(公財) 北海道スポーツ協会、株式会社苫小牧民報社、(公財) 苫小牧市スポーツ協会" in (
        before.decode("utf-8-sig")
    )
    target = partner_merge(
        target=_partner(TOMAKOMAI),
        others=[_partner(HOKKAIDO)],
        user=coordinator,
        confirmed_same_body=True,
    )
    assert _export("csv", tmp_path, "after") == before
    written = set(_no3().partner_links.filter(partner=target).values_list("written_as", flat=True))
    assert written == {"(公財) 北海道スポーツ協会", "(公財) 苫小牧市スポーツ協会"}


def test_the_seed_imported_again_after_a_confirmed_merge_changes_nothing(seeded, coordinator):
    partner_merge(
        target=_partner(TOMAKOMAI),
        others=[_partner(HOKKAIDO)],
        user=coordinator,
        confirmed_same_body=True,
    )
    out = StringIO()
    call_command("import_report", str(SEED), stdout=out)
    assert "新規 0件、更新 0件、変更なし 23件" in out.getvalue()


def test_the_merge_page_names_no3_and_asks_whether_the_two_are_one_body(
    seeded, coordinator, client
):
    client.force_login(coordinator)
    page = client.post(
        reverse("admin:partners_partner_changelist"),
        {
            "action": "merge_partners",
            ACTION_CHECKBOX_NAME: [_partner(TOMAKOMAI).pk, _partner(HOKKAIDO).pk],
        },
    )
    assert "令和5年度 共催 No.3 苫小牧民報杯" in page.text
    assert "同じ団体であることを確認しました" in page.text


# --- merging two partners that never share a project ----------------------------------------


def test_the_two_partners_chosen_never_share_a_project(seeded):
    assert shared_projects([_partner(KEPT), _partner(MERGED)]) == []


def test_a_merge_leaves_the_csv_and_xlsx_of_2023_byte_identical(seeded, coordinator, tmp_path):
    csv_before, xlsx_before = _export("csv", tmp_path, "a"), _export("xlsx", tmp_path, "a")
    partner_merge(target=_partner(KEPT), others=[_partner(MERGED)], user=coordinator)
    assert _export("csv", tmp_path, "b") == csv_before
    assert _xlsx_parts(_export("xlsx", tmp_path, "b")) == _xlsx_parts(xlsx_before)


def test_a_merge_changes_the_json_only_in_the_partners_identity(seeded, coordinator, tmp_path):
    before = json.loads(_export("json", tmp_path, "before"))
    kept, merged = _partner(KEPT), _partner(MERGED)
    partner_merge(target=kept, others=[merged], user=coordinator)
    after = json.loads(_export("json", tmp_path, "after"))

    assert _without_identity(after) == _without_identity(before)
    assert after != before
    (no16,) = [r for r in after if r["no"] == 16]
    (link,) = no16["partners"]
    assert link["name"] == "(地独)北海道立総合研究機構工業試験場"
    assert link["partner"] == {"id": kept.pk, "name": KEPT}


def test_a_merge_changes_the_api_and_open_data_json_only_in_the_partners_identity(
    seeded, coordinator, client
):
    def read():
        api = client.get("/api/projects/", {"year": 2023, "page_size": 200}).json()["results"]
        return api, client.get("/opendata/2023.json").json()

    api_before, open_before = read()
    partner_merge(target=_partner(KEPT), others=[_partner(MERGED)], user=coordinator)
    api_after, open_after = read()
    assert _without_identity(api_after) == _without_identity(api_before)
    assert _without_identity(open_after) == _without_identity(open_before)
    assert open_after != open_before


def test_a_merge_leaves_the_event_dataset_unchanged(seeded, coordinator, client):
    before = client.get("/opendata/events/2023.csv").content
    partner_merge(target=_partner(KEPT), others=[_partner(MERGED)], user=coordinator)
    assert client.get("/opendata/events/2023.csv").content == before


def test_a_merge_leaves_the_text_of_every_project_page_unchanged(seeded, coordinator, client):
    before = _page_texts(client)
    assert "(地独)北海道立総合研究機構工業試験場" in "".join(before.values())
    partner_merge(target=_partner(KEPT), others=[_partner(MERGED)], user=coordinator)
    assert _page_texts(client) == before


def test_a_rename_of_a_partner_leaves_the_csv_of_2023_byte_identical(seeded, tmp_path):
    before = _export("csv", tmp_path, "before")
    Partner.objects.filter(name=KEPT).update(name="北海道職業能力開発大学校（改称）")
    assert _export("csv", tmp_path, "after") == before


# --- the spelling is always there -------------------------------------------------------------


def test_a_blank_spelling_is_refused_by_the_database(seeded):
    link = _no3().partner_links.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        ProjectPartner.objects.filter(pk=link.pk).update(written_as="")


def test_a_link_saved_without_a_spelling_takes_the_partners_name_of_that_moment(seeded):
    partner = _partner(KEPT)
    link = ProjectPartner.objects.create(project=_no3(), partner=partner, order=9)
    partner.name = "北海道職業能力開発大学校（改称）"
    partner.save()
    link.refresh_from_db()
    assert link.written_as == KEPT
    assert link.display_name == KEPT


def test_links_created_in_bulk_without_a_spelling_take_the_partners_name(seeded):
    partner = _partner(KEPT)
    (link,) = ProjectPartner.objects.bulk_create(
        [ProjectPartner(project=_no3(), partner_id=partner.pk, order=9)]
    )
    assert ProjectPartner.objects.get(pk=link.pk).written_as == KEPT


def test_a_link_added_in_the_admin_without_a_spelling_gets_the_partners_name(
    seeded, coordinator, client
):
    project = Project.objects.get(fiscal_year=2023, number=16)
    client.force_login(coordinator)
    data = form_data(client.get(change_url(project)))
    added = f"partner_links-{int(data['partner_links-TOTAL_FORMS']) - 1}"  # the empty extra row
    data[f"{added}-partner"] = str(_partner(KEPT).pk)
    data[f"{added}-order"] = "5"
    data[f"{added}-written_as"] = ""
    response = client.post(change_url(project), data)
    assert response.status_code == 302
    assert project.partner_links.get(partner__name=KEPT).written_as == KEPT
