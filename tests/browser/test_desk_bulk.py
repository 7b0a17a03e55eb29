"""Bulk steps at the desk (#18, the desk vendors have), in a real browser: an
editor ticks several articles in the list, picks a step, answers its question,
and reads per article what was done and what was refused."""

import datetime

import pytest
from django.utils import timezone

from articles import services
from articles.models import Article, ReviewLog
from newsroom import roles
from tests.browser.desk import PHONE, login, shot
from tests.factories import ArticleFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

S = Article.Status


def tick(page, *titles):
    for title in titles:
        row = page.locator("#result_list tbody tr", has_text=title)
        row.locator("input.action-select").check()


def choose(page, label):
    page.select_option("select[name=action]", label=label)
    page.locator("button[name=index]").first.click()
    page.wait_for_selector("#desk-bulk-form")


@pytest.fixture
def desk(make_user):
    reporter = make_user(roles.REPORTER, "reporter", first_name="景静")
    make_user(roles.EDITOR, "editor", first_name="值班编辑")
    found = {}
    for title in ("秋粮收购过半", "老旧小区改造进展", "冬季供暖准备就绪"):
        article = ArticleFactory(
            status=S.DRAFT, author=reporter, published_at=None, title=title
        )
        services.article_submit(article=article, actor=reporter)
        found[title] = article
    found["草稿未送审"] = ArticleFactory(
        status=S.DRAFT, author=reporter, published_at=None, title="草稿未送审"
    )
    return found


def test_an_editor_approves_several_and_reads_what_was_refused(
    browser, live_server, desk
):
    page = login(browser, live_server, "editor")
    page.locator(".desk-home-links a", has_text="全部稿件").click()
    page.wait_for_selector("#changelist")

    tick(page, "秋粮收购过半", "老旧小区改造进展", "草稿未送审")
    choose(page, "批量审核通过")
    refused = page.locator(".desk-bulk-refused")
    assert refused.count() == 1
    assert "草稿未送审" in refused.inner_text()
    shot(page, "bulk-approve-confirm")
    page.fill("#id_comment", "同意签发")
    page.locator("#desk-bulk-form input[type=submit]").click()

    page.wait_for_selector(".messagelist")
    said = page.locator(".messagelist").inner_text()
    assert "批量审核通过：2 篇完成，1 篇未完成。" in said
    assert "《草稿未送审》未能审核通过" in said
    shot(page, "bulk-approve-done")
    for title in ("秋粮收购过半", "老旧小区改造进展"):
        desk[title].refresh_from_db()
        assert desk[title].status == S.PUBLISHED
        logs = ReviewLog.objects.filter(article=desk[title], action="publish")
        assert list(logs.values_list("comment", flat=True)) == ["同意签发"]
    desk["冬季供暖准备就绪"].refresh_from_db()
    assert desk["冬季供暖准备就绪"].status == S.IN_REVIEW  # not ticked


def test_an_editor_schedules_several_on_a_phone(browser, live_server, desk):
    page = login(browser, live_server, "editor", viewport=PHONE)
    page.goto(f"{live_server.url}/admin/articles/article/?status__exact=in_review")
    page.wait_for_selector("#changelist")
    tick(page, "秋粮收购过半", "冬季供暖准备就绪")
    choose(page, "批量定时签发")
    when = timezone.localtime() + datetime.timedelta(days=1)
    page.fill("#id_publish_at", when.strftime("%Y-%m-%dT%H:%M"))
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"] + 1
    shot(page, "bulk-schedule-phone")
    page.locator("#desk-bulk-form input[type=submit]").click()

    page.wait_for_selector(".messagelist")
    assert "批量定时签发：2 篇完成。" in page.locator(".messagelist").inner_text()
    for title in ("秋粮收购过半", "冬季供暖准备就绪"):
        desk[title].refresh_from_db()
        assert desk[title].is_scheduled()
        local = timezone.localtime(desk[title].published_at)
        assert local.strftime("%Y-%m-%d %H:%M") == when.strftime("%Y-%m-%d %H:%M")


def test_returning_several_asks_for_the_comment_first(browser, live_server, desk):
    page = login(browser, live_server, "editor")
    page.goto(f"{live_server.url}/admin/articles/article/?status__exact=in_review")
    tick(page, "秋粮收购过半", "老旧小区改造进展")
    choose(page, "批量退回")
    page.locator("#desk-bulk-form input[type=submit]").click()  # empty comment
    page.wait_for_selector("#desk-bulk-form")
    desk["秋粮收购过半"].refresh_from_db()
    assert desk["秋粮收购过半"].status == S.IN_REVIEW
    page.fill("#id_comment", "请补充数据来源")
    page.locator("#desk-bulk-form input[type=submit]").click()
    page.wait_for_selector(".messagelist")
    logs = ReviewLog.objects.filter(action="return", comment="请补充数据来源")
    assert logs.count() == 2
