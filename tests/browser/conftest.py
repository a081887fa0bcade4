"""Browser tests: Playwright's Python package driving the distribution's Chromium.

No browser is ever downloaded: the tests use /usr/bin/chromium (installed by .ci/run, or
`make browser`) and are skipped with a reason when it is missing. Screenshots are written to
test-artifacts/ for a person to look at.
"""

import os
from pathlib import Path

import pytest

from projects.permissions import ensure_groups
from tests.factories import PASSWORD, ROOT, make_forms

CHROMIUM = Path(os.environ.get("KYODO_CHROMIUM", "/usr/bin/chromium"))
ARTIFACTS = ROOT / "test-artifacts"

# Playwright's sync API runs an event loop in this thread; Django's ORM calls made by the test
# itself (fixtures creating data) are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: run `make browser` (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def migrated_rows(transactional_db):
    """Browser tests are transactional, so each starts from a flushed database: the forms and
    the groups the data migrations made are made again, before the test's own data."""
    ensure_groups()
    make_forms()


@pytest.fixture
def new_page(browser):
    """new_page() opens a page in a context of its own (cookies and all), closed after the
    test; width, height and Playwright's context options (device_scale_factor=2) may be given."""
    contexts = []

    def open_page(*, width: int = 1400, height: int = 900, **options):
        viewport = {"width": width, "height": height}
        context = browser.new_context(locale="ja-JP", viewport=viewport, **options)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.fixture
def log_in(live_server):
    """log_in(page, username) signs in on the admin's login page and waits for the admin's
    home page; width= sets the page's width first. Users are made with PASSWORD."""

    def sign_in(page, username: str, *, width: int | None = None):
        if width is not None:
            page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{live_server.url}/admin/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", PASSWORD)
        page.get_by_role("button", name="ログイン").click()
        page.wait_for_url(f"{live_server.url}/admin/")
        return page

    return sign_in


@pytest.fixture
def artifact():
    """artifact("name.png") is the path of test-artifacts/name.png, the folder made."""

    def path(filename: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        return ARTIFACTS / filename

    return path


@pytest.fixture
def screenshot(request, artifact):
    """screenshot("name") saves test-artifacts/name.png of the test's page; of= another page,
    or a locator for that element alone."""

    def take(name: str, *, full_page: bool = True, of=None) -> Path:
        target = request.getfixturevalue("page") if of is None else of
        path = artifact(f"{name}.png")
        if hasattr(target, "goto"):  # a page
            target.screenshot(path=str(path), full_page=full_page)
        else:
            target.screenshot(path=str(path))
        return path

    return take
