"""The desk's home page: per person, what waits for them, with counts and links
to lists that hold the same articles."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles import services
from articles.admin.home import home_sections
from articles.models import Article
from newsroom import roles
from tests.factories import ArticleFactory, BylineFactory, ReporterFactory
from tests.helpers import login

pytestmark = pytest.mark.django_db
S = Article.Status


def draft(author, **fields):
    return ArticleFactory(status=S.DRAFT, author=author, published_at=None, **fields)


def counts(user):
    return {s.key: s.count for s in home_sections(user)}


@pytest.fixture
def reporter(make_user):
    user = make_user(roles.REPORTER, "jing")
    ReporterFactory(name="景静", user=user)
    return user


@pytest.fixture
def editor(make_user):
    return make_user(roles.EDITOR, "editor")


def test_a_reporter_sees_only_their_own_articles(reporter, editor, make_user):
    other = make_user(roles.REPORTER, "other")
    draft(reporter, title="我的草稿")
    draft(other, title="别人的草稿")
    bylined = draft(editor, title="署我名的草稿")
    BylineFactory(article=bylined, reporter=reporter.reporter)
    returned = draft(reporter, title="被退回的")
    services.article_submit(article=returned, actor=reporter)
    services.article_return(article=returned, actor=editor, comment="补充数据")
    ArticleFactory(author=reporter, title="昨天发布的")
    ArticleFactory(author=other, title="别人发布的")
    ArticleFactory(
        author=reporter, published_at=timezone.now() - datetime.timedelta(days=30)
    )

    assert counts(reporter) == {
        "drafts": 2,
        "returned": 1,
        "scheduled": 0,
        "recent": 1,
    }


def test_an_editor_sees_what_waits_for_their_level(reporter, editor, settings):
    settings.REVIEW_LEVELS = 2
    waiting = draft(reporter, title="待初审")
    services.article_submit(article=waiting, actor=reporter)
    signed = draft(reporter, title="编辑已初审")
    services.article_submit(article=signed, actor=reporter)
    services.article_approve(article=signed, actor=editor)
    ArticleFactory(published_at=timezone.now() + datetime.timedelta(days=1))

    found = counts(editor)

    # The editor signed the first level of one; the second waits for a chief.
    assert found["awaiting"] == 1
    assert found["scheduled"] == 1
    section = next(s for s in home_sections(editor) if s.key == "awaiting")
    assert [a.title for a in section.articles] == ["待初审"]


def test_each_count_links_to_a_list_of_the_same_articles(reporter, editor):
    for n in range(3):
        draft(reporter, title=f"草稿{n}")
    ArticleFactory(title="本周发布")
    ArticleFactory(published_at=timezone.now() - datetime.timedelta(days=20))
    client = login(reporter)
    for section in home_sections(reporter):
        response = client.get(section.url)
        assert response.status_code == 200, section.key
        assert response.context["cl"].result_count == section.count, section.key
    editor_client = login(editor)
    for section in home_sections(editor):
        response = editor_client.get(section.url)
        assert response.status_code == 200, section.key
        assert response.context["cl"].result_count == section.count, section.key


def test_the_home_page_shows_counts_and_keeps_the_desk_links(reporter, editor):
    draft(reporter, title="我的草稿一")
    page = login(editor).get(reverse("admin:index")).content.decode()
    for link in ["审稿队列", "全部稿件", "定时待发", "导入版面", "待我审核"]:
        assert link in page
    page = login(reporter).get(reverse("admin:index")).content.decode()
    assert "我的草稿一" in page
    assert "待我审核" not in page
    assert "系统管理" not in page


def test_a_site_admin_keeps_the_model_list(make_user):
    admin = make_user(roles.SITE_ADMIN, "siteadmin")
    page = login(admin).get(reverse("admin:index")).content.decode()
    assert "系统管理" in page
    assert reverse("admin:auth_user_changelist") in page


def test_the_queue_filter_for_me_refuses_nothing_bad(editor):
    response = login(editor).get(
        reverse("admin:articles_reviewqueue_changelist") + "?for_me=x"
    )
    assert response.status_code == 200


def test_the_home_page_costs_the_same_for_a_long_queue(
    reporter, editor, django_assert_max_num_queries
):
    client = login(editor)
    client.get(reverse("admin:index"))  # sessions, permissions, content types
    for n in range(3):
        services.article_submit(article=draft(reporter, title=f"稿{n}"), actor=reporter)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("admin:index"))
    for n in range(3, 20):
        services.article_submit(article=draft(reporter, title=f"稿{n}"), actor=reporter)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(reverse("admin:index"))
    assert '<span class="desk-home-count">20</span>' in page.content.decode()
