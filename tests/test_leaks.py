"""Nothing that is not public leaks onto the public site before its time."""

import datetime
from urllib.parse import quote

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from tests.crawl import crawl, public_routes
from tests.factories import (
    ArticleFactory,
    BylineFactory,
    DepartmentFactory,
    PositionFactory,
    ReporterFactory,
)
from tests.helpers import epaper_edition_of

pytestmark = pytest.mark.django_db

S = Article.Status
EDITION = datetime.date(2024, 3, 8)

# Routes a reader cannot reach by a plain GET of a page: the display switch only
# redirects back where it came from.
NOT_PAGES = {"display_mode"}


@pytest.fixture
def newsroom():
    """One public article, and one article in each non-public state sharing its
    official, department, reporter, tag and edition, each with its own marker."""
    official = PositionFactory(title="区长", rank=10).official
    department = DepartmentFactory(name="区应急管理局")
    reporter = ReporterFactory(name="公开记者")
    now = timezone.now()

    def article(marker, **fields):
        item = ArticleFactory(
            title=f"{marker}标题关于安全生产",
            kicker=f"{marker}引题",
            subtitle=f"{marker}副题",
            summary=f"{marker}摘要",
            body=f"<p>{marker}正文，部署安全生产工作。</p>",
            source=f"{marker}来源",
            edition_date=EDITION,
            page_number=1,
            page_name="要闻",
            **fields,
        )
        item.officials.add(official)
        item.departments.add(department)
        BylineFactory(article=item, reporter=reporter)
        item.tags.add("安全生产", f"{marker}标签")
        return item

    public = article("公开稿件", published_at=now - datetime.timedelta(days=2))
    hidden = {
        "MARKDRAFTQ1": article("MARKDRAFTQ1", status=S.DRAFT, published_at=None),
        "MARKREVIEWQ2": article("MARKREVIEWQ2", status=S.IN_REVIEW, published_at=None),
        "MARKRETURNQ3": article("MARKRETURNQ3", status=S.RETURNED, published_at=None),
        "MARKWITHDRAWQ4": article(
            "MARKWITHDRAWQ4",
            status=S.WITHDRAWN,
            published_at=now - datetime.timedelta(days=1),
        ),
        "MARKSCHEDULEDQ5": article(
            "MARKSCHEDULEDQ5",
            status=S.PUBLISHED,
            published_at=now + datetime.timedelta(hours=3),
        ),
    }
    # A non-public article's own reporter and official appear nowhere either.
    secret_reporter = ReporterFactory(name="MARKREPORTERQ6")
    BylineFactory(article=hidden["MARKDRAFTQ1"], reporter=secret_reporter, order=1)
    # The e-paper page prints them all; only the public one may be a region.
    edition = epaper_edition_of(EDITION, [public, *hidden.values()])
    assert edition.pages.get().regions.count() == 1 + len(hidden)
    return public, hidden


def test_no_marker_of_a_non_public_article_appears_anywhere_public(newsroom):
    public, hidden = newsroom
    markers = [*hidden, "MARKREPORTERQ6"]
    words = ["安全生产", "标题", "引题", "副题", "摘要", "正文", "来源", "标签"]
    searches = [f"/search/?q={quote(term)}" for term in [*markers, *words]]
    own_pages = [item.get_absolute_url() for item in hidden.values()] + [
        f"/articles/{item.pk}/" for item in hidden.values()
    ]

    official, department = public.officials.get(), public.departments.get()
    # Routes with arguments, filled in from the newsroom's own objects, in case no
    # page links to them.
    by_route = [
        reverse("archive_year", args=[EDITION.year]),
        reverse("archive_day", args=[EDITION.year, EDITION.month, EDITION.day]),
        reverse("epaper_day", args=[EDITION.isoformat()]),
        reverse("article_short", args=[public.pk]),
        reverse("feed_official_atom", args=[official.slug]),
        reverse("feed_department_atom", args=[department.slug]),
    ]

    result = crawl(extra=searches + own_pages + by_route)

    statuses = {status for status, _ in result.pages.values()}
    assert statuses <= {200, 301, 302, 404}
    ok = [address for address, (status, _) in result.texts() if status == 200]
    assert public.get_absolute_url() in ok, "the crawl never reached the public story"
    hidden_links = [f"/articles/{item.pk}/" for item in hidden.values()]
    for address, (_status, text) in result.texts():
        for marker in markers:
            # A search page repeats its own query; what it finds is checked below.
            if marker not in address:
                assert marker not in text, f"{marker} leaked on {address}"
        for link in hidden_links:
            assert f'href="{link}' not in text, f"{link} linked from {address}"
    for address in own_pages:
        assert result.pages[address][0] == 404, address

    every_route = {name for name, _ in public_routes()} - NOT_PAGES
    assert every_route - result.routes == set(), "routes the crawl never reached"
    # The figure the security note reports.
    print(f"crawled {len(result.pages)} public addresses, {len(ok)} pages")  # noqa: T201


def test_a_scheduled_article_appears_once_its_time_comes(newsroom, time_machine):
    _, hidden = newsroom
    scheduled = hidden["MARKSCHEDULEDQ5"]
    time_machine.move_to(scheduled.published_at + datetime.timedelta(minutes=1))

    result = crawl(limit=200)

    assert result.pages[scheduled.get_absolute_url()][0] == 200
    assert any("MARKSCHEDULEDQ5" in text for _, (_, text) in result.texts())
