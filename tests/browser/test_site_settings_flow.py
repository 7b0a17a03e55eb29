"""A site admin sets the review levels and the newsroom's name in the admin
(#18 item 8); the review flow then asks for that many levels, the public site
shows the name, and the history names the admin. Then the self-inspection page
(#19 item 2) as an editor uses it."""

import os

import pytest
from django.core.management import call_command

from articles import services
from articles.models import Article, SensitiveWord
from newsroom import roles
from newsroom.models import SiteSettings
from tests.browser import desk
from tests.browser.desk import shot
from tests.factories import ArticleFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

S = Article.Status


def login(browser, live_server, username):
    return desk.login(browser, live_server, username, landing="#site-name")


def test_a_site_admin_sets_two_review_levels_and_a_new_name(
    browser, live_server, make_user, settings
):
    settings.REVIEW_LEVELS = 1
    make_user(roles.SITE_ADMIN, "siteadmin", last_name="张", first_name="管理员")
    reporter = make_user(roles.REPORTER, "reporter")
    editor = make_user(roles.EDITOR, "editor")
    make_user(roles.CHIEF_EDITOR, "chief")
    article = ArticleFactory(
        status=S.DRAFT, author=reporter, title="两审稿件", published_at=None
    )
    services.article_submit(article=article, actor=reporter)

    page = login(browser, live_server, "siteadmin")
    page.goto(f"{live_server.url}/admin/newsroom/sitesettings/")
    page.select_option("#id_review_levels", "2")
    page.fill("#id_name", "新区融媒体中心")
    page.fill("#id_icp_number", "豫ICP备12345678号-1")
    shot(page, "site-settings")
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist .success")
    assert "新区融媒体中心 · 采编系统" in page.locator("#site-name").inner_text()

    page.goto(f"{live_server.url}/admin/newsroom/sitesettings/1/history/")
    row = page.locator("#change-history tbody tr").first.inner_text()
    assert "张管理员" in row and "审核级数" in row
    shot(page, "site-settings-history")
    page.context.close()
    assert services.review_levels() == 2

    # The editor's approval now passes the article up instead of publishing it.
    page = login(browser, live_server, "editor")
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    page.locator(".desk-actions button", has_text="初审通过").click()
    page.wait_for_selector(".messagelist .success")
    article.refresh_from_db()
    assert (article.status, article.review_level) == (S.IN_REVIEW, 1)
    assert not article.review_logs.filter(action="publish").exists()
    page.context.close()

    page = login(browser, live_server, "chief")
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    page.locator(".desk-actions button", has_text="终审通过并签发").click()
    page.wait_for_selector(".messagelist .success")
    article.refresh_from_db()
    assert article.status == S.PUBLISHED and article.review_level == 2
    assert editor.pk in article.review_logs.values_list("actor_id", flat=True)

    page.goto(f"{live_server.url}/")
    assert page.locator(".masthead__org").inner_text() == "新区融媒体中心"
    assert "豫ICP备12345678号-1" in page.locator(".footer").inner_text()
    folder = os.environ.get("SCREENSHOT_DIR")
    if folder:
        page.locator(".footer").screenshot(path=os.path.join(folder, "footer.png"))
    page.context.close()


def test_an_editor_runs_the_self_inspection_and_reads_the_report(
    browser, live_server, make_user, settings
):
    # The live server speaks plain HTTP: the HTTPS check is the one left out
    # (it reports "not checked in debug"; test_inspection covers it).
    settings.DEBUG = True
    call_command("load_demo", force=True, stdout=open(os.devnull, "w"))  # noqa: SIM115
    make_user(roles.EDITOR, "inspector", last_name="值", first_name="班编辑")
    page = login(browser, live_server, "inspector")
    page.goto(f"{live_server.url}/admin/")
    page.get_by_role("link", name="迎检自查报告").click()
    page.get_by_role("button", name="立即自查").click()
    page.wait_for_selector(".inspection__verdict")
    assert "结论：合格" in page.locator(".inspection__verdict").inner_text()
    shot(page, "inspection-clean")

    # A word listed today finds a two-year-old article; an identifier goes missing.
    old = Article.objects.published().order_by("published_at").first()
    SensitiveWord.objects.create(word=old.title[:4], level="block")
    SiteSettings.objects.update(icp_number="")
    SiteSettings.load().save()
    page.get_by_role("button", name="重新自查").click()
    page.wait_for_selector(".inspection__verdict--fail")
    text = page.locator("#content-main").inner_text()
    assert "结论：不合格" in text and old.title in text and "ICP 备案号" in text
    shot(page, "inspection-findings")

    with page.expect_download() as download:
        page.get_by_role("link", name="导出 Excel").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    page.context.close()
