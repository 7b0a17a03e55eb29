"""Notifications at the desk (#18, the desk vendors have), in a real browser: a
reporter submits, the editor's bell counts it, opening it marks it read; a return
that names the reporter (@景静) reaches them twice, as a return and a mention."""

import pytest

from articles.models import Article, Notification
from newsroom import roles
from tests.browser.desk import PHONE, login, shot
from tests.factories import ArticleFactory, ReporterFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

S = Article.Status


def bell(page):
    return int(page.locator(".desk-bell-count").inner_text())


def test_a_submission_rings_the_editors_bell_and_a_return_the_reporters(
    browser, live_server, make_user
):
    reporter = make_user(roles.REPORTER, "reporter", first_name="景静")
    ReporterFactory(name="景静", user=reporter)
    make_user(roles.EDITOR, "editor", last_name="王", first_name="芳")
    article = ArticleFactory(
        status=S.DRAFT, author=reporter, published_at=None, title="秋粮收购过半"
    )

    page = login(browser, live_server, "reporter")
    assert bell(page) == 0
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    page.wait_for_selector(".prose-editor > .ProseMirror")
    page.locator(".desk-actions button", has_text="送审").click()
    page.wait_for_selector(".messagelist .success")

    desk = login(browser, live_server, "editor")
    assert bell(desk) == 1
    assert desk.locator(".desk-bell--unread").count() == 1
    desk.locator(".desk-bell").click()
    desk.wait_for_selector("#result_list")
    assert "《秋粮收购过半》等待审签" in desk.locator("#result_list").inner_text()
    desk.locator("#result_list a", has_text="秋粮收购过半").click()
    desk.wait_for_selector(".desk-workflow")
    assert bell(desk) == 0
    desk.fill("#desk-comment-return", "@景静 请补充收购数量")
    desk.locator(".desk-actions button", has_text="退回修改").click()
    desk.wait_for_selector(".messagelist .success")

    page.reload()
    assert bell(page) == 2
    page.locator(".desk-bell").click()
    page.wait_for_selector("#result_list")
    listing = page.locator("#result_list").inner_text()
    assert "被退回修改：@景静 请补充收购数量" in listing
    assert "王芳在《秋粮收购过半》的意见中提到您" in listing
    shot(page, "notifications-list")
    page.locator(".desk-read-all button").click()
    page.wait_for_selector(".messagelist .success")
    assert bell(page) == 0
    assert not Notification.objects.filter(user=reporter, read_at=None).exists()


def test_the_bell_is_in_reach_on_a_phone(browser, live_server, make_user):
    reporter = make_user(roles.REPORTER, "reporter", first_name="景静")
    Notification.objects.create(user=reporter, kind="returned", text="《一》被退回修改")
    page = login(browser, live_server, "reporter", viewport=PHONE)
    box = page.locator(".desk-bell").bounding_box()
    assert box["x"] + box["width"] <= PHONE["width"]
    assert bell(page) == 1
    shot(page, "notifications-bell-phone")
