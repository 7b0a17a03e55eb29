"""The self-inspection's link checker (#19 item 2), against a local HTTP server
the tests start: live, dead, redirecting and slow pages; never the internet."""

import datetime

import pytest
from django.utils import timezone

from articles.inspection import links
from articles.models import LinkCheck
from tests.factories import ArticleFactory
from tests.helpers import LinkServer

pytestmark = pytest.mark.django_db
R = LinkCheck.Result


@pytest.fixture
def server(settings):
    settings.LINK_CHECK_TIMEOUT = 1
    with LinkServer(slow_seconds=3) as running:
        yield running


@pytest.mark.parametrize(
    ("path", "result", "status"),
    [
        ("/live", R.OK, 200),
        ("/moved", R.OK, 200),  # a redirect within the same site is fine
        ("/head-refused", R.OK, 200),  # HEAD refused, GET answers
        ("/dead", R.DEAD, 404),
        ("/gone", R.DEAD, 410),
        ("/away", R.REDIRECT, 200),
        ("/loop", R.DEAD, None),
        ("/slow", R.DEAD, None),
    ],
)
def test_each_kind_of_link_gets_its_result(server, path, result, status):
    found = links.check_url(server.url(path))

    assert (found.result, found.status_code) == (result, status)


def test_head_comes_first_and_get_only_when_head_fails(server):
    links.check_url(server.url("/live"))
    links.check_url(server.url("/head-refused"))

    assert server.requests == [
        ("HEAD", "/live"),
        ("HEAD", "/head-refused"),
        ("GET", "/head-refused"),
    ]


def test_a_redirect_to_another_site_says_where_it_goes(server):
    found = links.check_url(server.url("/away"))

    assert found.final_url == server.url("/live", host="localhost")


def test_a_slow_site_times_out_as_dead(server):
    found = links.check_url(server.url("/slow"))

    assert found.result == R.DEAD and found.error == "超时"


def test_an_address_that_cannot_be_reached_is_dead_not_an_error():
    found = links.check_url("http://127.0.0.1:9/nothing-listens-here", timeout=1)

    assert found.result == R.DEAD and found.error.startswith("无法连接")


def test_results_are_kept_and_a_rerun_checks_only_old_ones(server):
    urls = [server.url("/live"), server.url("/dead")]
    assert links.check_external(urls) == (2, [])
    kept = dict(LinkCheck.objects.values_list("url", "result"))
    assert kept == {urls[0]: R.OK, urls[1]: R.DEAD}
    asked = len(server.requests)

    assert links.check_external(urls) == (0, [])
    assert len(server.requests) == asked

    LinkCheck.objects.filter(url=urls[1]).update(
        checked_at=timezone.now() - datetime.timedelta(hours=30)
    )
    assert links.check_external(urls) == (1, [])
    assert server.requests[asked:] == [("HEAD", "/dead"), ("GET", "/dead")]


def test_one_host_gets_a_bounded_number_of_requests_at_once(server, settings):
    settings.LINK_CHECK_WORKERS = 6
    settings.LINK_CHECK_PER_HOST = 2
    urls = [server.url(f"/wait/{n}") for n in range(8)]

    links.check_external(urls)

    assert server.most_at_once == 2
    assert LinkCheck.objects.filter(result=R.OK).count() == 8


def test_a_host_beyond_its_limit_waits_for_the_next_run(server, settings):
    settings.LINK_CHECK_HOST_LIMIT = 3
    urls = [server.url(f"/wait/{n}") for n in range(5)]

    checked, left = links.check_external(urls)

    assert checked == 3 and len(left) == 2
    assert links.check_external(urls) == (2, [])


def test_links_are_found_in_published_bodies_only(server):
    live, dead = server.url("/live"), server.url("/dead")
    ArticleFactory(
        body=f'<p><a href="{live}">一</a><a href="/articles/9/x/">二</a></p>'
    )
    ArticleFactory(body=f'<p><a href="{dead}">三</a></p>', status="draft")
    ArticleFactory(body='<p><a href="mailto:a@example.com">信</a></p>')

    external, internal = links.gather()

    assert list(external) == [live]
    assert list(internal) == ["/articles/9/x/"]


def test_links_to_this_site_by_its_address_are_internal(settings):
    settings.SITE_URL = "https://news.example.gov.cn"
    hosts = links.own_hosts()

    assert links.kind_of("https://news.example.gov.cn/archive/", hosts) == "internal"
    assert links.kind_of("https://www.gov.cn/", hosts) == "external"
    assert links.kind_of("javascript:alert(1)", hosts) is None
