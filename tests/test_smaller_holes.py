"""The smaller holes an attacker or a careless insider found (#13, item 8)."""

import io
import smtplib

import pytest
from django.core.files.storage import default_storage
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import CommandError, call_command
from django.urls import reverse
from PIL import Image

from articles import services
from articles.models import Article, SensitiveWord
from newsroom import roles
from people.models import Official
from tests.factories import ArticleFactory
from tests.helpers import form_data, login

pytestmark = pytest.mark.django_db
S = Article.Status


def test_a_blocked_word_hidden_by_invisible_characters_still_blocks(make_user):
    SensitiveWord.objects.create(word="内部消息", level=SensitiveWord.Level.BLOCK)
    editor = make_user(roles.EDITOR, "editor")
    for hidden in [
        "内\u200b部消息",
        "内部\u2060消息",
        "内\ufeff部\u00ad消息",
        "内部消\ufe0f息",
    ]:
        article = ArticleFactory(status=S.IN_REVIEW, body=f"<p>据{hidden}透露。</p>")
        with pytest.raises(services.WorkflowError, match="内部消息"):
            services.article_approve(article=article, actor=editor)


def test_an_oversized_body_is_a_form_error(make_user, settings):
    settings.MAX_BODY_CHARACTERS = 50_000
    client = login(make_user(roles.REPORTER, "reporter"))
    url = reverse("admin:articles_article_add")
    data = form_data(client.get(url))
    data.update(title="超长的稿件", body="<p>" + "字" * 60_000 + "</p>")

    response = client.post(url, data)

    assert response.status_code == 200
    assert "正文过长" in response.content.decode()
    assert not Article.objects.filter(title="超长的稿件").exists()


@pytest.mark.parametrize(
    "query",
    ["title__regex=(a%2B)%2B%24", "status__iregex=.*", "author__username__regex=^a"],
)
def test_regex_lookups_in_admin_query_strings_are_refused(make_user, query):
    client = login(make_user(roles.EDITOR, "editor"))
    response = client.get(f"/admin/articles/article/?{query}")
    assert response.status_code == 400


def test_the_staff_preview_runs_under_the_public_policy(make_user):
    article = ArticleFactory(status=S.DRAFT)
    client = login(make_user(roles.EDITOR, "editor"))

    response = client.get(reverse("admin:articles_article_preview", args=[article.pk]))

    policy = response["Content-Security-Policy"]
    assert response.status_code == 200
    assert "unsafe-inline" not in policy
    change = client.get(reverse("admin:articles_article_change", args=[article.pk]))
    assert "unsafe-inline" in change["Content-Security-Policy"]  # the admin itself


def jpeg_with_metadata():
    image = Image.new("RGB", (60, 80), (120, 40, 40))
    exif = Image.Exif()
    exif[0x010F] = "秘密相机"  # Make
    exif[0x8825] = {2: (34, 45, 0)}  # GPS
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    buffer.name = "../../leader.jpg"
    buffer.seek(0)
    return buffer


def test_a_leaders_photo_is_re_encoded_without_its_metadata(make_user):
    client = login(make_user(roles.SITE_ADMIN, "sysadmin"))
    url = reverse("admin:people_official_add")
    data = form_data(client.get(url), form_id="official_form")
    data.update(name="樊慧林", slug="fan", photo=jpeg_with_metadata())
    data = {k: v for k, v in data.items() if not k.startswith("positions-")}
    data.update({"positions-TOTAL_FORMS": "0", "positions-INITIAL_FORMS": "0"})

    response = client.post(url, data)

    assert response.status_code == 302, response.content.decode()[:2000]
    official = Official.objects.get(slug="fan")
    assert ".." not in official.photo.name and "leader" not in official.photo.name
    with default_storage.open(official.photo.name) as stored:
        reopened = Image.open(stored)
        assert not reopened.getexif()


def test_a_leaders_photo_that_is_not_an_image_is_refused(make_user):
    client = login(make_user(roles.SITE_ADMIN, "sysadmin"))
    url = reverse("admin:people_official_add")
    fake = io.BytesIO(b"<?php system($_GET['c']); ?>")
    fake.name = "photo.jpg"
    data = form_data(client.get(url), form_id="official_form")
    data = {k: v for k, v in data.items() if not k.startswith("positions-")}
    data.update(name="某人", slug="mou", photo=fake)
    data.update({"positions-TOTAL_FORMS": "0", "positions-INITIAL_FORMS": "0"})

    response = client.post(url, data)

    assert response.status_code == 200
    assert not Official.objects.filter(slug="mou").exists()


class FailingBackend(BaseEmailBackend):
    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("邮件服务器不可用")


def test_a_mail_server_outage_does_not_break_a_committed_submit(
    make_user, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.test_smaller_holes.FailingBackend"
    reporter = make_user(roles.REPORTER, "reporter")
    make_user(roles.EDITOR, "editor")  # someone to tell
    article = ArticleFactory(status=S.DRAFT, author=reporter)
    client = login(reporter)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:articles_article_workflow", args=[article.pk, "submit"])
        )

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == S.IN_REVIEW


def test_the_demo_is_not_loaded_with_debug_off(settings, django_user_model):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--force"):
        call_command("load_demo", stdout=io.StringIO())
    assert not django_user_model.objects.filter(is_superuser=True).exists()
