"""Varnish in front of the app, with the VCL the project ships (docs/varnish.vcl).

A real ``varnishd`` (Debian's varnish and varnish-modules, for xkey) listens on
127.0.0.1 in front of the test server; the app's purges go to it. CI installs
both; elsewhere these tests skip when varnishd or the xkey module is missing.
"""

import http.client
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.urls import reverse

from articles import services
from articles.models import Article
from newsroom import roles
from tests.factories import ArticleFactory
from tests.varnish import Varnish, varnish_installed

pytestmark = [
    pytest.mark.skipif(
        not varnish_installed(),
        reason="needs Debian's varnish and varnish-modules (CI installs them)",
    ),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def varnish(tmp_path, live_server, settings):
    port = int(live_server.url.rsplit(":", 1)[1])
    front = Varnish(tmp_path, port)
    settings.CACHE_PURGE_SERVERS = [front.url]
    settings.PUBLIC_PAGE_CACHE = False  # Varnish alone: what it keeps is what counts
    yield front
    front.stop()


def state(varnish, path, **kwargs):
    status, headers, _ = varnish.get(path, **kwargs)
    return status, headers.get("X-Varnish-Cache")


def test_a_second_anonymous_request_is_a_varnish_hit(varnish):
    article = ArticleFactory(title="前台缓存的稿件")
    assert state(varnish, article.get_absolute_url()) == (200, "miss")
    assert state(varnish, article.get_absolute_url()) == (200, "hit")
    assert state(varnish, "/") == (200, "miss")
    assert state(varnish, "/") == (200, "hit")
    _, headers, _ = varnish.get("/")
    assert "xkey" not in {h.lower() for h in headers}  # keys stay in the cache


def test_publish_and_withdraw_reach_readers_within_a_second(varnish, make_user):
    editor = make_user(roles.EDITOR, "varnish-editor")
    ArticleFactory(title="已经公开的稿件")
    newcomer = ArticleFactory(title="刚刚签发的稿件", status=Article.Status.IN_REVIEW)
    lists = ["/", reverse("archive")]
    for path in lists:
        varnish.get(path)
        assert state(varnish, path) == (200, "hit")

    services.article_approve(article=newcomer, actor=editor)

    started = time.monotonic()
    for path in lists:
        _, _, body = varnish.get(path)
        assert "刚刚签发的稿件" in body.decode()
    assert varnish.get(newcomer.get_absolute_url())[0] == 200
    assert time.monotonic() - started < 1

    newcomer.refresh_from_db()
    services.article_withdraw(article=newcomer, actor=editor, reason="撤下")
    started = time.monotonic()
    assert varnish.get(newcomer.get_absolute_url())[0] == 404
    assert "刚刚签发的稿件" not in varnish.get("/")[2].decode()
    assert time.monotonic() - started < 1


def test_a_draft_save_purges_nothing(varnish, make_user):
    reporter = make_user(roles.REPORTER, "varnish-reporter")
    public = ArticleFactory(title="公开稿件")
    draft = ArticleFactory(title="草稿", status=Article.Status.DRAFT, author=reporter)
    for path in ["/", public.get_absolute_url()]:
        varnish.get(path)

    draft.title = "改过的草稿"
    draft.save()
    services.article_submit(article=draft, actor=reporter)

    assert state(varnish, "/") == (200, "hit")
    assert state(varnish, public.get_absolute_url()) == (200, "hit")


def test_logged_in_visitors_and_the_admin_are_never_cached(
    varnish, live_server, client, make_user
):
    ArticleFactory(title="公开稿件")
    reporter = make_user(roles.REPORTER, "varnish-staff")
    client.force_login(reporter)
    session = f"sessionid={client.cookies['sessionid'].value}"
    for _ in range(2):
        assert state(varnish, "/", cookie=session)[1] == "pass"
        status, cached = state(varnish, "/admin/login/")
        assert status == 200 and cached == "pass"
    # The anonymous copy is still a copy of its own, cached.
    varnish.get("/")
    assert state(varnish, "/")[1] == "hit"


def test_a_response_that_sets_a_cookie_is_never_cached_and_large_text_is_its_own(
    varnish,
):
    ArticleFactory(title="大字版稿件")
    for _ in range(2):
        switch = http.client.HTTPConnection("127.0.0.1", varnish.port, timeout=5)
        switch.request("GET", "/display/?mode=large&next=/")
        answer = switch.getresponse()
        assert answer.status == 302 and "display=large" in answer.getheader(
            "Set-Cookie"
        )
        assert answer.getheader("X-Varnish-Cache") == "pass"
    varnish.get("/", cookie="display=large; csrftoken=abc")
    assert state(varnish, "/", cookie="display=large")[1] == "hit"
    assert state(varnish, "/", cookie="csrftoken=zzz")[1] == "miss"  # normal copy
    _, _, large = varnish.get("/", cookie="display=large")
    _, _, normal = varnish.get("/")
    assert large != normal


def test_purges_are_taken_only_from_allowed_addresses(varnish):
    ArticleFactory(title="不许外人清除")
    varnish.get("/")
    outsider = http.client.HTTPConnection(
        "127.0.0.1", varnish.port, source_address=("127.0.0.2", 0), timeout=5
    )
    outsider.request("PURGE", "/", headers={"xkey-purge": "site"})
    assert outsider.getresponse().status == 403
    assert state(varnish, "/")[1] == "hit"

    insider = http.client.HTTPConnection("127.0.0.1", varnish.port, timeout=5)
    insider.request("PURGE", "/", headers={"xkey-purge": "site"})
    assert insider.getresponse().status == 200
    assert state(varnish, "/")[1] == "miss"


class Flaky(BaseHTTPRequestHandler):
    """An app that answers its health probe and one public page, until stopped."""

    def do_GET(self):  # noqa: N802 (the HTTP method's name)
        body = b"ok" if self.path == "/healthz" else "版面".encode()
        self.send_response(200)
        self.send_header("Cache-Control", "public, max-age=0, s-maxage=1")
        if self.path == "/cookie/":  # even marked public: a cookie is personal
            self.send_header("Set-Cookie", "visitor=1")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        return None


def test_stale_pages_are_served_while_the_app_is_down(tmp_path):
    app = ThreadingHTTPServer(("127.0.0.1", 0), Flaky)
    threading.Thread(target=app.serve_forever, daemon=True).start()
    front = Varnish(tmp_path, app.server_address[1])
    try:
        assert front.get("/page/")[0] == 200
        app.shutdown()
        app.server_close()
        time.sleep(4)  # the page's s-maxage passes and the probe marks it sick
        status, headers, body = front.get("/page/")
        assert status == 200 and body.decode() == "版面"
        assert headers.get("X-Varnish-Cache") == "hit"
        assert front.get("/never-seen/")[0] == 503
    finally:
        front.stop()


def test_a_response_setting_a_cookie_is_never_stored_even_if_marked_public(tmp_path):
    app = ThreadingHTTPServer(("127.0.0.1", 0), Flaky)
    threading.Thread(target=app.serve_forever, daemon=True).start()
    front = Varnish(tmp_path, app.server_address[1])
    try:
        for _ in range(3):
            status, headers, _ = front.get("/cookie/")
            assert status == 200 and headers.get("X-Varnish-Cache") != "hit"
            assert "visitor=1" in headers.get("Set-Cookie", "")
        front.get("/page/")
        assert front.get("/page/")[1].get("X-Varnish-Cache") == "hit"
    finally:
        front.stop()
        app.shutdown()
        app.server_close()
