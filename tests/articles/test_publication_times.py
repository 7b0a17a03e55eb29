"""Publication times that cannot be forged (#19 item 3): the first publication
time stays whatever later edits do and pages print it as 发布时间, a correction
shows as 更新时间; signing with a time in the past (倒签) needs its own permission
and is marked in the review log."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from articles import services
from articles.models import Article, ReviewLog
from newsroom import roles
from tests.factories import ArticleFactory
from tests.helpers import change_url, form_data, login, save_form

pytestmark = pytest.mark.django_db
S = Article.Status


@pytest.fixture
def reporter(make_user):
    return make_user(roles.REPORTER, "reporter")


@pytest.fixture
def editor(make_user):
    return make_user(roles.EDITOR, "editor")


@pytest.fixture
def chief(make_user):
    return make_user(roles.CHIEF_EDITOR, "chief")


def submitted(author, **fields):
    article = ArticleFactory(status=S.DRAFT, author=author, **fields)
    return services.article_submit(article=article, actor=author)


def test_the_first_publication_time_is_kept_when_published(reporter, editor):
    article = services.article_approve(article=submitted(reporter), actor=editor)

    assert article.first_published_at == article.published_at
    assert article.has_gone_public()


def test_the_publication_time_of_a_public_article_cannot_change(reporter, editor):
    article = services.article_approve(article=submitted(reporter), actor=editor)
    first = article.first_published_at
    article.published_at = first - datetime.timedelta(days=3)

    with pytest.raises(ValidationError) as error:
        article.full_clean()

    assert "发布时间不能再改" in str(error.value)
    article.refresh_from_db()
    assert article.published_at == first


def test_the_desk_shows_the_time_of_a_public_article_read_only(reporter, editor):
    article = services.article_approve(article=submitted(reporter), actor=editor)
    client = login(editor)

    data = form_data(client.get(change_url(article)))

    assert "published_at_0" not in data and "published_at" not in data


def test_a_scheduled_article_may_still_be_moved_until_it_goes_public(reporter, editor):
    later = timezone.now() + datetime.timedelta(days=2)
    article = services.article_approve(
        article=submitted(reporter, published_at=later), actor=editor
    )
    assert not article.has_gone_public()
    article.published_at = later + datetime.timedelta(hours=1)

    article.full_clean()  # allowed: it never was public

    unscheduled = services.article_unschedule(article=article, actor=editor)
    assert unscheduled.first_published_at is None


def test_a_correction_shows_an_update_time_and_keeps_the_publication_time(
    client, reporter, editor
):
    article = services.article_approve(article=submitted(reporter), actor=editor)
    first = article.first_published_at

    response = save_form(
        login(editor),
        article,
        body="<p>更正后的正文。</p>",
        correction_note="更正了一处数字。",
    )

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.first_published_at == first and article.published_at == first
    assert article.revised_at is not None
    page = client.get(article.get_absolute_url()).content.decode()
    assert "发布时间：" in page and "更新时间：" in page
    published = timezone.localtime(first)
    assert f"{published.year}年{published.month}月{published.day}日" in page


def test_an_edit_of_a_public_article_needs_a_correction_which_shows_an_update_time(
    client, reporter, editor
):
    """Every change of what readers read after publication comes with a
    correction note (the form refuses it without), so it shows 更新时间."""
    article = services.article_approve(article=submitted(reporter), actor=editor)
    desk = login(editor)

    refused = save_form(desk, article, body="<p>改过的正文。</p>")

    assert refused.status_code == 200 and "请填写更正说明" in refused.content.decode()
    article.refresh_from_db()
    assert article.revised_at is None

    save_form(desk, article, body="<p>改过的正文。</p>", correction_note="补充了数字。")
    article.refresh_from_db()
    assert article.revised_at is not None
    assert "更新时间：" in client.get(article.get_absolute_url()).content.decode()


def test_editing_a_draft_sets_no_update_time(reporter):
    article = ArticleFactory(status=Article.Status.DRAFT, author=reporter)

    save_form(login(reporter), article, body="<p>草稿改了。</p>")

    article.refresh_from_db()
    assert article.body == "<p>草稿改了。</p>" and article.revised_at is None


def test_an_article_never_corrected_shows_no_update_time(client):
    article = ArticleFactory()

    page = client.get(article.get_absolute_url()).content.decode()

    assert "发布时间：" in page and "更新时间" not in page


def test_signing_with_a_past_time_needs_the_backdate_permission(reporter, editor):
    past = timezone.now() - datetime.timedelta(days=5)
    article = submitted(reporter, published_at=past)

    with pytest.raises(services.WorkflowError, match="倒签"):
        services.article_approve(article=article, actor=editor)

    article.refresh_from_db()
    assert article.status == S.IN_REVIEW


def test_a_chief_editor_may_backdate_and_the_review_log_says_so(reporter, chief):
    past = timezone.now() - datetime.timedelta(days=5)
    article = services.article_approve(
        article=submitted(reporter, published_at=past), actor=chief, comment="同意"
    )

    assert article.published_at == past == article.first_published_at
    log = ReviewLog.objects.get(article=article, action=ReviewLog.Action.PUBLISH)
    assert log.backdated is True
    assert log.comment.startswith("【倒签】") and log.comment.endswith("同意")


def test_a_time_a_few_minutes_ago_is_not_backdating(reporter, editor):
    recent = timezone.now() - datetime.timedelta(minutes=3)
    article = services.article_approve(
        article=submitted(reporter, published_at=recent), actor=editor
    )

    log = ReviewLog.objects.get(article=article, action=ReviewLog.Action.PUBLISH)
    assert log.backdated is False


def test_the_desk_refuses_a_past_time_from_an_editor_without_the_permission(
    reporter, editor
):
    article = submitted(reporter)
    past = timezone.localtime() - datetime.timedelta(days=2)

    response = save_form(
        login(editor),
        article,
        published_at_0=f"{past:%Y-%m-%d}",
        published_at_1=f"{past:%H:%M}",
    )

    assert response.status_code == 200
    assert "倒签" in response.content.decode()
    article.refresh_from_db()
    assert article.published_at is None


def test_the_desk_accepts_a_past_time_from_a_chief_editor(reporter, chief):
    article = submitted(reporter)
    past = timezone.localtime() - datetime.timedelta(days=2)

    response = save_form(
        login(chief),
        article,
        published_at_0=f"{past:%Y-%m-%d}",
        published_at_1=f"{past:%H:%M}",
    )

    assert response.status_code == 302
    article.refresh_from_db()
    assert timezone.localtime(article.published_at).date() == past.date()


def test_existing_public_articles_keep_their_time_as_the_first(reporter):
    """What migration 0013 does for articles published before it."""
    article = ArticleFactory()

    assert article.first_published_at == article.published_at
