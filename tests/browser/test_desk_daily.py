"""What staff hit every day at the desk (#18 items 1, 2, 5, 7, 9, 10), in a real
browser, as a person would: type, click, answer the browser's questions."""

import datetime

import pytest
from django.utils import timezone
from PIL import Image

from articles import services
from articles.models import Article
from newsroom import roles
from tests.browser import desk
from tests.browser.desk import PHONE, shot
from tests.factories import ArticleFactory, ReporterFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

S = Article.Status


def login(browser, live_server, username, viewport=None):
    return desk.login(browser, live_server, username, viewport, landing="#site-name")


def open_article(page, live_server, article):
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    page.wait_for_selector(".prose-editor > .ProseMirror")


def type_in_body(page, text):
    page.locator(".prose-editor > .ProseMirror").click()
    page.keyboard.press("Control+End")
    page.keyboard.type(text)


def press(page, label):
    page.locator(".desk-actions button", has_text=label).click()


@pytest.fixture
def reporter(make_user):
    user = make_user(roles.REPORTER, "reporter", first_name="景静")
    ReporterFactory(name="景静", user=user)
    return user


@pytest.fixture
def editor(make_user):
    return make_user(roles.EDITOR, "editor", first_name="值班编辑")


def draft(author, **fields):
    fields.setdefault("body", "<p>区商务局召开重点企业座谈会。</p>")
    return ArticleFactory(status=S.DRAFT, author=author, published_at=None, **fields)


# Item 1: nothing typed is lost


def test_submitting_takes_what_was_typed_not_the_last_saved_copy(
    browser, live_server, reporter
):
    article = draft(reporter, title="座谈会")
    page = login(browser, live_server, "reporter")
    open_article(page, live_server, article)

    type_in_body(page, "共有32家企业参加。")
    press(page, "送审")

    page.wait_for_selector(".messagelist .success")
    assert "已保存，已送审" in page.locator(".messagelist").inner_text()
    article.refresh_from_db()
    assert article.status == S.IN_REVIEW
    assert "共有32家企业参加" in article.body


def test_leaving_with_unsaved_changes_asks_first(browser, live_server, reporter):
    article = draft(reporter, title="座谈会")
    page = login(browser, live_server, "reporter")
    open_article(page, live_server, article)
    url = page.url
    page.fill("#id_title", "座谈会（改）")
    asked = []

    def answer(dialog):
        asked.append(dialog.type)
        dialog.dismiss()  # stay on the page

    page.on("dialog", answer)
    page.locator(".breadcrumbs a", has_text="稿件").first.click()
    page.wait_for_timeout(500)

    assert asked == ["beforeunload"]
    assert page.url == url
    assert page.input_value("#id_title") == "座谈会（改）"


def test_saving_does_not_ask(browser, live_server, reporter):
    article = draft(reporter, title="座谈会")
    page = login(browser, live_server, "reporter")
    open_article(page, live_server, article)
    asked = []
    page.on("dialog", lambda dialog: (asked.append(dialog.type), dialog.accept()))
    page.fill("#id_title", "座谈会（改）")

    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .success")
    url = page.url
    page.locator(".breadcrumbs a", has_text="稿件").first.click()
    page.wait_for_url(lambda now: now != url)

    assert asked == []


def test_a_step_is_refused_while_the_form_holds_unsaved_changes(
    browser, live_server, reporter, editor
):
    article = draft(reporter, title="座谈会")
    services.article_submit(article=article, actor=reporter)
    page = login(browser, live_server, "editor")
    open_article(page, live_server, article)

    type_in_body(page, "编辑改的一句。")
    page.fill("#desk-comment-return", "请补充数量。")
    press(page, "退回修改")

    notice = page.locator(".desk-unsaved")
    notice.wait_for()
    assert "有未保存的修改" in notice.inner_text()
    shot(page, "item1-unsaved-refused")
    article.refresh_from_db()
    assert article.status == S.IN_REVIEW


# Item 2: every desk page linked from where editors look


def test_an_editor_reaches_every_desk_page_by_clicking(browser, live_server, editor):
    ArticleFactory(title="已发布的稿件")
    page = login(browser, live_server, "editor")
    page.locator(".desk-home-links a", has_text="全部稿件").click()  # the home page
    page.wait_for_selector("#changelist")
    shot(page, "item2-article-list")
    listing = page.url
    for link, landmark in [
        ("导入版面", "text=把一个版面的文字导入为"),
        ("审稿队列", "h1:has-text('审稿队列')"),
        ("定时待发", "#changelist"),
        ("敏感词表", "h1:has-text('敏感词')"),
        ("恢复已删除的稿件", "#content"),
    ]:
        page.goto(listing)
        page.locator(".object-tools a", has_text=link).click()
        page.wait_for_selector(landmark)
    page.goto(listing)
    page.locator(".object-tools a", has_text="审稿队列").click()
    page.locator(".object-tools a", has_text="全部稿件").click()
    page.wait_for_selector("text=已发布的稿件")


# Item 5: taking back a submission


def test_a_reporter_takes_back_a_submission_and_edits_again(
    browser, live_server, reporter
):
    article = draft(reporter, title="座谈会")
    page = login(browser, live_server, "reporter")
    open_article(page, live_server, article)
    press(page, "送审")
    page.wait_for_selector(".messagelist .success")
    assert page.locator("#id_title").count() == 0  # read-only while in review
    shot(page, "item4-reporter-reads-submitted")

    press(page, "撤回送审")

    page.wait_for_selector("text=已撤回送审")
    article.refresh_from_db()
    assert article.status == S.DRAFT
    page.fill("#id_title", "座谈会（补充）")
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .success")


# Item 7: reviewing


def test_a_reviewer_sees_the_changes_since_the_last_submission(
    browser, live_server, reporter, editor
):
    article = draft(reporter, title="座谈会", body="<p>共有企业参加。</p>")
    services.article_submit(article=article, actor=reporter)
    services.article_return(article=article, actor=editor, comment="请补充数量。")
    page = login(browser, live_server, "reporter")
    open_article(page, live_server, article)
    page.locator(".prose-editor > .ProseMirror p").first.click()
    page.keyboard.press("End")
    page.keyboard.type("另有5家列席。")
    press(page, "送审")
    page.wait_for_selector(".messagelist .success")

    review = login(browser, live_server, "editor")
    open_article(review, live_server, article)

    since = review.locator(".desk-since")
    assert "与上次送审" in since.inner_text()
    assert review.locator(".desk-since ins").inner_text() == "另有5家列席。"
    shot(review, "item7-review-diff")


def test_withdrawing_asks_and_cancelling_the_question_keeps_it_public(
    browser, live_server, editor
):
    article = ArticleFactory(title="已发布的稿件")
    page = login(browser, live_server, "editor")
    open_article(page, live_server, article)
    answers = iter(["dismiss", "accept"])
    questions = []

    def answer(dialog):
        questions.append(dialog.message)
        getattr(dialog, next(answers))()

    page.on("dialog", answer)
    page.fill("#desk-comment-withdraw", "数据有误。")
    press(page, "撤稿")
    page.wait_for_timeout(300)
    article.refresh_from_db()
    assert article.status == S.PUBLISHED

    press(page, "撤稿")
    page.wait_for_selector("text=已撤稿")
    article.refresh_from_db()
    assert article.status == S.WITHDRAWN
    assert questions[0].startswith("确定撤稿吗")


def test_a_schedule_is_shown_and_cancelled_before_its_time(
    browser, live_server, reporter, editor
):
    article = draft(reporter, title="明早发布的稿件")
    article.published_at = timezone.now() + datetime.timedelta(days=1)
    article.save()
    services.article_submit(article=article, actor=reporter)
    page = login(browser, live_server, "editor")
    open_article(page, live_server, article)
    press(page, "通过并定时签发")
    page.wait_for_selector("text=已定时签发")
    assert "定时签发：将于" in page.locator(".desk-workflow h2").inner_text()
    shot(page, "item7-scheduled")
    page.on("dialog", lambda dialog: dialog.accept())

    press(page, "取消定时签发")

    page.wait_for_selector("text=已取消定时签发")
    article.refresh_from_db()
    assert (article.status, article.published_at) == (S.IN_REVIEW, None)


def test_the_signoff_sheet_has_boxes_and_the_text(
    browser, live_server, settings, reporter, editor
):
    settings.REVIEW_LEVELS = 3
    article = draft(reporter, title="三审稿件", body="<p>审签单上的正文。</p>")
    services.article_submit(article=article, actor=reporter)
    services.article_approve(article=article, actor=editor, comment="同意。")
    page = login(browser, live_server, "editor")
    open_article(page, live_server, article)

    page.locator(".object-tools a", has_text="审签单").click()

    page.wait_for_selector(".signoff__boxes")
    assert page.locator(".signoff__signature").count() == 3
    assert "审签单上的正文。" in page.locator(".desk-reading").inner_text()
    shot(page, "item7-signoff")


# Item 9: pictures in the body


def test_a_body_picture_gets_its_caption_and_alt_text(
    browser, live_server, reporter, tmp_path
):
    article = draft(reporter, title="有图的稿件")
    path = tmp_path / "photo.jpg"
    Image.new("RGB", (320, 180), "navy").save(path, "JPEG")
    page = login(browser, live_server, "reporter")
    open_article(page, live_server, article)

    page.fill("#desk-image-caption", "座谈会现场")
    page.fill("#desk-image-alt", "会议室里十余人围坐")
    page.set_input_files("#desk-image-input", str(path))
    page.wait_for_selector("text=图片已插入正文")
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .success")

    article.refresh_from_db()
    assert "<figcaption>座谈会现场</figcaption>" in article.body
    assert 'alt="会议室里十余人围坐"' in article.body


def test_a_pasted_local_picture_is_reported(browser, live_server, reporter):
    article = draft(reporter, title="粘贴的稿件")
    page = login(browser, live_server, "reporter")
    open_article(page, live_server, article)

    page.locator(".prose-editor > .ProseMirror").evaluate(
        """(editor) => {
          const data = new DataTransfer();
          data.setData('text/html', '<p>从 Word 粘贴</p><img src="file:///C:/a.jpg">');
          data.setData('text/plain', '从 Word 粘贴');
          editor.dispatchEvent(new ClipboardEvent('paste', {
            clipboardData: data, bubbles: true, cancelable: true,
          }));
        }"""
    )

    message = page.locator("#desk-image-message")
    assert "1 张本机图片" in message.inner_text()


# Item 6: the editor speaks Chinese


def test_the_body_editor_has_no_english_words(browser, live_server, reporter):
    page = login(browser, live_server, "reporter")
    open_article(page, live_server, draft(reporter))

    menu = page.locator(".prose-menubar").first.evaluate(
        "(menu) => menu.textContent + ' ' + "
        "Array.from(menu.querySelectorAll('[title]')).map((e) => e.title).join(' ')"
    )

    for english in ["Heading", "Paragraph", "figure"]:
        assert english not in menu
    assert "二级标题" in menu


# Item 10: on a phone


def assert_readable_columns(page):
    """No column of the list is squeezed to a character's width (the bulk
    actions' checkbox column is a checkbox wide on purpose)."""
    widths = page.locator(
        "#result_list thead th:not(.action-checkbox-column)"
    ).evaluate_all(
        "(cells) => cells.filter((c) => c.offsetParent).map((c) => c.offsetWidth)"
    )
    assert widths and min(widths) >= 40, widths
    row = page.locator("#result_list tbody tr").first
    title = row.locator("th, td").filter(has_not=page.locator(".action-select")).nth(0)
    assert title.bounding_box()["width"] >= 120


def test_the_article_list_and_the_queue_at_390_px(
    browser, live_server, reporter, editor
):
    for n in range(3):
        article = draft(
            reporter, title=f"区商务局召开重点企业座谈会部署第四季度工作{n}"
        )
        services.article_submit(article=article, actor=reporter)
    page = login(browser, live_server, "editor", viewport=PHONE)

    page.goto(f"{live_server.url}/admin/articles/article/")
    assert_readable_columns(page)
    shot(page, "item10-article-list-390")
    page.goto(f"{live_server.url}/admin/articles/reviewqueue/")
    assert_readable_columns(page)
    shot(page, "item10-queue-390")


def test_the_review_page_and_its_log_at_390_px(browser, live_server, reporter, editor):
    article = draft(reporter, title="区商务局召开重点企业座谈会")
    services.article_submit(article=article, actor=reporter)
    services.article_return(
        article=article, actor=editor, comment="请补充参会企业数量。"
    )
    services.article_submit(article=article, actor=reporter)
    page = login(browser, live_server, "editor", viewport=PHONE)

    open_article(page, live_server, article)

    cells = page.locator(".desk-log--steps tbody td").evaluate_all(
        "(cells) => cells.map((c) => [c.textContent.trim(), c.offsetHeight])"
    )
    line = page.locator(".desk-log--steps tbody td").first.evaluate(
        "(cell) => parseFloat(getComputedStyle(cell).lineHeight) || 20"
    )
    # Short cells (操作, 状态, names) stay on one line: no one character a line.
    assert all(height < 2.5 * line for text, height in cells if len(text) < 12), cells
    shot(page, "item10-review-page-390")
