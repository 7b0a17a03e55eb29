"""The whole desk, in a real browser: write, submit, return, fix, approve, publish."""

import io
import os

import pytest
from PIL import Image

from articles.models import Article
from newsroom import roles
from tests.factories import DepartmentFactory, ReporterFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-test-password"


def shot(page, name):
    """Keep a screenshot when SCREENSHOT_DIR is set (for the release notes)."""
    folder = os.environ.get("SCREENSHOT_DIR")
    if folder:
        page.screenshot(path=os.path.join(folder, f"{name}.png"), full_page=True)


def login(browser, live_server, username):
    context = browser.new_context(
        locale="zh-CN",
        timezone_id="Asia/Shanghai",
        viewport={"width": 1280, "height": 900},
    )
    page = context.new_page()
    page.set_default_timeout(15000)
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#site-name")
    return page


def choose_in_autocomplete(page, container, text):
    """Open a select2 box, type, and pick the matching result."""
    container.click()
    page.keyboard.type(text)
    page.locator(".select2-results__option", has_text=text).first.click()


def type_in_body(page, text):
    editor = page.locator(".prose-editor > .ProseMirror")
    editor.click()
    page.keyboard.press("End")
    page.keyboard.type(text)


def image_file(tmp_path, name, color):
    path = tmp_path / name
    Image.new("RGB", (320, 180), color).save(path, "JPEG")
    return str(path)


def press(page, label):
    page.locator(".desk-actions button", has_text=label).click()
    page.wait_for_selector(".messagelist")


def test_reporter_and_editor_take_an_article_from_draft_to_the_public_site(
    browser, live_server, make_user, tmp_path
):
    reporter_user = make_user(roles.REPORTER, "reporter", first_name="景静")
    make_user(roles.EDITOR, "editor", first_name="值班编辑")
    for user in type(reporter_user).objects.all():
        user.set_password(PASSWORD)
        user.save()
    ReporterFactory(name="景静", user=reporter_user)
    DepartmentFactory(name="区商务局")

    # The reporter writes a draft with a lead image and an image in the body.
    reporter = login(browser, live_server, "reporter")
    reporter.goto(f"{live_server.url}/admin/articles/article/add/")
    reporter.fill("#id_title", "区商务局召开重点企业座谈会")
    type_in_body(reporter, "11月24日，区商务局召开重点企业座谈会。")
    assert "正文 21 字" in reporter.locator("#desk-body-count").inner_text()
    reporter.set_input_files(
        "#desk-image-input", image_file(tmp_path, "body.jpg", "navy")
    )
    reporter.wait_for_selector("text=图片已插入正文")
    reporter.set_input_files("#id_image", image_file(tmp_path, "lead.jpg", "teal"))
    choose_in_autocomplete(
        reporter, reporter.locator("#bylines-0 .select2-selection"), "景静"
    )
    choose_in_autocomplete(
        reporter, reporter.locator(".field-departments .select2-selection"), "区商务局"
    )
    choose_in_autocomplete(
        reporter, reporter.locator(".field-tags .select2-selection"), "营商环境"
    )
    shot(reporter, "1-reporter-writes")
    reporter.click("input[name=_continue]")
    reporter.wait_for_selector(".messagelist .success")
    article = Article.objects.get(title="区商务局召开重点企业座谈会")
    assert article.status == Article.Status.DRAFT
    assert article.image and '<img src="/media/body/' in article.body
    assert article.byline_text() == "记者 景静"

    press(reporter, "送审")
    shot(reporter, "2-reporter-submitted")
    article.refresh_from_db()
    assert article.status == Article.Status.IN_REVIEW

    # The editor finds it in the review queue and returns it with a comment.
    editor = login(browser, live_server, "editor")
    editor.goto(f"{live_server.url}/admin/articles/reviewqueue/")
    shot(editor, "3-editor-queue")
    editor.click("text=区商务局召开重点企业座谈会")
    editor.fill("#desk-comment-return", "请补充参会企业数量。")
    press(editor, "退回修改")
    shot(editor, "4-editor-returned")
    article.refresh_from_db()
    assert article.status == Article.Status.RETURNED

    # The reporter sees the comment, fixes the body and submits again.
    reporter.reload()
    assert "请补充参会企业数量。" in reporter.locator(".desk-log").inner_text()
    type_in_body(reporter, "共有32家企业参加。")
    reporter.click("input[name=_continue]")
    reporter.wait_for_selector(".messagelist .success")
    press(reporter, "送审")
    shot(reporter, "5-reporter-resubmitted")

    # The editor approves; with one review level that publishes it.
    editor.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    editor.fill("#desk-comment-approve", "同意签发。")
    press(editor, "通过")
    shot(editor, "6-editor-approved")
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert "共有32家企业参加" in article.body
    assert [log.action for log in article.review_logs.all()] == [
        "create",
        "submit",
        "return",
        "submit",
        "publish",
    ]

    # Anyone can now read it on the public site.
    public = browser.new_page()
    public.goto(f"{live_server.url}{article.get_absolute_url()}")
    assert public.locator("h1").inner_text() == "区商务局召开重点企业座谈会"
    assert "共有32家企业参加" in public.locator(".article__body").inner_text()
    assert "记者 景静" in public.locator(".article__meta").inner_text()
    shot(public, "7-public-article")
    public.goto(live_server.url)
    assert "区商务局召开重点企业座谈会" in public.content()


def test_a_closed_tab_loses_nothing(browser, live_server, make_user):
    user = make_user(roles.REPORTER, "reporter")
    user.set_password(PASSWORD)
    user.save()
    page = login(browser, live_server, "reporter")
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    page.fill("#id_title", "没来得及保存的稿件")
    type_in_body(page, "写了一半的正文")
    page.wait_for_selector("text=已自动保存草稿")
    page.context.close()  # the tab is closed without saving

    page = login(browser, live_server, "reporter")
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    page.click("[data-autosave-restore]")
    assert page.input_value("#id_title") == "没来得及保存的稿件"
    assert "写了一半的正文" in page.locator(".prose-editor > .ProseMirror").inner_text()
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist .success")
    article = Article.objects.get(title="没来得及保存的稿件")
    assert "写了一半的正文" in article.body


def test_image_data_is_rejected_in_the_browser_with_a_message(
    browser, live_server, make_user, tmp_path
):
    user = make_user(roles.REPORTER, "reporter")
    user.set_password(PASSWORD)
    user.save()
    page = login(browser, live_server, "reporter")
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    page.wait_for_selector("#desk-image-input", state="attached")
    fake = tmp_path / "fake.png"
    fake.write_bytes(io.BytesIO(b"this is not a picture").getvalue())

    page.set_input_files("#desk-image-input", str(fake))

    page.wait_for_selector(".desk-error")
    assert "图片" in page.locator(".desk-error").inner_text()
