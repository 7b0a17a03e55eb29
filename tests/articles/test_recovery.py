"""Recovering a deleted article: only deleted ones, always as a draft, logged.

An editor once re-published a withdrawn article through "recover deleted" by
posting the version id of a live article: the recovery view restored status,
publication time and review level by a raw save.
"""

import pytest
import reversion
from django.urls import reverse
from reversion.models import Version
from taggit.models import Tag

from articles import services
from articles.models import Article, ReviewLog
from newsroom import roles
from tests.factories import (
    ArticleFactory,
    BylineFactory,
    DepartmentFactory,
    OfficialFactory,
    ReporterFactory,
)
from tests.helpers import login

pytestmark = pytest.mark.django_db
S = Article.Status


@pytest.fixture
def editor(make_user):
    return make_user(roles.EDITOR, "editor", first_name="值班编辑")


def versioned(article):
    with reversion.create_revision():
        article.save()
    return Version.objects.get_for_object(article).first()


def test_a_live_articles_version_cannot_be_recovered(editor, client):
    article = ArticleFactory(title="已撤下的稿件")
    version = versioned(article)
    services.article_withdraw(article=article, actor=editor, reason="内容有误")
    url = reverse("admin:articles_article_recover", args=[version.pk])

    staff = login(editor)
    assert staff.get(url).status_code == 404
    assert staff.post(url, {}).status_code == 404

    article.refresh_from_db()
    assert article.status == S.WITHDRAWN
    assert client.get(article.get_absolute_url()).status_code == 404


def test_a_deleted_published_article_comes_back_as_a_draft(editor, client):
    article = ArticleFactory(title="删掉又恢复的稿件", featured=True)
    BylineFactory(article=article, label="首席记者")
    version = versioned(article)
    pk = article.pk
    article.delete()

    response = login(editor).post(
        reverse("admin:articles_article_recover", args=[version.pk])
    )

    assert response.status_code == 302
    recovered = Article.objects.get(pk=pk)
    assert recovered.status == S.DRAFT
    assert recovered.review_level == 0
    assert recovered.published_at is None
    assert recovered.bylines.get().label == "首席记者"
    log = ReviewLog.objects.filter(article_id=pk).latest("pk")
    assert (log.action, log.from_status, log.to_status) == (
        "restore",
        S.PUBLISHED,
        S.DRAFT,
    )
    assert log.actor == editor
    assert client.get(f"/articles/{pk}/").status_code == 404


def test_recovery_is_refused_to_those_who_may_not_delete(make_user):
    article = ArticleFactory(status=S.DRAFT)
    version = versioned(article)
    article.delete()
    reporter = make_user(roles.REPORTER, "reporter")

    with pytest.raises(services.WorkflowError):
        services.article_recover(version=version, actor=reporter)
    assert not Article.objects.filter(pk=version.object_id).exists()


@pytest.mark.parametrize("version_id", ["0", "999999999999999999999"])
def test_hostile_version_ids_answer_404(editor, version_id):
    url = f"/admin/articles/article/recover/{version_id}/"
    assert login(editor).get(url).status_code == 404


@pytest.mark.django_db(transaction=True)
def test_a_recovered_article_leaves_out_what_was_deleted_since(editor):
    """Found by a hostile tester: a leader deleted after the article answered 500."""
    official, department = OfficialFactory(), DepartmentFactory()
    gone_reporter = ReporterFactory()
    article = ArticleFactory(title="有关联的稿件")
    article.officials.add(official)
    article.departments.add(department)
    BylineFactory(article=article, reporter=gone_reporter)
    article.tags.add("将被删除的标签")
    version = versioned(article)
    pk = article.pk
    article.delete()
    official.delete()
    gone_reporter.delete()
    Tag.objects.filter(name="将被删除的标签").delete()

    response = login(editor).post(
        reverse("admin:articles_article_recover", args=[version.pk])
    )

    assert response.status_code == 302
    recovered = Article.objects.get(pk=pk)
    assert list(recovered.departments.all()) == [department]
    assert not recovered.officials.exists()
    assert not recovered.bylines.exists() and not recovered.tags.exists()
