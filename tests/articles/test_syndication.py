import datetime
import xml.etree.ElementTree as ET

import feedparser
import pytest
from django.urls import reverse

from tests.factories import ArticleFactory, full_article

pytestmark = pytest.mark.django_db
UTC = datetime.UTC
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture
def articles():
    public = full_article(title="公开稿件", summary="公开稿件的摘要")
    hidden = full_article(title="草稿稿件", status="draft")
    hidden.officials.set(public.officials.all())
    hidden.departments.set(public.departments.all())
    scheduled = full_article(
        title="定时稿件", published_at=datetime.datetime(2999, 1, 1, tzinfo=UTC)
    )
    scheduled.officials.set(public.officials.all())
    return public


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    return feed


def feed_urls(public):
    official = public.officials.first().slug
    department = public.departments.first().slug
    return [
        reverse("feed_latest"),
        reverse("feed_latest_atom"),
        reverse("feed_official", args=[official]),
        reverse("feed_official_atom", args=[official]),
        reverse("feed_department", args=[department]),
        reverse("feed_department_atom", args=[department]),
    ]


def test_feeds_parse_and_carry_only_public_articles_with_metadata(client, articles):
    for url in feed_urls(articles):
        feed = parse(client, url)
        assert [e.title for e in feed.entries] == ["公开稿件"], url
        entry = feed.entries[0]
        assert entry.summary == "公开稿件的摘要"
        assert entry.link.endswith(articles.get_absolute_url())
        assert entry.author == articles.byline_text()
        assert {t.term for t in entry.tags} >= {"民生", "安全生产"}
        published = entry.get("published") or entry.get("updated")
        assert published.endswith(("+0800", "+08:00")), published


def test_feed_for_an_unknown_official_is_not_found(client):
    assert client.get(reverse("feed_official", args=["nobody"])).status_code == 404


def test_sitemap_is_valid_xml_listing_only_public_urls(client, articles):
    index = ET.fromstring(client.get(reverse("sitemap")).content)
    locations = []
    for section in index.iter(f"{SITEMAP_NS}loc"):
        path = section.text.split("testserver", 1)[1]
        tree = ET.fromstring(client.get(path).content)
        locations += [
            loc.text.split("testserver", 1)[1] for loc in tree.iter(f"{SITEMAP_NS}loc")
        ]

    assert articles.get_absolute_url() in locations
    assert reverse("official_list") in locations
    assert articles.officials.first().get_absolute_url() in locations
    assert articles.departments.first().get_absolute_url() in locations
    for location in locations:
        assert client.get(location).status_code == 200, location
    html = "".join(locations)
    assert "草稿" not in html and "定时" not in html


def test_robots_txt_points_to_the_sitemap_and_keeps_out_of_the_admin(client):
    text = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


def test_article_page_has_canonical_and_sharing_meta(client):
    article = ArticleFactory(title="分享的稿件", summary="摘要")
    html = client.get(article.get_absolute_url()).content.decode()

    assert (
        f'<link rel="canonical" href="http://testserver{article.get_absolute_url()}">'
        in html
    )
    assert '<meta property="og:title" content="分享的稿件">' in html
    assert '<meta property="og:type" content="article">' in html
    assert 'name="twitter:card"' in html
