"""HTTP caching a shared cache can use: headers, conditional requests, purges.

Public anonymous pages say how long a shared cache may keep them, carry an ETag
for 304s and list their surrogate keys; nothing personal is ever public. Purges go
to the configured cache servers over HTTP, are retried, and never fail a publish.
"""

import logging
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.test import Client
from django.urls import reverse

from articles import services
from articles.models import Article
from newsroom import roles
from newsroom.caching import keys, purge
from tests.factories import ArticleFactory, full_article

pytestmark = pytest.mark.django_db


@pytest.fixture(params=[True, False], ids=["page-cache", "no-page-cache"])
def page_cache(request, settings):
    """With the in-app page cache and without it (Varnish alone in front)."""
    settings.PUBLIC_PAGE_CACHE = request.param
    return request.param


def directives(response):
    return {d.strip() for d in response["Cache-Control"].split(",")}


def test_public_pages_say_how_a_shared_cache_may_keep_them(client, page_cache):
    article = full_article(title="公开的稿件")
    for attempt in range(2):  # a miss, then (with the page cache) a hit
        response = client.get(article.get_absolute_url())
        assert response.status_code == 200
        found = directives(response)
        assert {"public", "max-age=0", "stale-if-error=86400"} <= found
        assert "stale-while-revalidate=30" in found
        assert any(d.startswith("s-maxage=") for d in found)
        tags = set(response["xkey"].split())
        assert response["Surrogate-Key"] == response["xkey"]
        assert {keys.SITE, keys.article_tag(article.pk), keys.LEADERS} <= tags
        official = article.officials.first()
        assert keys.official_tag(official.pk) in tags  # its meta names the leader
        assert response["ETag"] and response["Last-Modified"]
        if page_cache:
            assert response["X-Cache"] == ("miss", "hit")[attempt]


def test_a_conditional_request_is_answered_304(client, page_cache):
    ArticleFactory(title="不变的稿件")
    first = client.get("/")
    again = client.get("/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    other = client.get("/", HTTP_IF_NONE_MATCH='"something-else"')
    assert other.status_code == 200


def test_lists_name_their_list_and_every_item_they_show(client):
    article = full_article(title="列表里的稿件")
    official = article.officials.first()
    response = client.get(official.get_absolute_url())
    tags = set(response["xkey"].split())
    assert {
        keys.official_tag(official.pk),
        keys.official_tag(official.pk, listing=True),
        keys.article_tag(article.pk),
    } <= tags
    day = article.publication_date()
    archive = client.get(reverse("archive_day", args=[day.year, day.month, day.day]))
    assert f"d{day:%Y%m%d}" in archive["xkey"].split()


def test_nothing_personal_is_public(client, make_user):
    ArticleFactory(title="公开稿件")
    reporter = make_user(roles.REPORTER, "http-reporter")
    logged_in = Client()
    logged_in.force_login(reporter)

    page = logged_in.get("/")
    assert {"private", "no-store"} <= directives(page)
    assert not page.has_header("xkey")
    admin = logged_in.get(reverse("admin:index"))
    assert "public" not in directives(admin) and "private" in directives(admin)
    switched = client.get(reverse("display_mode") + "?mode=large&next=/")
    assert switched.cookies  # the large-text switch sets a cookie
    assert "public" not in switched.get("Cache-Control", "")
    assert {"private", "no-store"} <= directives(switched)
    missing = client.get("/articles/999999/")
    assert missing.status_code == 404
    assert "public" not in missing.get("Cache-Control", "")


class Recorder(BaseHTTPRequestHandler):
    received = []

    def do_PURGE(self):  # noqa: N802 (the HTTP method's name)
        Recorder.received.append((self.path, self.headers.get("xkey-purge")))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        return None


@pytest.fixture
def cache_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    Recorder.received = []
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_a_publish_sends_one_purge_with_its_tags_to_each_server(
    settings, cache_server, commit, make_user
):
    settings.CACHE_PURGE_SERVERS = [cache_server, cache_server + "/"]
    editor = make_user(roles.EDITOR, "http-editor")
    article = ArticleFactory(title="待签发", status=Article.Status.IN_REVIEW)
    commit()
    Recorder.received.clear()

    commit(lambda: services.article_approve(article=article, actor=editor))

    assert len(Recorder.received) == 2  # one per server, one for the transaction
    for path, header in Recorder.received:
        assert path == "/"
        assert {keys.article_tag(article.pk), keys.NEWEST} <= set(header.split())


def test_a_failed_purge_is_retried_logged_and_never_fails_the_publish(
    settings, commit, make_user, caplog
):
    settings.CACHE_PURGE_SERVERS = ["http://127.0.0.1:9"]  # nothing listens there
    settings.CACHE_PURGE_RETRIES = 1
    settings.CACHE_PURGE_TIMEOUT = 1
    editor = make_user(roles.EDITOR, "http-editor2")
    article = ArticleFactory(title="仍然签发", status=Article.Status.IN_REVIEW)
    commit()

    with caplog.at_level(logging.WARNING, logger="newsroom.caching.purge"):
        commit(lambda: services.article_approve(article=article, actor=editor))

    article.refresh_from_db()
    assert article.is_published()
    [line] = [r for r in caplog.records if r.name == "newsroom.caching.purge"]
    assert "after 2 tries" in line.getMessage()
    assert keys.article_tag(article.pk) in line.getMessage()


def test_a_long_list_of_tags_goes_in_several_requests(cache_server):
    backend = purge.VarnishXkeyPurge([cache_server], timeout=2, retries=0)
    backend.purge({f"a{n}" for n in range(450)})
    assert len(Recorder.received) == 3
    sent = {tag for _, header in Recorder.received for tag in header.split()}
    assert len(sent) == 450
