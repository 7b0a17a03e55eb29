import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Article
from articles.views import PAGE_SIZE
from tests.factories import (
    ArticleFactory,
    BylineFactory,
    DepartmentFactory,
    OfficialFactory,
    PositionFactory,
    full_article,
)
from tests.helpers import public_urls

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
NOT_PUBLIC = [
    {"status": Article.Status.DRAFT},
    {"status": Article.Status.IN_REVIEW},
    {"status": Article.Status.RETURNED},
    {"status": Article.Status.WITHDRAWN},
    {"published_at": datetime.datetime(2999, 1, 1, tzinfo=UTC)},  # scheduled
]


def test_article_page_shows_the_article(client):
    article = full_article(
        kicker="引题文字", title="主题文字", subtitle="副题文字", image_caption=""
    )
    response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    html = response.content.decode()
    for text in ["引题文字", "主题文字", "副题文字", "本报讯", "区里召开会议", "民生"]:
        assert text in html
    for department in article.departments.all():
        assert department.name in html
    for official in article.officials.all():
        assert official.name in html
    assert article.byline_text().split()[1] in html


@pytest.mark.parametrize("state", NOT_PUBLIC)
def test_article_that_is_not_public_is_not_found(client, state):
    article = ArticleFactory(**state)

    assert client.get(article.get_absolute_url()).status_code == 404


def test_wrong_or_missing_slug_redirects_permanently_to_the_canonical_url(client):
    article = ArticleFactory(title="区领导调研")
    canonical = article.get_absolute_url()

    for url in [f"/articles/{article.pk}/", f"/articles/{article.pk}/wrong-slug/"]:
        response = client.get(url)
        assert response.status_code == 301
        assert response["Location"] == canonical
    assert client.get(canonical).status_code == 200


def test_article_page_shows_the_title_the_official_held_on_the_articles_date(client):
    official = OfficialFactory(name="虎荣鑫")
    PositionFactory(
        official=official,
        title="副区长",
        start_date=datetime.date(2019, 1, 1),
        end_date=datetime.date(2021, 12, 31),
    )
    PositionFactory(
        official=official, title="区长", start_date=datetime.date(2022, 1, 1)
    )
    article = ArticleFactory(published_at=datetime.datetime(2021, 3, 1, tzinfo=UTC))
    article.officials.add(official)

    html = client.get(article.get_absolute_url()).content.decode()

    assert "副区长虎荣鑫" in html
    assert "区长虎荣鑫" not in html.replace("副区长虎荣鑫", "")


def test_every_public_page_lists_published_articles(client):
    article = full_article(title="公开的稿件")

    for url in public_urls(article):
        response = client.get(url)
        assert response.status_code == 200, url
        if url not in (reverse("official_list"), reverse("department_list")):
            assert "公开的稿件" in response.content.decode(), url


@pytest.mark.parametrize("state", NOT_PUBLIC)
def test_no_public_page_lists_an_unpublished_article(client, state):
    public = full_article(title="公开的稿件")
    hidden = full_article(title="不应出现的稿件", **state)
    hidden.officials.set(public.officials.all())
    hidden.departments.set(public.departments.all())
    hidden.bylines.update(reporter=public.bylines.first().reporter)
    hidden.tags.set(["民生"])

    for url in public_urls(public):
        assert "不应出现的稿件" not in client.get(url).content.decode(), url


def next_link(response):
    html = response.content.decode()
    marker = 'rel="next"'
    if marker not in html:
        return None
    href_end = html.index(marker)
    start = html.rindex('href="', 0, href_end) + 6
    return html[start : html.index('"', start)].replace("&amp;", "&")


def test_lists_are_paginated_newest_first_without_counting(client):
    base = datetime.datetime(2023, 11, 1, 2, tzinfo=UTC)
    for i in range(PAGE_SIZE * 2 + 5):
        ArticleFactory(
            title=f"第{i:02d}篇", published_at=base + datetime.timedelta(hours=i)
        )
    total = PAGE_SIZE * 2 + 5

    first = client.get(reverse("archive"))
    second = client.get(reverse("archive") + next_link(first))
    third = client.get(reverse("archive") + next_link(second))

    titles = [[a.title for a in r.context["articles"]] for r in (first, second, third)]
    everything = [f"第{i:02d}篇" for i in range(total - 1, -1, -1)]
    assert titles[0] + titles[1] + titles[2] == everything
    assert [len(t) for t in titles] == [PAGE_SIZE, PAGE_SIZE, 5]
    assert next_link(third) is None
    # And back again: "上一页" from the third page is the second page.
    back = client.get(
        reverse("archive") + "?before=" + third.context["page"].previous_cursor
    )
    assert [a.title for a in back.context["articles"]] == titles[1]


@pytest.mark.parametrize(
    "cursor", ["?after=garbage", "?before=1-x", "?after=99999999999999999999999-1"]
)
def test_malformed_page_cursors_are_not_found(client, cursor):
    ArticleFactory()
    assert client.get(reverse("archive") + cursor).status_code == 404


def test_a_deep_page_costs_the_same_queries_as_the_first(client):
    first = full_article()
    official = first.officials.first()
    base = datetime.datetime(2023, 1, 1, tzinfo=UTC)
    for i in range(PAGE_SIZE * 4):
        article = ArticleFactory(published_at=base + datetime.timedelta(hours=i))
        article.officials.add(official)
    for url in [reverse("archive"), official.get_absolute_url()]:
        page_one = client.get(url)
        deep = url + "?after=" + page_one.context["page"].next_cursor
        deeper = client.get(deep)
        deepest = url + "?after=" + deeper.context["page"].next_cursor
        assert (
            count_queries(client, url)
            == count_queries(client, deep)
            == count_queries(client, deepest)
        ), url


def test_the_archive_lists_its_months_newest_first_and_marks_the_one_shown(client):
    for month in (3, 11):
        ArticleFactory(published_at=datetime.datetime(2023, month, 10, tzinfo=UTC))
    november = reverse("archive_month", args=[2023, 11])
    march = reverse("archive_month", args=[2023, 3])

    everything = client.get(reverse("archive")).content.decode()
    shown = client.get(march).content.decode()

    assert everything.index(f'href="{november}"') < everything.index(f'href="{march}"')
    assert f'href="{november}">2023年11月</a>' in everything
    assert 'aria-current="page">2023年' not in everything
    assert f'href="{march}" aria-current="page">2023年3月</a>' in shown
    assert f'href="{november}">2023年11月</a>' in shown


def test_date_archive_uses_the_shanghai_calendar_day(client):
    # 15:30 UTC is 23:30 on the 24th in Shanghai; 16:30 UTC is already the 25th.
    late = ArticleFactory(
        title="二十四日深夜",
        published_at=datetime.datetime(2023, 11, 24, 15, 30, tzinfo=UTC),
    )
    after_midnight = ArticleFactory(
        title="二十五日凌晨",
        published_at=datetime.datetime(2023, 11, 24, 16, 30, tzinfo=UTC),
    )

    day24 = client.get(reverse("archive_day", args=[2023, 11, 24]))
    day25 = client.get(reverse("archive_day", args=[2023, 11, 25]))
    month = client.get(reverse("archive_month", args=[2023, 11]))
    year = client.get(reverse("archive_year", args=[2023]))
    other_year = client.get(reverse("archive_year", args=[2022]))

    assert list(day24.context["articles"]) == [late]
    assert list(day25.context["articles"]) == [after_midnight]
    assert set(month.context["articles"]) == {late, after_midnight}
    assert set(year.context["articles"]) == {late, after_midnight}
    assert list(other_year.context["articles"]) == []
    assert "2023年11月24日" in day24.content.decode()


@pytest.mark.parametrize(
    "path", ["/archive/2023/13/", "/archive/2023/2/30/", "/archive/0/"]
)
def test_impossible_dates_are_not_found(client, path):
    assert client.get(path).status_code == 404


def test_leaders_index_is_in_protocol_order_with_current_titles(client):
    PositionFactory(official__name="王潜", title="区委常委、副区长", rank=60)
    PositionFactory(official__name="樊惠林", title="区委书记", rank=10)
    PositionFactory(official__name="虎荣鑫", title="区委副书记、区长", rank=20)
    PositionFactory(
        official__name="前任领导", rank=1, end_date=datetime.date(2020, 1, 1)
    )

    response = client.get(reverse("official_list"))

    assert [o.name for o in response.context["current"]] == ["樊惠林", "虎荣鑫", "王潜"]
    assert [o.name for o in response.context["former"]] == ["前任领导"]
    html = response.content.decode()
    assert html.index("樊惠林") < html.index("虎荣鑫") < html.index("王潜")


def test_leader_page_lists_current_and_past_positions(client):
    official = OfficialFactory(name="吕安民")
    PositionFactory(
        official=official,
        title="区政协主席",
        start_date=datetime.date(2016, 1, 1),
        end_date=datetime.date(2020, 12, 31),
    )
    PositionFactory(
        official=official,
        title="区人大常委会主任",
        start_date=datetime.date(2021, 1, 1),
    )

    html = client.get(official.get_absolute_url()).content.decode()

    assert "区人大常委会主任" in html
    assert "区政协主席" in html
    assert "至今" in html
    assert client.get("/officials/nobody/").status_code == 404


def test_departments_index_groups_departments_by_kind(client):
    DepartmentFactory(name="区商务局", kind="government")
    DepartmentFactory(name="区纪委监委", kind="discipline")
    DepartmentFactory(name="马寨镇", kind="subdistrict")

    response = client.get(reverse("department_list"))

    groups = {
        label: [d.name for d in items] for label, items in response.context["groups"]
    }
    assert groups == {
        "政府部门": ["区商务局"],
        "纪检监察": ["区纪委监委"],
        "街道（镇）": ["马寨镇"],
    }


def test_department_page_shows_child_departments_and_only_its_articles(client):
    parent = DepartmentFactory(name="区政府")
    DepartmentFactory(name="区商务局", parent=parent)
    mine = ArticleFactory(title="本部门稿件")
    mine.departments.add(parent)
    ArticleFactory(title="其他稿件")

    response = client.get(parent.get_absolute_url())

    assert list(response.context["articles"]) == [mine]
    assert "区商务局" in response.content.decode()


def test_reporter_page_lists_each_article_once(client):
    byline = BylineFactory(article__title="记者的稿件")
    BylineFactory(article=byline.article, reporter=byline.reporter, role="photographer")

    response = client.get(byline.reporter.get_absolute_url())

    assert [a.title for a in response.context["articles"]] == ["记者的稿件"]


def test_chinese_tag_page_lists_tagged_articles(client):
    ArticleFactory(title="有标签", tags=["招商引资"])
    ArticleFactory(title="无标签")

    response = client.get("/tags/招商引资/")

    assert [a.title for a in response.context["articles"]] == ["有标签"]


def count_queries(client, url):
    """Queries of a request once the versioned fragments (sidebars) are warm."""
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def test_query_count_does_not_grow_with_the_number_of_articles_on_a_page(client):
    """Two fully related articles, then more than a page: the same queries."""
    first = full_article()
    official = first.officials.first()
    department = first.departments.first()
    reporter = first.bylines.first().reporter

    def urls():
        return [url for url in public_urls(first) if url != first.get_absolute_url()]

    def add_related_articles(count):
        for _ in range(count):
            article = full_article()
            article.officials.add(official)
            article.departments.add(department)
            BylineFactory(article=article, reporter=reporter, order=5)
            article.tags.add(*first.tags.all())

    add_related_articles(1)  # the home page's lead plus one item in each list
    few = {url: count_queries(client, url) for url in urls()}
    add_related_articles(PAGE_SIZE + 3)
    many = {url: count_queries(client, url) for url in urls()}

    assert many == few
    assert max(many.values()) <= 12, many


def test_article_page_query_count_does_not_grow_with_officials(client):
    article = full_article()
    few = count_queries(client, article.get_absolute_url())
    for rank in range(8):
        article.officials.add(PositionFactory(rank=rank).official)
    assert count_queries(client, article.get_absolute_url()) == few
