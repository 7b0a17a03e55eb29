"""What staff hit every day at the desk (#18 items 1–9), through the test client:
a submission that saves the form first, the desk's links, the source line printed
once, the read-only view as the article reads, taking back a submission, people's
names, the reviewer's diff, schedules, the sign-off sheet and photos."""

import datetime
import io

import pytest
from django.urls import reverse
from PIL import Image
from reversion.models import Version

from articles import services
from articles.editorial import checks
from articles.models import Article, SensitiveWord
from newsroom import roles
from tests.factories import ArticleFactory, BylineFactory, ReporterFactory
from tests.helpers import change_url, form_data, login, save_form

pytestmark = pytest.mark.django_db

S = Article.Status


@pytest.fixture
def reporter(make_user):
    user = make_user(roles.REPORTER, "jingjing")
    ReporterFactory(name="景静", user=user)
    return user


@pytest.fixture
def editor(make_user):
    return make_user(roles.EDITOR, "zhiban", last_name="王", first_name="值班")


def draft(author, **fields):
    return ArticleFactory(status=S.DRAFT, author=author, published_at=None, **fields)


# 1. 送审 takes what is in the form


def test_submitting_from_the_form_saves_the_unsaved_edit_first(reporter):
    article = draft(reporter, body="<p>旧的正文。</p>")
    client = login(reporter)
    data = form_data(client.get(change_url(article)))
    data.update(body="<p>刚改好、还没保存的正文。</p>", _workflow="submit")

    response = client.post(change_url(article), data, follow=True)

    article.refresh_from_db()
    assert article.status == S.IN_REVIEW
    assert "刚改好、还没保存的正文" in article.body
    assert "已保存，已送审" in response.content.decode()


def test_a_form_with_errors_is_neither_saved_nor_submitted(reporter):
    article = draft(reporter)
    client = login(reporter)
    data = form_data(client.get(change_url(article)))
    data.update(title="", _workflow="submit")

    response = client.post(change_url(article), data)

    assert response.status_code == 200  # the form again, with its error
    article.refresh_from_db()
    assert article.status == S.DRAFT


def test_the_submit_button_belongs_to_the_article_form(reporter):
    html = login(reporter).get(change_url(draft(reporter))).content.decode()

    assert 'form="article_form"' in html
    assert 'name="_workflow" value="submit"' in html


# 2. The desk's pages are linked where editors look


def test_the_article_list_and_the_queue_link_the_desk_pages(editor):
    client = login(editor)
    listing = client.get(reverse("admin:articles_article_changelist")).content
    queue = client.get(reverse("admin:articles_reviewqueue_changelist")).content

    for url in [
        reverse("admin:articles_article_import"),
        reverse("admin:articles_reviewqueue_changelist"),
        reverse("admin:articles_article_recoverlist"),
        reverse("admin:articles_sensitiveword_changelist"),
    ]:
        assert f'href="{url}"'.encode() in listing, url
    assert f'href="{reverse("admin:articles_article_import")}"'.encode() in queue
    # Django's own titles: "选择 稿件 来修改", "选择 待审稿件 来查看".
    assert "来修改".encode() not in listing
    assert "来查看".encode() not in queue


def test_a_reporter_is_not_shown_the_editors_pages(reporter):
    listing = login(reporter).get(reverse("admin:articles_article_changelist"))

    assert reverse("admin:articles_article_import").encode() not in listing.content
    assert b"reviewqueue" not in listing.content


# 3. 本报讯 once


@pytest.mark.parametrize(
    "body",
    [
        "<p>本报讯（记者 景静）区里召开会议。</p>",
        "<p>\u3000\u3000本报讯（记者 景静）区里召开会议。</p>",
        "<p>&nbsp;本报讯 区里召开会议。</p>",
        "<p><strong>本报讯</strong>　区里召开会议。</p>",
        "<p>【本报讯】区里召开会议。</p>",
    ],
)
def test_the_source_line_is_printed_once(client, body):
    article = ArticleFactory(body=body, source="本报讯")

    html = client.get(article.get_absolute_url()).content.decode()

    body_html = html.split('class="article__body"', 1)[1].split("</div>", 1)[0]
    assert body_html.count("本报讯") == 1


def test_a_body_without_the_source_gets_it_once(client):
    article = ArticleFactory(body="<p>区里召开会议。</p>", source="本报讯")

    html = client.get(article.get_absolute_url()).content.decode()

    assert '<span class="article__source">本报讯</span>　区里召开会议。' in html


def test_the_form_warns_when_the_body_repeats_the_source(reporter):
    article = draft(reporter, body="<p>\u3000\u3000本报讯 区里召开会议。</p>")

    html = login(reporter).get(change_url(article)).content.decode()

    assert "正文开头已有电头“本报讯”" in html


# 4. Read-only means readable


def test_a_reporter_reads_a_submitted_article_as_it_reads(reporter, tmp_path):
    article = draft(reporter, body="<p>第一段。</p><p>第二段。</p>")
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "teal").save(buffer, "JPEG")
    article.image.save("lead.jpg", io.BytesIO(buffer.getvalue()))
    services.article_submit(article=article, actor=reporter)

    html = login(reporter).get(change_url(article)).content.decode()

    assert "&lt;p&gt;" not in html
    assert "第一段。</p><p>第二段。</p>" in html
    assert "查看稿件" in html  # not Django's "查看 稿件"
    assert f'<img src="{article.image.url}"' in html
    assert f">{article.image.name}<" not in html  # no bare file path


# 5. Taking back a submission; drafts that carry one's byline


def test_the_author_takes_back_a_submission_from_the_desk(reporter, editor):
    article = draft(reporter)
    services.article_submit(article=article, actor=reporter)
    client = login(reporter)
    assert "撤回送审" in client.get(change_url(article)).content.decode()
    assert "撤回送审" not in login(editor).get(change_url(article)).content.decode()

    client.post(reverse("admin:articles_article_workflow", args=[article.pk, "recall"]))

    article.refresh_from_db()
    assert article.status == S.DRAFT


def test_a_reporter_sees_imported_drafts_that_carry_their_byline(reporter, editor):
    profile = reporter.reporter
    imported = draft(editor, title="导入的稿件")
    BylineFactory(article=imported, reporter=profile)
    other = draft(editor, title="别人的导入稿件")
    BylineFactory(article=other, reporter=ReporterFactory(name="朱翔宇"))
    client = login(reporter)

    listing = client.get(reverse("admin:articles_article_changelist")).content.decode()

    assert "导入的稿件" in listing
    assert "别人的导入稿件" not in listing
    assert client.get(change_url(imported)).status_code == 200
    # Seeing is not editing: the editor who imported it is still its 创建人.
    save_form(client, imported, title="改标题")
    imported.refresh_from_db()
    assert imported.title == "导入的稿件"


# 6. People's names, Chinese, no empty tables


def test_people_are_named_not_shown_by_login(reporter, editor):
    article = draft(reporter)
    services.article_submit(article=article, actor=reporter)
    services.article_return(article=article, actor=editor, comment="请补充")
    client = login(editor)

    page = client.get(change_url(article)).content.decode()
    sheet = client.get(reverse("admin:articles_article_signoff", args=[article.pk]))
    listing = client.get(reverse("admin:articles_article_changelist"))

    assert [log.actor_name for log in article.review_logs.all()] == ["景静", "王值班"]
    assert ">王值班<" in page
    assert "<td>景静</td>" in sheet.content.decode()
    assert "jingjing" not in listing.content.decode()
    assert "景静" in listing.content.decode()


def test_a_refused_stale_save_names_who_saved(reporter, editor):
    article = draft(reporter)
    client = login(reporter)
    data = form_data(client.get(change_url(article)))
    save_form(login(editor), article, title="编辑改过")
    data.update(title="记者改的")

    html = client.post(change_url(article), data).content.decode()

    assert "保存失败：王值班 已于" in html


def test_a_draft_has_no_empty_corrections_table(reporter, editor):
    html = login(editor).get(change_url(draft(reporter))).content.decode()
    assert "更正说明（已公开显示）" not in html

    published = ArticleFactory(author=reporter)
    html = login(editor).get(change_url(published)).content.decode()
    assert "更正说明（已公开显示）" in html


def test_the_diff_never_wraps_the_field_names(editor):
    article = draft(editor, title="旧标题")
    save_form(login(editor), article, title="旧标题")
    version = Version.objects.get_for_object(article).first()
    save_form(login(editor), article, title="新标题")
    url = reverse("admin:articles_article_revision", args=[article.pk, version.pk])

    html = login(editor).get(url).content.decode()

    assert '<th scope="row" class="desk-nowrap">主题</th>' in html


def test_check_excerpts_show_spaces_not_entities():
    SensitiveWord.objects.create(word="某某词", level=SensitiveWord.Level.CAUTION)

    findings = checks.check_text(
        "前文&nbsp;&nbsp;某某词\xa0后文", datetime.date(2026, 12, 1)
    )

    excerpt = next(f.excerpt for f in findings if "某某词" in f.excerpt)
    assert "&nbsp" not in excerpt and "\xa0" not in excerpt
    assert "  某某词 后文" in excerpt


# 7. Reviewing


def test_the_review_page_shows_what_changed_since_the_last_submission(reporter, editor):
    article = draft(reporter, title="座谈会", body="<p>共有企业参加。</p>")
    services.article_submit(article=article, actor=reporter)
    services.article_return(article=article, actor=editor, comment="请补充数量")
    save_form(login(reporter), article, body="<p>共有32家企业参加。</p>")
    article.refresh_from_db()
    services.article_submit(article=article, actor=reporter)

    html = login(editor).get(change_url(article)).content.decode()

    assert "与上次送审" in html
    assert "<ins>32家</ins>" in html


def test_a_first_submission_shows_no_diff(reporter, editor):
    article = draft(reporter)
    services.article_submit(article=article, actor=reporter)

    assert "与上次送审" not in login(editor).get(change_url(article)).content.decode()


def test_scheduling_says_what_it_does_and_can_be_cancelled(
    reporter, editor, time_machine
):
    time_machine.move_to(datetime.datetime(2026, 12, 1, 1, tzinfo=datetime.UTC))
    article = draft(reporter)
    article.published_at = datetime.datetime(2026, 12, 2, 0, 30, tzinfo=datetime.UTC)
    article.save()
    services.article_submit(article=article, actor=reporter)
    client = login(editor)

    assert (
        "通过并定时签发（2026-12-02 08:30）"
        in client.get(change_url(article)).content.decode()
    )
    services.article_approve(article=article, actor=editor)
    html = client.get(change_url(article)).content.decode()
    assert "定时签发：将于 2026-12-02 08:30 自动发布" in html
    assert "取消定时签发" in html

    client.post(
        reverse("admin:articles_article_workflow", args=[article.pk, "unschedule"])
    )

    article.refresh_from_db()
    assert (article.status, article.published_at) == (S.IN_REVIEW, None)


def test_withdrawing_asks_first(editor):
    html = login(editor).get(change_url(ArticleFactory())).content.decode()

    assert 'data-confirm="确定撤稿吗？' in html


def test_the_signoff_sheet_has_a_box_per_level_and_the_text(settings, reporter, editor):
    settings.REVIEW_LEVELS = 3
    article = draft(reporter, body="<p>审签单上的正文。</p>")
    services.article_submit(article=article, actor=reporter)
    services.article_approve(article=article, actor=editor, comment="同意")

    html = (
        login(editor)
        .get(reverse("admin:articles_article_signoff", args=[article.pk]))
        .content.decode()
    )

    assert html.count('class="signoff__signature"') == 3
    assert '<span class="signoff__signed">王值班</span>' in html
    assert "审签单上的正文。</p>" in html


# 9. Photos


def test_pasted_local_pictures_are_reported(reporter):
    article = draft(reporter)
    client = login(reporter)
    data = form_data(client.get(change_url(article)))
    data.update(body='<p>正文</p><img src="file:///C:/Users/a/photo.jpg">')

    response = client.post(change_url(article), {**data, "_continue": "1"}, follow=True)

    assert "1 张本机图片" in response.content.decode()


def test_an_oversized_body_picture_is_made_smaller(reporter, settings):
    settings.MAX_IMAGE_UPLOAD_BYTES = 30_000
    buffer = io.BytesIO()
    Image.effect_noise((800, 600), 60).convert("RGB").save(buffer, "JPEG", quality=95)
    buffer.name = "camera.jpg"
    buffer.seek(0)
    assert len(buffer.getvalue()) > 30_000

    response = login(reporter).post(
        reverse("admin:articles_article_upload_image"), {"image": buffer}
    )

    assert response.status_code == 200
    stored = response.json()["url"].removeprefix(settings.MEDIA_URL)
    path = settings.MEDIA_ROOT / stored
    assert path.stat().st_size <= 30_000
    with Image.open(path) as image:
        assert image.format == "JPEG"
        assert image.width < 800


def test_the_reporter_list_names_the_account(editor, make_user):
    ReporterFactory(name="王值班", user=editor)

    html = login(editor).get(reverse("admin:people_reporter_changelist")).content

    assert "王值班（zhiban）" in html.decode()
