"""Parts of pages kept until one of their keys is purged (newsroom.caching.versions):
the side columns, the month list, leader and department profiles, the search
form's lists — the parts that outlive a purge of the pages that show them.

With the page cache off, every change a visitor could see must still show on the
next request once it is committed, and a page built from cached parts must be the
page built from scratch.
"""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles import services
from articles.editorial.sanitizer import plain_text
from articles.models import Correction
from newsroom import roles
from newsroom.caching.versions import bump_version
from tests.factories import (
    ArticleFactory,
    BylineFactory,
    DepartmentFactory,
    PositionFactory,
    full_article,
)
from tests.helpers import epaper_edition

pytestmark = pytest.mark.django_db
UTC = datetime.UTC


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    settings.PUBLIC_PAGE_CACHE = False
    settings.FRAGMENT_CACHE = True


def html_of(client, url, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200, url
    return response.content.decode()


def every_public_page(article):
    official = article.officials.first()
    department = article.departments.first()
    day = article.publication_date()
    return [
        reverse("home"),
        article.get_absolute_url(),
        reverse("archive"),
        reverse("archive_month", args=[day.year, day.month]),
        reverse("official_list"),
        official.get_absolute_url(),
        reverse("department_list"),
        department.get_absolute_url(),
        article.bylines.first().reporter.get_absolute_url(),
        reverse("tag_detail", args=[article.tags.first().slug]),
        reverse("search") + f"?q=会议&official={official.slug}",
        reverse("epaper_page", args=[article.edition_date.isoformat(), 1]),
        reverse("feed_latest"),
    ]


def test_pages_built_from_cached_parts_are_the_pages_built_from_scratch(
    client, settings
):
    article = full_article(edition_date=datetime.date(2024, 3, 1), page_number=1)
    epaper_edition(day=article.edition_date)
    Correction.objects.create(article=article, note="更正了一处人名")
    for _ in range(3):
        other = full_article()
        other.officials.add(article.officials.first())
        other.departments.add(article.departments.first())

    settings.FRAGMENT_CACHE = False
    fresh = {url: html_of(client, url) for url in every_public_page(article)}
    settings.FRAGMENT_CACHE = True
    cold = {url: html_of(client, url) for url in every_public_page(article)}
    warm = {url: html_of(client, url) for url in every_public_page(article)}

    for url, page in fresh.items():
        assert cold[url] == page, url
        assert warm[url] == page, url
    assert "更正了一处人名" in fresh[article.get_absolute_url()]


def test_an_article_page_follows_every_change_once_it_is_committed(client, commit):
    article = full_article(title="原题")
    url = article.get_absolute_url()
    assert "原题" in html_of(client, url)

    commit(lambda: Correction.objects.create(article=article, note="第二段数字有误"))
    assert "第二段数字有误" in html_of(client, url)

    commit(lambda: article.tags.add("乡村振兴"))
    assert "乡村振兴" in html_of(client, url)

    byline = commit(lambda: BylineFactory(article=article, reporter__name="新署名"))
    assert byline.reporter.name in html_of(client, url)

    position = PositionFactory(title="副区长", official__name="甄一")
    commit(lambda: article.officials.add(position.official))
    assert "副区长甄一" in html_of(client, url)

    def promote():
        position.title = "区长"
        position.save()

    commit(promote)
    page = html_of(client, url)
    assert "区长甄一" in page and "副区长甄一" not in page

    def retitle():
        article.title = "改后的标题"
        article.save()

    commit(retitle)
    page = html_of(client, url)
    assert "改后的标题" in page and "原题" not in page


def test_an_uncommitted_change_is_not_seen_until_it_commits(client):
    """The parts are cached: proof that the invalidation above is what shows the
    change, not a part that was never cached (the leaders' column here)."""
    position = PositionFactory(official__name="稳定的名字", title="副区长", rank=40)
    url = ArticleFactory().get_absolute_url()
    assert "稳定的名字" in html_of(client, url)

    official = position.official
    official.name = "新的名字"
    official.save()  # inside the test's transaction: nothing committed yet

    assert "稳定的名字" in html_of(client, url)
    bump_version()  # what the commit of that save runs
    assert "新的名字" in html_of(client, url)


def test_an_article_page_names_the_host_it_was_asked_on(client, settings):
    settings.ALLOWED_HOSTS = ["news.example.cn", "mirror.example.cn"]
    article = ArticleFactory()
    url = article.get_absolute_url()

    first = html_of(client, url, HTTP_HOST="news.example.cn")
    second = html_of(client, url, HTTP_HOST="mirror.example.cn")

    assert f'content="http://news.example.cn{url}"' in first
    assert f'content="http://mirror.example.cn{url}"' in second


def test_profiles_and_side_columns_follow_changes(client, commit):
    position = PositionFactory(title="副区长", official__name="乙二", rank=10)
    department = DepartmentFactory(name="区商务局", description="旧的职能介绍")
    official_url = position.official.get_absolute_url()
    assert "副区长" in html_of(client, official_url)
    assert "旧的职能介绍" in html_of(client, department.get_absolute_url())
    assert "区商务局" in html_of(client, reverse("home"))

    def change():
        position.title = "常务副区长"
        position.save()
        department.description = "新的职能介绍"
        department.name = "区商务和投资促进局"
        department.save()

    commit(change)

    profile = html_of(client, official_url)
    assert profile.count("常务副区长") >= 2  # the profile and the leaders column
    assert "新的职能介绍" in html_of(client, department.get_absolute_url())
    assert "区商务和投资促进局" in html_of(client, reverse("home"))


def test_front_page_headlines_and_months_follow_a_publish(client, commit, make_user):
    editor = make_user(roles.EDITOR, "headline-editor")
    # The featured lead stays the lead; the new article joins the headlines.
    ArticleFactory(
        featured=True, published_at=datetime.datetime(2024, 1, 5, tzinfo=UTC)
    )
    draft = ArticleFactory(title="新的领导活动", status="in_review", published_at=None)
    draft.officials.add(PositionFactory().official)
    draft.departments.add(DepartmentFactory())
    home = html_of(client, reverse("home"))
    assert "新的领导活动" not in home
    months = html_of(client, reverse("archive"))
    assert "2024年1月" in months

    commit(lambda: services.article_approve(article=draft, actor=editor))

    home = html_of(client, reverse("home"))
    headlines = home.split('id="leader-news-heading"')[1]
    assert "新的领导活动" in headlines.split("</section>")[0]
    assert "新的领导活动" in home.split('id="department-news-heading"')[1]
    now = datetime.datetime.now(tz=UTC).astimezone()
    assert f"{now.year}年{now.month}月" in html_of(client, reverse("archive"))


def test_the_current_month_is_marked_in_the_month_list(client):
    ArticleFactory(published_at=datetime.datetime(2024, 1, 5, 4, tzinfo=UTC))
    ArticleFactory(published_at=datetime.datetime(2024, 2, 5, 4, tzinfo=UTC))

    page = html_of(client, reverse("archive_month", args=[2024, 2]))

    assert '<a href="/archive/2024/2/" aria-current="page">2024年2月</a>' in page
    assert '<a href="/archive/2024/1/">2024年1月</a>' in page
    assert page.count('aria-current="page">2024') == 1


def test_search_form_lists_follow_a_new_leader_and_keep_the_choice(client, commit):
    PositionFactory(official__name="丙三", official__slug="bing-san")
    ArticleFactory(title="会议稿件")
    page = html_of(client, reverse("search") + "?q=会议&official=bing-san")
    assert '<option value="bing-san" selected>丙三</option>' in page
    assert '<option value="">全部领导</option>' in page

    commit(lambda: PositionFactory(official__name="丁四", official__slug="ding-si"))

    page = html_of(client, reverse("search") + "?q=会议")
    assert '<option value="ding-si">丁四</option>' in page
    assert '<option value="bing-san">丙三</option>' in page


def test_summaries_show_entities_once_escaped(client):
    ArticleFactory(
        title="空气质量",
        summary="",
        body="<p>PM2.5 &lt; 35，优良天数 &amp; 同比增加</p>",
    )

    page = html_of(client, reverse("archive"))

    assert "PM2.5 &lt; 35，优良天数 &amp; 同比增加" in page
    assert "&amp;lt;" not in page and "&amp;amp;" not in page


@pytest.mark.parametrize(
    "html, text",
    [
        ("<p>甲</p><p>乙</p>", "甲乙"),
        ('<p><a href="/x" title="a>b">链接</a>后</p>', "链接后"),
        ("<p>A &amp; B &lt;35 &quot;引号&quot;</p>", 'A & B <35 "引号"'),
        ('<p>开头</p><p><img src="/a.jpg" alt="图">正文<a hr', "开头正文"),
        ("", ""),
    ],
)
def test_plain_text_of_a_sanitized_body(html, text):
    assert plain_text(html) == text


def test_summaries_are_cut_with_an_ellipsis():
    article = ArticleFactory.build(summary="", body="<p>" + "字" * 200 + "</p>")
    summary = article.display_summary(90)
    assert len(summary) == 90 and summary.endswith("…")
    assert re.fullmatch("字{89}…", summary)


def test_cached_parts_cost_no_query_once_warm(client, settings):
    """The parts' data is fetched lazily: a warm page runs only its own queries
    (the article and its relations; the leader, their list and its items' bylines
    and departments), none for profiles, the months or the side columns."""
    settings.FRAGMENT_CACHE = True
    article = full_article()
    expected = {
        # On PostgreSQL the article and its relations are one statement.
        article.get_absolute_url(): 1 if connection.vendor == "postgresql" else 7,
        article.officials.first().get_absolute_url(): 4,
        article.departments.first().get_absolute_url(): 4,
        reverse("archive"): 3,
    }
    for url, count in expected.items():
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        assert len(queries) == count, (url, [q["sql"] for q in queries])
