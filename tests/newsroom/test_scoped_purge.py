"""Only what the public sees changes purges pages, and only the pages that show it.

Each test warms a small site's public pages, does what staff do (save a draft,
autosave, submit, publish, edit, withdraw, rename a leader…), commits, and asks
every page again: ``X-Cache: hit`` where nothing it shows changed, ``miss`` where
it did. A recording purge backend stands in for Varnish and counts the purges.
"""

import io
import json

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse

from articles import services
from articles.models import Article, ArticleAutosave
from newsroom import roles
from newsroom.caching import keys
from tests.factories import ArticleFactory, PositionFactory, full_article
from tests.helpers import login, public_urls, save_form

pytestmark = pytest.mark.django_db

SENT = []


class RecordingPurge:
    def __init__(self, servers, timeout, retries):
        pass

    def purge(self, tags):
        SENT.append(set(tags))


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PUBLIC_PAGE_CACHE = True
    settings.CACHE_PURGE_BACKEND = "tests.newsroom.test_scoped_purge.RecordingPurge"
    SENT.clear()


@pytest.fixture
def site(commit, make_user):
    """Two public articles with different leaders, departments, reporters and
    tags, a reporter's draft, and an editor; all committed."""
    staff = {
        "reporter": make_user(roles.REPORTER, "purge-reporter"),
        "editor": make_user(roles.EDITOR, "purge-editor"),
    }
    first = full_article(title="第一篇公开稿件")
    second = full_article(title="第二篇公开稿件")
    draft = ArticleFactory(
        title="记者的草稿", status=Article.Status.DRAFT, author=staff["reporter"]
    )
    commit()
    SENT.clear()
    return {"first": first, "second": second, "draft": draft, **staff}


def warm(urls):
    client = Client()
    for url in urls:
        assert client.get(url).status_code == 200, url
    for url in urls:
        assert client.get(url)["X-Cache"] == "hit", url


def cached(urls):
    """{url: "hit" or "miss"} for a fresh anonymous visitor."""
    client = Client()
    return {url: client.get(url)["X-Cache"] for url in urls}


def first_only(site):
    """The pages that show the first article and not the second."""
    first, second = site["first"], site["second"]
    shared = {reverse("home"), reverse("archive"), reverse("official_list")}
    shared |= {reverse("department_list")}
    shared |= set(public_urls(second))
    return [url for url in public_urls(first) if url not in shared]


def test_staff_work_on_unpublished_articles_purges_nothing(site, commit):
    urls = public_urls(site["first"]) + public_urls(site["second"])
    warm(urls)
    reporter, draft = site["reporter"], site["draft"]
    client = login(reporter)

    # A draft saved in the form, autosaved, submitted; a review comment.
    response = commit(lambda: save_form(client, draft, title="改过的草稿标题"))
    assert response.status_code == 302
    answer = commit(
        lambda: client.post(
            reverse("admin:articles_article_autosave"),
            json.dumps({"article": draft.pk, "data": {"title": "正在输入"}}),
            content_type="application/json",
        )
    )
    assert answer.status_code == 200
    assert ArticleAutosave.objects.filter(article=draft).exists()
    commit(lambda: services.article_submit(article=draft, actor=reporter))
    draft.refresh_from_db()
    editor = site["editor"]
    commit(
        lambda: services.article_return(article=draft, actor=editor, comment="请补充")
    )

    assert set(cached(urls).values()) == {"hit"}
    assert SENT == []


def test_publishing_purges_exactly_the_pages_that_list_it(site, commit):
    first, second = site["first"], site["second"]
    official = first.officials.first()
    newcomer = ArticleFactory(title="新发布的领导活动", status=Article.Status.IN_REVIEW)
    newcomer.officials.add(official)
    commit()
    SENT.clear()
    untouched = [second.get_absolute_url(), first.get_absolute_url()]
    untouched += [second.officials.first().get_absolute_url()]
    listing = [reverse("home"), official.get_absolute_url()]
    warm(untouched + listing)

    commit(lambda: services.article_approve(article=newcomer, actor=site["editor"]))

    newcomer.refresh_from_db()
    assert newcomer.is_published()
    assert cached(untouched) == dict.fromkeys(untouched, "hit")
    assert cached(listing) == dict.fromkeys(listing, "miss")
    page = Client().get(reverse("home")).content.decode()
    assert "新发布的领导活动" in page
    # One purge for the whole transaction, naming the lists it joined.
    assert len(SENT) == 1
    [tags] = SENT
    assert {keys.NEWEST, keys.official_tag(official.pk, listing=True)} <= tags
    assert keys.article_tag(newcomer.pk) in tags
    assert keys.article_tag(first.pk) not in tags


def test_editing_a_published_article_purges_its_page_and_its_list_items(site, commit):
    first, second = site["first"], site["second"]
    mine = first_only(site)
    theirs = [second.get_absolute_url(), second.officials.first().get_absolute_url()]
    warm(mine + theirs + [reverse("home")])

    editor = login(site["editor"])
    saved = commit(
        lambda: save_form(editor, first, title="更正后的标题", correction_note="标题")
    )

    assert saved.status_code == 302
    assert Article.objects.get(pk=first.pk).title == "更正后的标题"
    assert set(cached(mine).values()) == {"miss"}  # its page, its lists' items
    assert cached(theirs) == dict.fromkeys(theirs, "hit")
    assert "更正后的标题" in Client().get(reverse("home")).content.decode()
    # Its page and items; the correction note is shown on its page only.
    assert set().union(*SENT) == {keys.article_tag(first.pk)}


def test_withdrawing_purges_its_page_and_lists_and_leaves_the_others(site, commit):
    first, second = site["first"], site["second"]
    mine = first_only(site)
    warm(mine + [second.get_absolute_url()])

    commit(
        lambda: services.article_withdraw(
            article=first, actor=site["editor"], reason="信息有误"
        )
    )

    assert Client().get(first.get_absolute_url()).status_code == 404
    assert cached([second.get_absolute_url()]) == {second.get_absolute_url(): "hit"}
    assert "第一篇公开稿件" not in Client().get(reverse("home")).content.decode()


def test_a_leaders_new_title_purges_the_pages_that_name_them_only(site, commit):
    first, second = site["first"], site["second"]
    official = first.officials.first()
    names_them = [official.get_absolute_url(), first.get_absolute_url()]
    warm(names_them + [second.get_absolute_url(), reverse("tag_detail", args=["民生"])])

    position = official.positions.first()
    position.title = "区长"
    commit(position.save)

    after = cached(names_them)
    assert after == dict.fromkeys(names_them, "miss")
    # Every section page shows the leaders' column: the second article's too.
    assert cached([second.get_absolute_url()])[second.get_absolute_url()] == "miss"
    assert SENT == [{keys.LEADERS, keys.official_tag(official.pk)}]


def test_a_new_leader_reaches_the_column_and_the_search_filter(site, commit):
    warm([reverse("official_list"), reverse("search") + "?q=稿件"])

    commit(lambda: PositionFactory(official__name="新任领导", official__slug="new-one"))

    assert "新任领导" in Client().get(reverse("official_list")).content.decode()
    assert "新任领导" in Client().get(reverse("search") + "?q=稿件").content.decode()


def test_a_purge_in_a_transaction_that_rolls_back_is_not_sent(site, commit):
    first = site["first"]
    warm([first.get_absolute_url()])
    try:
        with transaction.atomic():
            first.title = "不会保存的标题"
            first.save()
            raise RuntimeError("rolled back")
    except RuntimeError:
        pass
    commit()

    assert SENT == []
    assert cached([first.get_absolute_url()]) == {first.get_absolute_url(): "hit"}


# A restore --replace flushes, which PostgreSQL refuses inside a test's transaction.
@pytest.mark.django_db(transaction=True)
def test_a_restore_purges_every_page_a_shared_cache_holds(site, tmp_path, commit):
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", str(archive), "--format=json", stdout=io.StringIO())
    SENT.clear()

    try:
        call_command(
            "restore",
            str(archive),
            "--replace",
            "--with-accounts",
            "--noinput",
            stdout=io.StringIO(),
        )
    finally:
        # The restore made content types anew: later tests must not find the old
        # ones in the process's cache.
        ContentType.objects.clear_cache()

    assert {keys.SITE} in SENT
