import io

import pytest
from django.test import Client
from django.urls import reverse
from PIL import Image
from taggit.models import Tag

from articles.models import Article
from tests.factories import (
    ArticleFactory,
    DepartmentFactory,
    OfficialFactory,
    PositionFactory,
    ReporterFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "model",
    [
        "articles.article",
        "people.department",
        "people.official",
        "people.position",
        "people.reporter",
        "taggit.tag",
    ],
)
def test_admin_list_add_and_change_pages_load_for_every_model(admin_client, model):
    position = PositionFactory(department=DepartmentFactory())
    objects = {
        "articles.article": ArticleFactory(tags=["民生"]),
        "people.department": position.department,
        "people.official": position.official,
        "people.position": position,
        "people.reporter": ReporterFactory(),
        "taggit.tag": Tag.objects.get(name="民生"),
    }
    app_label, model_name = model.split(".")
    obj = objects[model]

    for url in [
        reverse(f"admin:{app_label}_{model_name}_changelist"),
        reverse(f"admin:{app_label}_{model_name}_add"),
        reverse(f"admin:{app_label}_{model_name}_change", args=[obj.pk]),
    ]:
        response = admin_client.get(url)
        assert response.status_code == 200, url


def test_admin_is_in_chinese(admin_client):
    html = admin_client.get(
        reverse("admin:articles_article_changelist")
    ).content.decode()

    assert "稿件" in html
    assert "新建稿件" in html  # our catalog's, not Django's "增加 稿件"


def test_article_changelist_filters_by_status_department_and_official(admin_client):
    department = DepartmentFactory()
    official = OfficialFactory()
    tagged = ArticleFactory(title="部门领导稿件", status=Article.Status.DRAFT)
    tagged.departments.add(department)
    tagged.officials.add(official)
    ArticleFactory(title="别的稿件")
    url = reverse("admin:articles_article_changelist")

    for params in [
        {"status__exact": "draft"},
        {"departments__id__exact": department.pk},
        {"officials__id__exact": official.pk},
        {"q": "部门领导"},
    ]:
        response = admin_client.get(url, params)
        assert [a.title for a in response.context["cl"].result_list] == ["部门领导稿件"]


def article_form_data(**overrides):
    data = {
        "kicker": "",
        "title": "后台新建的稿件",
        "subtitle": "",
        "slug": "",
        "source": "本报讯",
        "summary": "",
        "body": "<p>正文第一段。</p><script>alert(1)</script>",
        "image_caption": "",
        "published_at_0": "",
        "published_at_1": "",
        "edition_date": "",
        "page_number": "",
        "page_name": "",
        "page_order": "0",
        "bylines-TOTAL_FORMS": "0",
        "bylines-INITIAL_FORMS": "0",
        "bylines-MIN_NUM_FORMS": "0",
        "bylines-MAX_NUM_FORMS": "1000",
        "corrections-TOTAL_FORMS": "0",
        "corrections-INITIAL_FORMS": "0",
        "corrections-MIN_NUM_FORMS": "0",
        "corrections-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return data


def test_article_is_created_with_bylines_in_order_tags_officials_and_departments(
    admin_client, superuser
):
    Tag.objects.create(name="招商引资", slug="招商引资")
    jing = ReporterFactory(name="景静")
    sun = ReporterFactory(name="孙扩龙", kind="correspondent")
    official = OfficialFactory()
    department = DepartmentFactory()
    data = article_form_data(
        tags=["招商引资", "新标签"],
        officials=[official.pk],
        departments=[department.pk],
        **{
            "bylines-TOTAL_FORMS": "2",
            "bylines-0-order": "1",
            "bylines-0-role": "correspondent",
            "bylines-0-reporter": sun.pk,
            "bylines-1-order": "0",
            "bylines-1-role": "reporter",
            "bylines-1-reporter": jing.pk,
        },
    )

    response = admin_client.post(reverse("admin:articles_article_add"), data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    article = Article.objects.get(title="后台新建的稿件")
    assert article.byline_text() == "记者 景静 通讯员 孙扩龙"
    assert sorted(article.tags.names()) == sorted(["招商引资", "新标签"])
    assert Tag.objects.filter(name="招商引资").count() == 1
    assert list(article.officials.all()) == [official]
    assert list(article.departments.all()) == [department]
    assert article.author == superuser
    assert "script" not in article.body


def test_article_change_form_shows_existing_tags_as_selected(admin_client):
    article = ArticleFactory(tags=["生态环境"])

    html = admin_client.get(
        reverse("admin:articles_article_change", args=[article.pk])
    ).content.decode()

    assert '<option value="生态环境" selected>生态环境</option>' in html
    assert 'data-tags="true"' in html


def test_tag_autocomplete_returns_matching_tag_names(admin_client):
    ArticleFactory(tags=["生态环境", "生态保护", "招商引资"])
    url = reverse("admin:articles_article_tag_autocomplete")

    response = admin_client.get(url, {"term": "生态"})

    names = [r["id"] for r in response.json()["results"]]
    assert sorted(names) == ["生态保护", "生态环境"]
    anonymous = Client().get(url, {"term": "生态"})
    assert anonymous.status_code == 302  # to the login page
    assert "生态" not in anonymous.content.decode()


def noise_png(name="big.png", size=(400, 400)):
    buffer = io.BytesIO()
    Image.effect_noise(size, 100).convert("RGB").save(buffer, "PNG")
    buffer.name = name
    buffer.seek(0)
    return buffer


def test_oversized_lead_image_is_scaled_down_not_refused(admin_client, settings):
    settings.MAX_IMAGE_UPLOAD_BYTES = 20_000
    upload = noise_png()
    assert len(upload.getvalue()) > 100_000

    response = admin_client.post(
        reverse("admin:articles_article_add"), article_form_data(image=upload)
    )

    assert response.status_code == 302
    article = Article.objects.get()
    assert article.image.size <= 20_000
    with Image.open(article.image) as stored:
        assert stored.format == "PNG"
        assert stored.width < 400


def test_a_lead_image_over_the_hard_limit_is_refused_with_a_clear_message(
    admin_client, settings
):
    settings.MAX_IMAGE_UPLOAD_BYTES = 1000
    settings.MAX_IMAGE_HARD_BYTES = 1000

    response = admin_client.post(
        reverse("admin:articles_article_add"), article_form_data(image=noise_png())
    )

    assert response.status_code == 200
    assert "图片过大" in response.content.decode()
    assert not Article.objects.exists()


def test_file_that_is_not_an_image_is_refused(admin_client):
    fake = io.BytesIO(b"not an image at all")
    fake.name = "photo.jpg"

    response = admin_client.post(
        reverse("admin:articles_article_add"), article_form_data(image=fake)
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["image"]
    assert not Article.objects.exists()


def test_slug_cannot_be_edited_once_the_article_is_published(admin_client):
    draft = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    public = ArticleFactory()

    def slug_is_editable(article):
        response = admin_client.get(
            reverse("admin:articles_article_change", args=[article.pk])
        )
        return "slug" in response.context["adminform"].form.fields

    assert slug_is_editable(draft)
    assert not slug_is_editable(public)


def test_official_admin_edits_positions_inline(admin_client):
    official = OfficialFactory(name="王潜")
    url = reverse("admin:people_official_change", args=[official.pk])
    data = {
        "name": "王潜",
        "slug": official.slug,
        "aliases": "",
        "bio": "",
        "positions-TOTAL_FORMS": "1",
        "positions-INITIAL_FORMS": "0",
        "positions-MIN_NUM_FORMS": "0",
        "positions-MAX_NUM_FORMS": "1000",
        "positions-0-title": "区委常委、副区长",
        "positions-0-department": "",
        "positions-0-rank": "60",
        "positions-0-start_date": "2023-01-01",
        "positions-0-end_date": "2022-01-01",
    }

    refused = admin_client.post(url, data)
    assert refused.status_code == 200
    assert "离任日期不能早于任职日期" in refused.content.decode()
    assert not official.positions.exists()

    data["positions-0-end_date"] = ""
    assert admin_client.post(url, data).status_code == 302
    assert official.current_title() == "区委常委、副区长"
