import datetime

import pytest
from django.utils import timezone

from articles.models import Article, Byline, public_months
from tests.factories import (
    ArticleFactory,
    BylineFactory,
    OfficialFactory,
    PositionFactory,
    ReporterFactory,
)

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2023, 11, 24, 8, 0, tzinfo=datetime.UTC)
HOUR = datetime.timedelta(hours=1)


@pytest.fixture
def frozen(time_machine):
    time_machine.move_to(NOW, tick=False)
    return time_machine


@pytest.mark.parametrize(
    ("status", "published_at", "public"),
    [
        (Article.Status.DRAFT, None, False),
        (Article.Status.DRAFT, NOW - HOUR, False),
        (Article.Status.IN_REVIEW, NOW - HOUR, False),
        (Article.Status.RETURNED, NOW - HOUR, False),
        (Article.Status.WITHDRAWN, NOW - HOUR, False),
        (Article.Status.PUBLISHED, NOW + HOUR, False),
        (Article.Status.PUBLISHED, NOW, True),
        (Article.Status.PUBLISHED, NOW - HOUR, True),
    ],
)
def test_visibility_rule_is_the_same_on_queryset_and_instance(
    frozen, status, published_at, public
):
    article = ArticleFactory(status=status, published_at=published_at)

    assert article.is_published() is public
    assert (article in Article.objects.published()) is public


def test_scheduled_article_becomes_public_when_its_time_comes(frozen):
    article = ArticleFactory(published_at=NOW + 2 * HOUR)
    assert article.is_scheduled()
    assert not Article.objects.published().exists()
    assert list(Article.objects.scheduled()) == [article]

    frozen.move_to(NOW + 2 * HOUR + datetime.timedelta(seconds=1), tick=False)

    assert list(Article.objects.published()) == [article]
    assert article.is_published()
    assert not article.is_scheduled()


def test_publishing_without_a_time_stamps_now(frozen):
    article = Article.objects.create(title="稿件", status=Article.Status.PUBLISHED)

    assert article.published_at == NOW


def test_bylines_keep_their_order_and_group_by_role():
    article = ArticleFactory()
    jing = ReporterFactory(name="景静")
    zhu = ReporterFactory(name="朱翔宇")
    sun = ReporterFactory(name="孙扩龙", kind="correspondent")
    BylineFactory(
        article=article, reporter=sun, role=Byline.Role.CORRESPONDENT, order=2
    )
    BylineFactory(article=article, reporter=zhu, order=1)
    BylineFactory(article=article, reporter=jing, order=0)

    assert article.byline_text() == "记者 景静 朱翔宇 通讯员 孙扩龙"
    assert [b.reporter.name for b in article.bylines.all()] == [
        "景静",
        "朱翔宇",
        "孙扩龙",
    ]


def test_body_is_sanitized_on_every_save():
    article = ArticleFactory(
        body='<p onclick="x()">二七区《报告》，</p><script>alert(1)</script>'
        '<a href="javascript:alert(1)">链接</a><img src="/a.jpg" alt="会场">'
    )
    article.refresh_from_db()

    assert "script" not in article.body
    assert "onclick" not in article.body
    assert "javascript" not in article.body
    assert "<p>二七区《报告》，</p>" in article.body
    assert '<img src="/a.jpg" alt="会场">' in article.body

    Article.objects.filter(pk=article.pk).update(body="<p>x</p>")  # bypasses save()
    article.refresh_from_db()
    article.body += "<iframe src='//evil'></iframe>"
    article.save()
    assert "iframe" not in article.body


def test_slug_comes_from_the_chinese_title_and_survives_a_title_change():
    article = ArticleFactory(title="二七商圈下月再“上新”")
    assert article.slug == "二七商圈下月再上新"
    url = article.get_absolute_url()

    article.title = "改过的标题"
    article.save()

    assert article.get_absolute_url() == url


def test_article_shows_each_officials_title_on_its_own_date_in_protocol_order():
    mayor = OfficialFactory(name="虎荣鑫")
    PositionFactory(
        official=mayor,
        title="副区长",
        rank=60,
        start_date=datetime.date(2019, 1, 1),
        end_date=datetime.date(2021, 12, 31),
    )
    PositionFactory(
        official=mayor,
        title="区委副书记、区长",
        rank=20,
        start_date=datetime.date(2022, 1, 1),
    )
    secretary = PositionFactory(
        official__name="樊惠林", title="区委书记", rank=10
    ).official
    old = ArticleFactory(
        published_at=datetime.datetime(2021, 6, 1, tzinfo=datetime.UTC)
    )
    new = ArticleFactory(
        published_at=datetime.datetime(2023, 11, 24, tzinfo=datetime.UTC)
    )
    for article in (old, new):
        article.officials.set([mayor, secretary])

    assert [(o.name, t) for o, t in old.officials_with_titles()] == [
        ("樊惠林", "区委书记"),
        ("虎荣鑫", "副区长"),
    ]
    assert [(o.name, t) for o, t in new.officials_with_titles()] == [
        ("樊惠林", "区委书记"),
        ("虎荣鑫", "区委副书记、区长"),
    ]


def test_source_line_opens_the_first_paragraph_once(client):
    article = ArticleFactory(body="<p>11月24日，会议召开。</p><p>第二段。</p>")
    page = client.get(article.get_absolute_url()).content.decode()
    assert '<p><span class="article__source">本报讯</span>　11月24日' in page

    article.body = "<p>本报讯 11月24日</p>"
    article.save()
    assert article.source_opening() == ""
    page = client.get(article.get_absolute_url()).content.decode()
    body = page[page.index('class="article__body"') :]
    assert body.count("本报讯") == 1


def test_publication_date_is_the_local_date_in_shanghai():
    # 16:30 UTC on the 24th is 00:30 on the 25th in Asia/Shanghai.
    article = ArticleFactory(
        published_at=datetime.datetime(2023, 11, 24, 16, 30, tzinfo=datetime.UTC)
    )
    assert article.publication_date() == datetime.date(2023, 11, 25)
    assert timezone.get_current_timezone_name() == "Asia/Shanghai"


def test_summary_falls_back_to_the_start_of_the_body():
    article = ArticleFactory(summary="", body="<p>" + "很长的正文" * 40 + "</p>")
    assert article.display_summary().startswith("很长的正文")
    assert len(article.display_summary()) <= 90


@pytest.mark.django_db
def test_public_months_are_the_months_of_public_articles_in_shanghai_time():
    """public_months (a loose index scan on PostgreSQL) answers what DISTINCT
    date_trunc answers: newest first, months in Asia/Shanghai, drafts, withdrawn
    and scheduled articles left out."""
    utc = datetime.UTC
    at = [
        datetime.datetime(2023, 11, 29, 2, tzinfo=utc),
        datetime.datetime(2023, 11, 3, 2, tzinfo=utc),
        # 2024-01-31 17:00 UTC is 1 February 01:00 in Shanghai.
        datetime.datetime(2024, 1, 31, 17, tzinfo=utc),
        datetime.datetime(2021, 5, 1, 0, tzinfo=utc),
    ]
    for when in at:
        ArticleFactory(published_at=when)
    ArticleFactory(published_at=datetime.datetime(2022, 3, 1, tzinfo=utc),
                   status=Article.Status.DRAFT)  # fmt: skip
    ArticleFactory(published_at=datetime.datetime(2022, 7, 1, tzinfo=utc),
                   status=Article.Status.WITHDRAWN)  # fmt: skip
    ArticleFactory(published_at=timezone.now() + datetime.timedelta(days=40))

    expected = list(Article.objects.published().dates("published_at", "month", "DESC"))
    assert public_months() == expected
    assert expected == [
        datetime.date(2024, 2, 1),
        datetime.date(2023, 11, 1),
        datetime.date(2021, 5, 1),
    ]


@pytest.mark.django_db
def test_public_months_of_an_empty_site():
    assert public_months() == []
