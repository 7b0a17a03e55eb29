"""The article of an article page with everything it shows (article_page): on
PostgreSQL one prepared statement, elsewhere the prefetches; the same answer."""

import datetime

import pytest
from django.db import connection
from django.db.models import prefetch_related_objects
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import (
    Article,
    Byline,
    Correction,
    Edition,
    Page,
    article_page,
    detail_prefetches,
)
from tests.factories import (
    ArticleFactory,
    BylineFactory,
    DepartmentFactory,
    PositionFactory,
    full_article,
)

pytestmark = pytest.mark.django_db
RELATIONS = ("bylines", "officials", "departments", "tags", "corrections")


def prefetched(article):
    found = Article.objects.get(pk=article.pk)
    prefetch_related_objects([found], *detail_prefetches())
    return found


def as_read(article):
    """Everything the page reads of an article's relations, field by field."""
    return {
        "bylines": [
            (b.pk, b.reporter_id, b.role, b.label, b.order, b.reporter.name,
             b.reporter.slug, b.reporter.kind, b.reporter.unit)
            for b in article.bylines.all()
        ],
        "officials": [
            (o.pk, o.name, o.slug, [
                (p.pk, p.title, p.rank, p.start_date, p.end_date, p.department_id)
                for p in o.positions.all()
            ])
            for o in article.officials.all()
        ],
        "departments": [(d.pk, d.name, d.slug) for d in article.departments.all()],
        "tags": sorted((t.pk, t.name, t.slug) for t in article.tags.all()),
        "corrections": [
            (c.pk, c.note, c.created_at, c.created_by_id)
            for c in article.corrections.all()
        ],
        "titles": [(o.pk, title) for o, title in article.officials_with_titles()],
        "byline": article.byline_text(),
        "fields": [
            getattr(article, f.attname)
            for f in Article._meta.concrete_fields
            if f.attname not in ("search_text", "search_vector")
        ],
    }  # fmt: skip


def test_an_article_page_reads_what_the_prefetches_read():
    article = full_article(kicker="引题", edition_date=datetime.date(2024, 3, 6))
    first = article.officials.first()
    PositionFactory(
        official=first,
        title="前任职务",
        rank=5,
        start_date=datetime.date(2010, 1, 1),
        end_date=datetime.date(2015, 1, 1),
    )
    for department in article.departments.all():
        department.order = 5
        department.save()
    article.departments.add(DepartmentFactory(name="排在前面", order=1))
    BylineFactory(article=article, order=2, label="首席记者")
    Correction.objects.create(
        article=article,
        note="更正：第二段的数字有误。",
        created_at=timezone.now() - datetime.timedelta(hours=3, microseconds=17),
    )
    Correction.objects.create(article=article, note="再次更正。")

    found = article_page(article.pk)

    assert as_read(found) == as_read(prefetched(article))
    assert len(found.corrections.all()) == 2
    assert found.departments.all()[0].name == "排在前面"
    # The relations are where a prefetch puts them: reading them asks nothing more.
    with CaptureQueriesContext(connection) as queries:
        as_read(found)
        for name in RELATIONS:
            assert getattr(found, name).count() == len(getattr(found, name).all())
    assert len(queries) == 0


def test_an_article_page_is_one_statement_on_postgresql():
    article = full_article()
    with CaptureQueriesContext(connection) as queries:
        article_page(article.pk)
    assert len(queries) == (1 if connection.vendor == "postgresql" else 7)


def test_an_article_without_relations_has_empty_ones():
    article = ArticleFactory()
    found = article_page(article.pk)
    for name in RELATIONS:
        assert list(getattr(found, name).all()) == []
    assert found.print_day is None


@pytest.mark.parametrize(
    "state",
    [
        {"status": Article.Status.DRAFT},
        {"status": Article.Status.IN_REVIEW},
        {"status": Article.Status.WITHDRAWN},
        {"published_at": "future"},
    ],
)
def test_only_a_public_article_has_a_page(state):
    if state.get("published_at") == "future":
        state = {"published_at": timezone.now() + datetime.timedelta(hours=1)}
    article = ArticleFactory(**state)
    assert article_page(article.pk) is None
    assert article_page(article.pk + 1000) is None


def test_the_print_day_is_there_only_when_its_page_is_published():
    day = datetime.date(2024, 3, 6)
    article = ArticleFactory(edition_date=day, page_number=2)
    elsewhere = ArticleFactory(edition_date=day, page_number=3)
    edition = Edition.objects.create(date=day, number=12)
    Page.objects.create(edition=edition, number=2, name="综合")

    assert article_page(article.pk).print_day is None  # not published yet
    edition.published = True
    edition.save()
    assert article_page(article.pk).print_day == day
    assert article_page(elsewhere.pk).print_day is None  # no page 3


def test_a_filtered_relation_of_an_article_page_still_asks_the_database():
    article = full_article()
    found = article_page(article.pk)
    reporter = found.bylines.all()[1].reporter
    assert list(found.bylines.filter(reporter=reporter)) == [
        Byline.objects.get(article=article, reporter=reporter)
    ]
