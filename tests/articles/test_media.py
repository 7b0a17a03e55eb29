"""The media library: every uploaded image a record, searchable, its uses found
in bodies and lead images, unused ones found, bulk upload, deleting only the
unused."""

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles.models import Article, MediaImage
from newsroom import roles
from tests.factories import ArticleFactory
from tests.helpers import login, png_file

pytestmark = pytest.mark.django_db
LIBRARY = reverse("admin:articles_mediaimage_changelist")
UPLOAD = reverse("admin:articles_mediaimage_upload")


@pytest.fixture
def reporter(make_user):
    return make_user(roles.REPORTER, "jing", first_name="景静")


@pytest.fixture
def editor(make_user):
    return make_user(roles.EDITOR, "editor")


def stored(name="library/2026/12/a.png", **fields):
    path = default_storage.save(name, png_file())
    return MediaImage.objects.create(file=path, **fields)


def test_an_image_uploaded_in_the_editor_becomes_a_record(reporter):
    response = login(reporter).post(
        reverse("admin:articles_article_upload_image"),
        {"image": png_file(), "caption": "秋收现场", "alt": "农民在田间收割玉米"},
    )
    url = response.json()["url"]
    image = MediaImage.objects.get()
    assert image.file.url == url
    assert (image.caption, image.alt, image.uploaded_by) == (
        "秋收现场",
        "农民在田间收割玉米",
        reporter,
    )


def test_uses_are_found_in_bodies_and_lead_images(reporter):
    in_body, as_lead, unused = stored(), stored(), stored()
    article = ArticleFactory(
        status=Article.Status.DRAFT,
        body=f'<figure><img src="{in_body.file.url}" alt="x"></figure>',
    )
    ArticleFactory(image=as_lead.file.name)

    assert list(in_body.used_in()) == [article]
    assert as_lead.used_in().count() == 1
    assert list(MediaImage.objects.unused()) == [unused]


def test_the_library_lists_searches_and_finds_the_unused(reporter):
    used = stored(caption="区长调研老旧小区", credit="记者 景静 摄")
    stored(caption="秋粮收购")
    ArticleFactory(body=f'<p><img src="{used.file.url}" alt="x"></p>')
    client = login(reporter)

    assert client.get(LIBRARY).context["cl"].result_count == 2
    found = client.get(LIBRARY, {"q": "景静"}).context["cl"]
    assert [i.caption for i in found.result_list] == ["区长调研老旧小区"]
    unused = client.get(LIBRARY, {"use": "unused"}).context["cl"]
    assert [i.caption for i in unused.result_list] == ["秋粮收购"]


def test_the_editor_searches_the_library_to_reuse_an_image(reporter):
    stored(caption="区长调研老旧小区", alt="区长与居民交谈")
    stored(caption="秋粮收购")
    results = (
        login(reporter)
        .get(reverse("admin:articles_article_media_search"), {"q": "老旧"})
        .json()["results"]
    )
    assert [(r["caption"], r["alt"]) for r in results] == [
        ("区长调研老旧小区", "区长与居民交谈")
    ]


def test_bulk_upload_keeps_the_good_and_names_the_bad(reporter):
    bad = SimpleUploadedFile("notes.png", b"not a picture", content_type="image/png")
    response = login(reporter).post(
        UPLOAD,
        {
            "images": [
                png_file("一.png"),
                png_file("二.jpg", image_format="JPEG"),
                bad,
            ],
            "caption": "秋收",
            "credit": "记者 景静 摄",
        },
        follow=True,
    )
    assert MediaImage.objects.count() == 2
    assert set(MediaImage.objects.values_list("credit", flat=True)) == {"记者 景静 摄"}
    assert all(i.uploaded_by == reporter for i in MediaImage.objects.all())
    said = [str(m) for m in response.context["messages"]]
    assert any(m.startswith("notes.png：") for m in said)
    assert "已上传 2 张图片。" in said


def test_only_an_unused_image_may_be_deleted_and_its_file_goes_too(editor):
    used, unused = stored(), stored()
    ArticleFactory(body=f'<p><img src="{used.file.url}" alt="x"></p>')
    client = login(editor)
    for image in (used, unused):
        client.post(
            reverse("admin:articles_mediaimage_delete", args=[image.pk]),
            {"post": "yes"},
        )
    assert list(MediaImage.objects.all()) == [used]
    assert not default_storage.exists(unused.file.name)


def test_a_reporter_may_not_delete(reporter):
    image = stored()
    login(reporter).post(
        reverse("admin:articles_mediaimage_delete", args=[image.pk]), {"post": "yes"}
    )
    assert MediaImage.objects.filter(pk=image.pk).exists()


def test_the_image_page_names_the_articles_that_use_it(reporter):
    image = stored(caption="秋收")
    ArticleFactory(title="秋粮收购过半", body=f'<img src="{image.file.url}" alt="x">')
    page = login(reporter).get(
        reverse("admin:articles_mediaimage_change", args=[image.pk])
    )
    assert "《秋粮收购过半》" in page.content.decode()


def test_bad_input_never_gives_an_error_page(reporter):
    client = login(reporter)
    assert client.post(UPLOAD, {"caption": "x" * 400}).status_code == 200
    assert client.post(UPLOAD, {}).status_code in (200, 302)
    assert client.get(LIBRARY, {"use": "??"}).status_code == 200
    search = reverse("admin:articles_article_media_search")
    assert client.get(search, {"q": "%_\\"}).status_code == 200


LEAD_FORM = {
    "title": "有题图的稿件",
    "source": "本报讯",
    "body": "<p>正文。</p>",
    "image_caption": "区长走访企业",
    "page_order": "0",
    **{f"bylines-{k}": v for k, v in [("TOTAL_FORMS", "0"), ("INITIAL_FORMS", "0"),
       ("MIN_NUM_FORMS", "0"), ("MAX_NUM_FORMS", "1000")]},
}  # fmt: skip


def test_a_lead_image_joins_the_library_and_counts_as_used(reporter):
    response = login(reporter).post(
        reverse("admin:articles_article_add"), {**LEAD_FORM, "image": png_file()}
    )
    assert response.status_code == 302
    article = Article.objects.get(title="有题图的稿件")
    image = MediaImage.objects.get()
    assert image.file.name == article.image.name
    assert (image.caption, image.uploaded_by) == ("区长走访企业", reporter)
    assert list(image.used_in()) == [article]
