"""The anonymous page cache: what it serves, and every way it is emptied."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from articles import services
from articles.models import Article
from newsroom import roles
from tests.factories import ArticleFactory, PositionFactory

pytestmark = pytest.mark.django_db
UTC = datetime.UTC


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PUBLIC_PAGE_CACHE = True


@pytest.fixture
def staff(make_user):
    return {
        "reporter": make_user(roles.REPORTER, "cache-reporter"),
        "editor": make_user(roles.EDITOR, "cache-editor"),
    }


def get(client, url="/"):
    response = client.get(url)
    assert response.status_code == 200
    return response


def test_second_anonymous_request_is_served_from_the_cache(client):
    ArticleFactory(title="缓存的稿件")
    first = get(client)
    second = get(client)

    assert first["X-Cache"] == "miss"
    assert second["X-Cache"] == "hit"
    assert "缓存的稿件" in second.content.decode()


def test_publishing_empties_the_cache(client, commit, staff):
    ArticleFactory(title="旧稿件")
    draft = ArticleFactory(title="新签发的稿件", status="in_review", published_at=None)
    get(client)
    assert "新签发的稿件" not in get(client).content.decode()

    commit(lambda: services.article_approve(article=draft, actor=staff["editor"]))

    assert "新签发的稿件" in get(client).content.decode()


def test_editing_empties_the_cache(client, commit):
    article = ArticleFactory(title="原来的标题")
    get(client, article.get_absolute_url())

    def edit():
        article.title = "改过的标题"
        article.save()

    commit(edit)
    assert "改过的标题" in get(client, article.get_absolute_url()).content.decode()


def test_withdrawing_empties_the_cache(client, commit, staff):
    article = ArticleFactory(title="要撤下的稿件")
    assert "要撤下的稿件" in get(client).content.decode()

    commit(
        lambda: services.article_withdraw(
            article=article, actor=staff["editor"], reason="错误"
        )
    )

    assert "要撤下的稿件" not in get(client).content.decode()
    assert client.get(article.get_absolute_url()).status_code == 404


def test_a_leaders_new_title_empties_the_cache(client, commit):
    position = PositionFactory(official__name="王潜", title="副区长", rank=60)
    assert "副区长" in get(client, "/officials/").content.decode()

    def promote():
        position.title = "区委常委、常务副区长"
        position.save()

    commit(promote)
    assert "常务副区长" in get(client, "/officials/").content.decode()


def test_a_scheduled_article_appears_when_its_time_comes_without_any_write(
    client, time_machine
):
    now = datetime.datetime(2024, 5, 1, 8, tzinfo=UTC)
    time_machine.move_to(now, tick=False)
    ArticleFactory(title="早已发布")
    ArticleFactory(
        title="定时发布的稿件", published_at=now + datetime.timedelta(minutes=5)
    )
    assert "定时发布的稿件" not in get(client).content.decode()
    assert get(client)["X-Cache"] == "hit"

    time_machine.move_to(now + datetime.timedelta(minutes=5, seconds=1), tick=False)

    response = get(client)
    assert response["X-Cache"] == "miss"
    assert "定时发布的稿件" in response.content.decode()


def test_logged_in_pages_and_staff_previews_are_never_cached(client, staff):
    article = ArticleFactory(title="草稿预览", status="draft", author=staff["reporter"])
    ArticleFactory(title="公开稿件")
    logged_in = Client()
    logged_in.force_login(staff["reporter"])

    for _ in range(2):
        page = logged_in.get("/")
        assert "X-Cache" not in page
        preview = logged_in.get(
            reverse("admin:articles_article_preview", args=[article.pk])
        )
        assert "X-Cache" not in preview
        assert "草稿预览" in preview.content.decode()
    # The anonymous cache never holds the preview either.
    assert "草稿预览" not in get(client).content.decode()


def test_a_cached_page_keeps_its_security_headers(client):
    ArticleFactory()
    get(client)
    hit = get(client)
    assert hit["X-Cache"] == "hit"
    assert hit["X-Frame-Options"] == "DENY"
    assert hit["Content-Type"] == "text/html; charset=utf-8"


def test_large_text_mode_has_its_own_cached_copy(client):
    ArticleFactory()
    normal = get(client)
    client.cookies["display"] = "large"
    large = get(client)

    assert 'class="large-text"' in large.content.decode()
    assert 'class="large-text"' not in normal.content.decode()


def test_not_found_pages_are_not_cached(client, commit):
    assert client.get("/officials/someone/").status_code == 404
    commit(lambda: PositionFactory(official__name="新领导", official__slug="someone"))
    assert client.get("/officials/someone/").status_code == 200


def test_cache_off_serves_everything_fresh(client, settings):
    settings.PUBLIC_PAGE_CACHE = False
    ArticleFactory()
    assert "X-Cache" not in get(client)
    assert Article.objects.exists()
