import io
import json

import pytest
from django.core.files.storage import default_storage
from django.test import Client
from django.urls import reverse
from PIL import Image
from reversion.models import Version

from articles import services
from articles.models import Article, ArticleAutosave, Correction, ReviewLog
from newsroom import roles
from tests.factories import ArticleFactory, ReporterFactory
from tests.helpers import change_url, form_data, login, png_file, save_form

pytestmark = pytest.mark.django_db

S = Article.Status


@pytest.fixture
def reporter(make_user):
    return make_user(roles.REPORTER, "reporter", first_name="景静")


@pytest.fixture
def editor(make_user):
    return make_user(roles.EDITOR, "editor", first_name="值班编辑")


def test_reporter_sees_and_edits_only_their_own_articles(reporter, make_user):
    other = make_user(roles.REPORTER, "other")
    mine = ArticleFactory(title="我的稿件", author=reporter, status=S.DRAFT)
    theirs = ArticleFactory(title="别人的稿件", author=other, status=S.DRAFT)
    client = login(reporter)

    listing = client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert "我的稿件" in listing
    assert "别人的稿件" not in listing
    assert client.get(change_url(mine)).status_code == 200
    assert client.get(change_url(theirs)).status_code == 302  # "does not exist"
    response = client.post(change_url(theirs), {"title": "篡改"})
    theirs.refresh_from_db()
    assert theirs.title == "别人的稿件"
    assert response.status_code in (302, 403)


def test_reporter_cannot_see_the_review_queue(reporter, editor):
    queue = reverse("admin:articles_reviewqueue_changelist")

    assert login(reporter).get(queue).status_code == 403
    assert login(editor).get(queue).status_code == 200


def test_review_queue_lists_submitted_articles_oldest_first(reporter, editor):
    first = ArticleFactory(title="先送审", author=reporter, status=S.DRAFT)
    second = ArticleFactory(title="后送审", author=reporter, status=S.DRAFT)
    ArticleFactory(title="仍是草稿", author=reporter, status=S.DRAFT)
    services.article_submit(article=first, actor=reporter)
    services.article_submit(article=second, actor=reporter)

    response = login(editor).get(reverse("admin:articles_reviewqueue_changelist"))

    titles = [a.title for a in response.context["cl"].result_list]
    assert titles == ["先送审", "后送审"]


def test_status_publication_time_and_author_cannot_be_set_through_the_form(
    reporter, editor
):
    article = ArticleFactory(
        title="草稿", author=reporter, status=S.DRAFT, published_at=None
    )
    client = login(reporter)

    response = save_form(
        client,
        article,
        title="改过的草稿",
        status="published",
        published_at_0="2020-01-01",
        published_at_1="08:00:00",
        author=str(editor.pk),
        featured="on",
        review_level="3",
        lock_version="99",
    )

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "改过的草稿"
    assert (article.status, article.published_at, article.author) == (
        S.DRAFT,
        None,
        reporter,
    )
    assert not article.featured
    assert article.review_level == 0


def test_reporter_cannot_edit_an_article_in_review(reporter):
    article = ArticleFactory(title="送审中", author=reporter, status=S.DRAFT)
    services.article_submit(article=article, actor=reporter)
    client = login(reporter)

    page = client.get(change_url(article))
    assert page.status_code == 200
    assert not page.context["has_change_permission"]  # read-only view
    response = client.post(change_url(article), {"title": "偷偷修改"})
    assert response.status_code == 403
    article.refresh_from_db()
    assert article.title == "送审中"


def test_workflow_buttons_shown_are_those_the_user_may_press(reporter, editor):
    article = ArticleFactory(author=reporter, status=S.DRAFT)

    reporter_page = login(reporter).get(change_url(article)).content.decode()
    # 送审 belongs to the article form, which it saves first.
    assert 'name="_workflow" value="submit"' in reporter_page
    assert "/workflow/approve/" not in reporter_page

    services.article_submit(article=article, actor=reporter)
    editor_page = login(editor).get(change_url(article)).content.decode()
    assert "/workflow/approve/" in editor_page
    assert "/workflow/return/" in editor_page
    assert "/workflow/submit/" not in editor_page
    assert 'value="submit"' not in editor_page
    assert "送审" in editor_page  # the review log


def test_return_through_the_button_needs_a_comment_and_shows_it(reporter, editor):
    article = ArticleFactory(author=reporter, status=S.DRAFT)
    services.article_submit(article=article, actor=reporter)
    client = login(editor)
    url = reverse("admin:articles_article_workflow", args=[article.pk, "return"])

    refused = client.post(url, {"comment": ""}, follow=True)
    assert "请填写退回意见" in refused.content.decode()
    article.refresh_from_db()
    assert article.status == S.IN_REVIEW

    client.post(url, {"comment": "请核实会议时间"})
    article.refresh_from_db()
    assert article.status == S.RETURNED
    assert "请核实会议时间" in login(reporter).get(change_url(article)).content.decode()


def test_a_stale_save_is_refused_and_both_edits_are_kept(editor, make_user):
    other_editor = make_user(roles.EDITOR, "editor2", first_name="另一位编辑")
    article = ArticleFactory(title="原标题", author=editor, status=S.DRAFT)
    first, second = login(editor), login(other_editor)
    first_form = form_data(first.get(change_url(article)))
    second_form = form_data(second.get(change_url(article)))

    first_form["title"] = "第一位编辑的标题"
    assert first.post(change_url(article), first_form).status_code == 302
    second_form["title"] = "第二位编辑的标题"
    refused = second.post(change_url(article), second_form)

    assert refused.status_code == 200
    message = refused.content.decode()
    assert "editor" in message and "已于" in message and "保存" in message
    assert 'value="第二位编辑的标题"' in message  # still in the form
    article.refresh_from_db()
    assert article.title == "第一位编辑的标题"
    kept = ArticleAutosave.objects.get(user=other_editor, article=article)
    assert kept.data["title"] == "第二位编辑的标题"
    assert "第一位编辑的标题" in [
        v.field_dict["title"] for v in Version.objects.get_for_object(article)
    ]


def test_a_version_can_be_compared_and_restored(editor):
    article = ArticleFactory(title="第一版标题", author=editor, status=S.DRAFT)
    client = login(editor)
    save_form(client, article, title="第一版标题", body="<p>第一版正文</p>")
    save_form(client, article, title="第二版标题", body="<p>第二版正文</p>")
    versions = Version.objects.get_for_object(article)
    oldest = versions.last()
    url = reverse("admin:articles_article_revision", args=[article.pk, oldest.pk])

    compare = client.get(url).content.decode()
    # Past version → now, character by character.
    assert "第<ins>二</ins><del>一</del>版标题" in compare or (
        "第<del>一</del><ins>二</ins>版标题" in compare
    )

    assert client.post(url).status_code == 302
    article.refresh_from_db()
    assert article.title == "第一版标题"
    assert "第一版正文" in article.body
    assert article.status == S.DRAFT
    assert ReviewLog.objects.filter(article=article, action="restore").exists()
    assert versions.count() == 3


def test_restoring_a_published_article_is_a_correction_with_a_note(editor, reporter):
    article = ArticleFactory(title="旧标题", author=reporter)
    client = login(editor)
    save_form(client, article, title="旧标题", correction_note="初始")
    save_form(client, article, title="错误的新标题", correction_note="改标题")
    oldest = Version.objects.get_for_object(article).last()
    url = reverse("admin:articles_article_revision", args=[article.pk, oldest.pk])

    client.post(url, {"note": ""})
    article.refresh_from_db()
    assert article.title == "错误的新标题"

    client.post(url, {"note": "恢复原标题"})
    article.refresh_from_db()
    assert article.title == "旧标题"
    assert article.status == S.PUBLISHED
    assert Correction.objects.filter(article=article, note="恢复原标题").exists()


def test_deleted_article_is_recovered_with_its_history(editor, reporter):
    article = ArticleFactory(title="误删的稿件", author=reporter, status=S.DRAFT)
    ReporterFactory()
    client = login(editor)
    save_form(client, article, body="<p>要保住的正文</p>", tags=["生态环境"])
    services.article_submit(article=article, actor=editor)
    pk = article.pk

    client.post(reverse("admin:articles_article_delete", args=[pk]), {"post": "yes"})
    assert not Article.objects.filter(pk=pk).exists()
    assert ReviewLog.objects.filter(article_id=pk).count() == 1  # history survives

    recover_list = client.get(reverse("admin:articles_article_recoverlist"))
    assert "误删的稿件" in recover_list.content.decode()
    version = Version.objects.get_deleted(Article).get(object_id=str(pk))
    recover_url = reverse("admin:articles_article_recover", args=[version.pk])
    data = form_data(client.get(recover_url))
    assert client.post(recover_url, data).status_code == 302

    recovered = Article.objects.get(pk=pk)
    assert recovered.title == "误删的稿件"
    assert "要保住的正文" in recovered.body
    assert list(recovered.tags.names()) == ["生态环境"]
    assert recovered.status == S.DRAFT  # it was in review: it starts again
    logs = list(recovered.review_logs.order_by("pk"))
    assert [log.action for log in logs] == ["submit", "restore"]
    assert (logs[-1].from_status, logs[-1].to_status) == (S.IN_REVIEW, S.DRAFT)


def test_reporters_cannot_recover_deleted_articles(reporter):
    client = login(reporter)
    assert client.get(reverse("admin:articles_article_recoverlist")).status_code == 403


def test_correcting_a_published_article_shows_a_dated_note(editor, reporter, client):
    article = ArticleFactory(title="发布的稿件", author=reporter, body="<p>原文</p>")
    staff = login(editor)

    missing_note = save_form(staff, article, body="<p>改正后的原文</p>")
    assert missing_note.status_code == 200
    assert "请填写更正说明" in missing_note.content.decode()

    save_form(
        staff, article, body="<p>改正后的原文</p>", correction_note="更正了会议日期"
    )
    public = client.get(article.get_absolute_url()).content.decode()

    assert "改正后的原文" in public
    assert "更正说明" in public and "更正了会议日期" in public
    assert ReviewLog.objects.filter(article=article, action="correct").exists()


def test_staff_preview_shows_an_unpublished_article_and_is_never_cached(
    reporter, make_user, client
):
    article = ArticleFactory(title="未发布的预览", author=reporter, status=S.DRAFT)
    url = reverse("admin:articles_article_preview", args=[article.pk])

    response = login(reporter).get(url)
    assert response.status_code == 200
    assert "未发布的预览" in response.content.decode()
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]
    assert login(make_user(roles.REPORTER, "other")).get(url).status_code == 404
    assert client.get(url).status_code == 302
    assert client.get(article.get_absolute_url()).status_code == 404


def test_body_is_sanitized_when_saved_through_the_form(editor):
    article = ArticleFactory(author=editor, status=S.DRAFT)

    save_form(
        login(editor),
        article,
        body='<p onclick="steal()">正文</p><script>alert(1)</script>'
        "<img src=x onerror=alert(1)>",
    )

    article.refresh_from_db()
    assert "<p>正文</p>" in article.body
    for bad in ["script", "onclick", "onerror"]:
        assert bad not in article.body


class TestBodyImageUpload:
    url = reverse("admin:articles_article_upload_image")

    def test_a_real_image_is_stored_re_encoded_under_a_server_name(self, reporter):
        response = login(reporter).post(self.url, {"image": png_file("我的 照片.png")})

        assert response.status_code == 200
        url = response.json()["url"]
        assert url.startswith("/media/body/") and url.endswith(".png")
        assert "照片" not in url
        name = url.removeprefix("/media/")
        with default_storage.open(name) as stored:
            assert Image.open(stored).size == (40, 30)

    @pytest.mark.parametrize(
        ("upload", "message"),
        [
            (png_file("photo.jpg"), "扩展名"),
            (io.BytesIO(b"GIF89a not really"), "无法识别"),
            (png_file("photo.gif", image_format="GIF"), "JPEG"),
        ],
    )
    def test_bad_files_are_refused_with_a_message(self, reporter, upload, message):
        if not getattr(upload, "name", None):
            upload.name = "photo.png"

        response = login(reporter).post(self.url, {"image": upload})

        assert response.status_code == 400
        assert message in response.json()["error"]

    def test_oversized_and_overlarge_images_are_refused(self, reporter, settings):
        settings.MAX_IMAGE_PIXELS = 100
        response = login(reporter).post(self.url, {"image": png_file(size=(20, 20))})
        assert response.status_code == 400
        assert "尺寸过大" in response.json()["error"]

        settings.MAX_IMAGE_UPLOAD_BYTES = 10
        settings.MAX_IMAGE_HARD_BYTES = 10
        response = login(reporter).post(self.url, {"image": png_file()})
        assert "图片过大" in response.json()["error"]

    def test_upload_needs_a_staff_login_csrf_and_post(self, reporter, make_user):
        assert Client().post(self.url, {"image": png_file()}).status_code == 302
        strict = Client(enforce_csrf_checks=True)
        strict.force_login(reporter)
        assert strict.post(self.url, {"image": png_file()}).status_code == 403
        assert login(reporter).get(self.url).status_code == 405
        site_admin = login(make_user(roles.SITE_ADMIN, "siteadmin"))
        assert site_admin.post(self.url, {"image": png_file()}).status_code == 403


def test_lead_image_with_a_lying_extension_is_refused_in_the_form(reporter):
    article = ArticleFactory(author=reporter, status=S.DRAFT)
    client = login(reporter)
    data = form_data(client.get(change_url(article)))
    data["image"] = png_file("photo.jpg")

    response = client.post(change_url(article), data)

    assert response.status_code == 200
    assert "扩展名" in response.content.decode()
    article.refresh_from_db()
    assert not article.image


def autosaved_data(response):
    """The JSON the page's restore button puts back into the form."""
    html = response.content.decode()
    marker = 'id="desk-autosave-data" type="application/json">'
    start = html.index(marker) + len(marker)
    return json.loads(html[start : html.index("</script>", start)])


class TestAutosave:
    url = reverse("admin:articles_article_autosave")

    def post(self, client, payload):
        return client.post(
            self.url, json.dumps(payload), content_type="application/json"
        )

    def test_typing_is_kept_and_offered_back_until_the_form_is_saved(self, reporter):
        article = ArticleFactory(author=reporter, status=S.DRAFT, title="已保存的标题")
        client = login(reporter)

        response = self.post(
            client,
            {
                "article": article.pk,
                "data": {"title": "还没保存的标题", "body": "<p>写到一半</p>"},
            },
        )
        assert response.status_code == 200
        page = client.get(change_url(article))
        assert "自动保存但尚未提交" in page.content.decode()
        assert autosaved_data(page)["title"] == "还没保存的标题"

        save_form(client, article, title="已保存的标题")
        assert not ArticleAutosave.objects.filter(article=article).exists()

    def test_a_new_article_is_autosaved_too(self, reporter):
        client = login(reporter)
        self.post(client, {"article": None, "data": {"title": "新稿件的标题"}})

        page = client.get(reverse("admin:articles_article_add"))

        assert autosaved_data(page)["title"] == "新稿件的标题"

    def test_nobody_autosaves_into_an_article_they_cannot_edit(
        self, reporter, make_user
    ):
        article = ArticleFactory(author=reporter, status=S.DRAFT)
        other = login(make_user(roles.REPORTER, "other"))

        response = self.post(other, {"article": article.pk, "data": {"title": "x"}})

        assert response.status_code == 403
        assert not ArticleAutosave.objects.exists()

    def test_malformed_payload_is_refused(self, reporter):
        response = login(reporter).post(
            self.url, "{not json", content_type="application/json"
        )
        assert response.status_code == 400


def test_reporter_cannot_read_the_history_of_someone_elses_article(reporter, make_user):
    other = make_user(roles.REPORTER, "other")
    article = ArticleFactory(title="别人的稿件", author=other, status=S.DRAFT)
    save_form(login(other), article, title="别人的稿件")
    version = Version.objects.get_for_object(article).first()
    client = login(reporter)

    for url in [
        reverse("admin:articles_article_history", args=[article.pk]),
        reverse("admin:articles_article_revision", args=[article.pk, version.pk]),
        reverse("admin:articles_article_signoff", args=[article.pk]),
    ]:
        assert client.get(url).status_code == 404, url
    assert (
        client.post(
            reverse("admin:articles_article_revision", args=[article.pk, version.pk])
        ).status_code
        == 404
    )
