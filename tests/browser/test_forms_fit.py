"""The project form and list at 1366 px, as a clerk sees them: every field inside its box, the
list headed 「協働事業の一覧」, add buttons that say what they add."""

import datetime

import pytest

from projects.permissions import CLERK_GROUP
from tests.factories import make_project, make_user

pytestmark = pytest.mark.django_db(transaction=True)

WIDTH = 1366

# Every element of each fieldset of the form whose box reaches past the fieldset's right edge.
OVERFLOWING = """
() => {
  const out = [];
  for (const set of document.querySelectorAll('#content-main form fieldset')) {
    const right = set.getBoundingClientRect().right + 1;
    for (const el of set.querySelectorAll('*')) {
      const box = el.getBoundingClientRect();
      if (box.width && box.right > right && getComputedStyle(el).visibility !== 'hidden') {
        out.push(`${el.tagName}.${el.className}#${el.id} ${Math.round(box.right)} > ${right}`);
      }
    }
  }
  return out;
}
"""


@pytest.fixture
def project(db):
    make_user(username="clerk", group=CLERK_GROUP, departments=["協働・男女平等参画室"])
    return make_project(
        published=False,
        purpose="市長が各地区に出向いて、町内会や自治会の方と地域が抱える課題について話し合う。",
        sessions=[
            {
                "order": 1,
                "group": 0,
                "label": "子ども会交流会",
                "start": datetime.date(2023, 8, 22),
                "end": datetime.date(2023, 10, 31),
                "participants": 300,
                "approximate": True,
                "note": "16地区にて開催（町内会館・コミュニティセンター・市民会館ほか）",
            }
        ],
        partners=[
            {
                "name": "公益財団法人苫小牧市スポーツ協会",
                "order": 1,
                "role": "内装",
                "written_as": "(公財)苫小牧市スポーツ協会",
            }
        ],
    )


def test_the_project_form_fits_its_fieldsets_at_1366_px(
    live_server, page, log_in, screenshot, project
):
    log_in(page, "clerk", width=WIDTH)
    page.goto(f"{live_server.url}/admin/projects/project/{project.pk}/change/")

    assert page.evaluate(OVERFLOWING) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH
    # The 和暦 sits beneath its date, inside the date's cell.
    cell = page.locator("#sessions-group td.field-start").first
    date_box = cell.locator("input").bounding_box()
    wareki_box = cell.locator(".kyodo-wareki").bounding_box()
    assert wareki_box["y"] >= date_box["y"] + date_box["height"] - 1
    assert cell.locator(".kyodo-wareki").inner_text() == "令和5年8月22日"
    screenshot("admin_project_form_1366")
    screenshot("admin_project_sessions_1366", of=page.locator("#sessions-group"))

    # A long note wraps inside its column instead of widening the table.
    page.locator("#id_sessions-0-note").fill("とても長い備考" * 12)
    assert page.evaluate(OVERFLOWING) == []


def test_the_list_is_headed_for_what_it_lists_and_add_buttons_say_what_they_add(
    live_server, page, log_in, screenshot, project
):
    log_in(page, "clerk", width=WIDTH)
    page.goto(f"{live_server.url}/admin/projects/project/")

    assert page.locator("#content h1").inner_text() == "協働事業の一覧"
    assert "変更する" not in page.title()
    add = page.locator(".object-tools a.addlink")
    assert add.inner_text().strip() == "協働事業を追加"
    screenshot("admin_project_list_1366", full_page=False)

    page.goto(f"{live_server.url}/admin/projects/project/{project.pk}/change/")
    adds = page.locator(".add-row a").all_inner_texts()
    assert adds == ["実施日を追加", "関係団体を追加"], adds
