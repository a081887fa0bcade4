import pytest

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_admin_login_page_speaks_japanese(live_server, page):
    page.goto(f"{live_server.url}/admin/login/")
    assert "苫小牧市 協働事業管理" in page.title()
    assert page.get_by_role("button", name="ログイン").is_visible()
