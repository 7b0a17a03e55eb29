"""The desk's home page per role (#18, the desk vendors have), in a real browser:
log in, read the counts, click through to the list they count."""

import datetime

import pytest
from django.utils import timezone

from articles import services
from articles.models import Article
from newsroom import roles
from tests.browser.desk import PHONE, login, shot
from tests.factories import ArticleFactory, ReporterFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

S = Article.Status


def count(page, key):
    return int(page.locator(f".desk-home-{key} .desk-home-count").inner_text())


def draft(author, **fields):
    return ArticleFactory(status=S.DRAFT, author=author, published_at=None, **fields)


@pytest.fixture
def newsroom(make_user):
    reporter = make_user(roles.REPORTER, "reporter", first_name="景静")
    ReporterFactory(name="景静", user=reporter)
    editor = make_user(roles.EDITOR, "editor", last_name="王", first_name="编辑")
    make_user(roles.SITE_ADMIN, "siteadmin")
    draft(reporter, title="区商务局召开重点企业座谈会")
    draft(reporter, title="老旧小区改造进展")
    returned = draft(reporter, title="秋粮收购过半")
    services.article_submit(article=returned, actor=reporter)
    services.article_return(article=returned, actor=editor, comment="补充数量")
    waiting = draft(reporter, title="垃圾分类示范街道验收")
    services.article_submit(article=waiting, actor=reporter)
    ArticleFactory(author=reporter, title="冬季供暖准备就绪")
    ArticleFactory(
        title="明天发布的通知",
        published_at=timezone.now() + datetime.timedelta(days=1),
    )
    return reporter, editor


def test_a_reporter_finds_their_drafts_and_returns_on_the_home_page(
    browser, live_server, newsroom
):
    page = login(browser, live_server, "reporter")

    assert count(page, "drafts") == 2
    assert count(page, "returned") == 1
    assert count(page, "recent") == 1
    assert page.locator(".desk-home-awaiting").count() == 0
    shot(page, "home-reporter")
    page.locator(".desk-home-returned h2 a").click()
    page.wait_for_selector("#changelist")
    assert page.locator("#result_list tbody tr").count() == 1
    assert "秋粮收购过半" in page.locator("#result_list").inner_text()


def test_an_editor_opens_what_waits_for_their_signature(browser, live_server, newsroom):
    page = login(browser, live_server, "editor")

    assert count(page, "awaiting") == 1
    assert count(page, "scheduled") == 1
    assert "景静" in page.locator(".desk-home-awaiting").inner_text()
    for link in ["审稿队列", "全部稿件", "定时待发", "导入版面"]:
        assert page.locator(".desk-home-links a", has_text=link).count() == 1
    shot(page, "home-editor")
    page.locator(".desk-home-awaiting li a", has_text="垃圾分类示范街道验收").click()
    page.wait_for_selector(".desk-workflow")
    assert page.input_value("#id_title") == "垃圾分类示范街道验收"


def test_the_home_page_reads_in_one_column_on_a_phone(browser, live_server, newsroom):
    page = login(browser, live_server, "editor", viewport=PHONE)
    boxes = [
        page.locator(f".desk-home-{key}").bounding_box()
        for key in ("awaiting", "scheduled", "recent")
    ]
    assert all(box["width"] <= PHONE["width"] for box in boxes)
    assert boxes[0]["y"] < boxes[1]["y"] < boxes[2]["y"]  # stacked
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"]
    shot(page, "home-editor-phone")


def test_a_site_admin_keeps_the_model_list(browser, live_server, newsroom):
    page = login(browser, live_server, "siteadmin")
    assert page.locator("h2.desk-home-admin").is_visible()
    shot(page, "home-site-admin")
    page.locator("tr.model-user th a").click()
    page.wait_for_selector("#changelist")


def test_with_two_levels_the_chief_editor_finds_what_the_editor_passed(
    browser, live_server, newsroom, make_user, settings
):
    settings.REVIEW_LEVELS = 2
    reporter, editor = newsroom
    make_user(roles.CHIEF_EDITOR, "chief", last_name="赵", first_name="总编")
    passed = Article.objects.get(title="垃圾分类示范街道验收")
    services.article_approve(article=passed, actor=editor)

    page = login(browser, live_server, "chief")
    assert count(page, "awaiting") == 1
    assert "垃圾分类示范街道验收" in page.inner_text(".desk-home-awaiting")
    shot(page, "home-chief-editor")
    desk = login(browser, live_server, "editor")
    assert count(desk, "awaiting") == 0  # the editor signed the lower level
