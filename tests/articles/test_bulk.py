"""Bulk steps from the article list: each article through its service, one
review-log row each, refusals reported per article, never an error page."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from articles import services
from articles.models import Article, ReviewLog
from newsroom import roles
from tests.factories import ArticleFactory
from tests.helpers import login

pytestmark = pytest.mark.django_db
S = Article.Status
LIST = reverse("admin:articles_article_changelist")


def draft(author, **fields):
    return ArticleFactory(status=S.DRAFT, author=author, published_at=None, **fields)


@pytest.fixture
def reporter(make_user):
    return make_user(roles.REPORTER, "reporter")


@pytest.fixture
def editor(make_user):
    return make_user(roles.EDITOR, "editor")


def submitted(reporter, title):
    article = draft(reporter, title=title)
    services.article_submit(article=article, actor=reporter)
    return article


def bulk(client, action, articles, **fields):
    return client.post(
        LIST,
        {
            "action": action,
            "_selected_action": [a.pk for a in articles],
            "apply": "1",
            **fields,
        },
    )


def texts(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_the_list_first_asks_and_names_what_will_be_refused(reporter, editor):
    ready = submitted(reporter, "待审一")
    unsent = draft(reporter, title="未送审")
    response = login(editor).post(
        LIST,
        {
            "action": "bulk_approve",
            "_selected_action": [ready.pk, unsent.pk],
            "index": "0",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "将跳过：稿件当前状态为“草稿”，不能审核通过。" in page
    ready.refresh_from_db()
    assert ready.status == S.IN_REVIEW  # nothing taken yet


def test_a_mixed_selection_approves_what_it_may_and_says_why_not(reporter, editor):
    one, two = submitted(reporter, "待审一"), submitted(reporter, "待审二")
    unsent = draft(reporter, title="未送审")
    live = ArticleFactory(title="已发布")

    response = bulk(login(editor), "bulk_approve", [one, two, unsent, live])

    assert response.status_code == 302
    for article in (one, two):
        article.refresh_from_db()
        assert article.status == S.PUBLISHED
        assert ReviewLog.objects.filter(article=article, action="publish").count() == 1
    unsent.refresh_from_db()
    assert unsent.status == S.DRAFT
    said = texts(response)
    assert "《未送审》未能审核通过：稿件当前状态为“草稿”，不能审核通过。" in said
    assert any(m.startswith("《已发布》未能审核通过") for m in said)
    assert "批量审核通过：2 篇完成，2 篇未完成。" in said


def test_returning_in_bulk_needs_a_comment_and_logs_it_for_each(reporter, editor):
    one, two = submitted(reporter, "待审一"), submitted(reporter, "待审二")
    client = login(editor)

    asked = bulk(client, "bulk_return", [one, two], comment="  ")
    assert asked.status_code == 200  # the form again, with its error
    one.refresh_from_db()
    assert one.status == S.IN_REVIEW

    bulk(client, "bulk_return", [one, two], comment="请补充数据")
    logs = ReviewLog.objects.filter(action="return", comment="请补充数据")
    assert sorted(logs.values_list("article_id", flat=True)) == [one.pk, two.pk]


def test_scheduling_in_bulk_sets_the_time_and_keeps_them_off_the_site(reporter, editor):
    one, two = submitted(reporter, "待审一"), submitted(reporter, "待审二")
    when = timezone.localtime() + datetime.timedelta(days=2)

    bulk(
        login(editor),
        "bulk_schedule",
        [one, two],
        publish_at=when.strftime("%Y-%m-%dT%H:%M"),
    )

    for article in (one, two):
        article.refresh_from_db()
        assert article.is_scheduled()
        assert timezone.localtime(article.published_at).strftime(
            "%Y-%m-%d %H:%M"
        ) == when.strftime("%Y-%m-%d %H:%M")
    assert not Article.objects.published().filter(pk__in=[one.pk, two.pk]).exists()


def test_a_past_time_is_refused_before_anything_happens(reporter, editor):
    one = submitted(reporter, "待审一")
    response = bulk(
        login(editor), "bulk_schedule", [one], publish_at="2020-01-01T08:00"
    )
    assert response.status_code == 200
    assert "定时发布的时间须晚于现在" in response.content.decode()
    one.refresh_from_db()
    assert one.status == S.IN_REVIEW


def test_scheduling_a_lower_level_is_refused_per_article(reporter, editor, settings):
    settings.REVIEW_LEVELS = 2
    one = submitted(reporter, "待审一")
    when = timezone.localtime() + datetime.timedelta(days=2)
    response = bulk(
        login(editor),
        "bulk_schedule",
        [one],
        publish_at=when.strftime("%Y-%m-%dT%H:%M"),
    )
    assert "《待审一》未能审核通过：稿件等待初审，终审签发时才能定时发布。" in texts(
        response
    )
    one.refresh_from_db()
    assert one.review_level == 0


def test_withdrawing_in_bulk_needs_a_reason(editor):
    live = ArticleFactory(title="已发布")
    bulk(login(editor), "bulk_withdraw", [live], comment="数据有误")
    live.refresh_from_db()
    assert live.status == S.WITHDRAWN
    assert ReviewLog.objects.get(article=live, action="withdraw").comment == "数据有误"


def test_a_reporter_has_no_bulk_actions_and_cannot_post_one(reporter):
    own = submitted(reporter, "自己的")
    client = login(reporter)
    page = client.get(LIST).content.decode()
    assert "bulk_approve" not in page
    response = bulk(client, "bulk_approve", [own])
    own.refresh_from_db()
    assert own.status == S.IN_REVIEW
    assert response.status_code in (200, 302)


def test_bad_input_never_gives_an_error_page(editor):
    client = login(editor)
    for data in [
        {"action": "bulk_approve", "_selected_action": ["x", "\x00"], "index": "0"},
        {"action": "bulk_schedule", "_selected_action": ["1"], "apply": "1",
         "publish_at": "not a time"},
        {"action": "nope", "_selected_action": ["1"], "index": "0"},
    ]:  # fmt: skip
        assert client.post(LIST, data).status_code in (200, 302, 400)


def test_delete_is_not_a_bulk_action(editor):
    assert "delete_selected" not in login(editor).get(LIST).content.decode()


def test_the_review_queue_signs_several_at_once(reporter, editor):
    one, two = submitted(reporter, "待审一"), submitted(reporter, "待审二")
    queue = reverse("admin:articles_reviewqueue_changelist")
    client = login(editor)
    page = client.get(queue).content.decode()
    assert "bulk_approve" in page and "bulk_withdraw" not in page
    asked = client.post(
        queue,
        {"action": "bulk_approve", "_selected_action": [one.pk, two.pk], "index": "0"},
    )
    assert "审稿队列" in asked.content.decode()  # the way back is to the queue
    response = client.post(
        queue,
        {"action": "bulk_approve", "_selected_action": [one.pk, two.pk], "apply": "1"},
    )
    assert response["Location"].startswith(queue)
    assert Article.objects.filter(status=S.PUBLISHED).count() == 2
