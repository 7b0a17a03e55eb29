"""The article of an article page with everything the page shows: ``article_page``.

It answers the public article ``pk`` (or None) with its bylines and their reporters,
its leaders and their positions, its departments, tags and corrections where
``detail_prefetches`` would put them (the relations' prefetch caches, so
``article.bylines.all()`` and every other reader work as before), and
``print_day``: the date of its e-paper page when that page is published.

On PostgreSQL that is one prepared statement (``newsroom.prepared``) with each
relation as an array of JSON rows: building the page's query and the six of the
prefetches cost Django far more than PostgreSQL takes to run them. Elsewhere
(SQLite, development) it is the page's query, the prefetches and the e-paper
question, as before.
"""

import datetime
import json

from django.contrib.postgres.expressions import ArraySubquery
from django.db import connections, router
from django.db.models import Exists, OuterRef, prefetch_related_objects
from django.db.models.functions import JSONObject
from django.utils import timezone
from taggit.models import Tag

from newsroom.prepared import Prepared
from people.models import Department, Official, Position, Reporter

from .article import Article, detail_prefetches, live_q
from .byline import Byline, TaggedArticle
from .epaper import Page
from .review import Correction


def article_page(pk):
    using = router.db_for_read(Article)
    if connections[using].vendor == "postgresql":
        return _in_one_statement(pk, using)
    article = Article.objects.published().lean().filter(pk=pk).first()
    if article is not None:
        prefetch_related_objects([article], *detail_prefetches())
        article.print_day = article.edition_date if _on_print_page(article) else None
    return article


def _on_print_page(article):
    if not (article.edition_date and article.page_number):
        return False
    return Page.objects.filter(
        edition__published=True,
        edition__date=article.edition_date,
        number=article.page_number,
    ).exists()


# Each relation is an array of JSON rows of its model's concrete fields, in the
# order the prefetches give (each model's Meta.ordering; tags as assigned).
def _fields(model, prefix=""):
    return {f.attname: f"{prefix}{f.attname}" for f in model._meta.concrete_fields}


def _rows(queryset, **fields):
    return ArraySubquery(queryset.values(row=JSONObject(**fields)))


def _page_query(pk, now):
    article = OuterRef("pk")
    officials = Article.officials.through.objects.filter(article=article)
    departments = Article.departments.through.objects.filter(article=article)
    return (
        Article.objects.filter(live_q(now), pk=pk)
        .lean()
        .annotate(
            page_bylines=_rows(
                Byline.objects.filter(article=article).order_by("order", "pk"),
                **_fields(Byline),
                reporter=JSONObject(**_fields(Reporter, "reporter__")),
            ),
            page_officials=_rows(
                officials.order_by("official__name", "official_id"),
                **_fields(Official, "official__"),
                positions=_rows(
                    Position.objects.filter(official=OuterRef("official_id")),
                    **_fields(Position),
                ),
            ),
            page_departments=_rows(
                departments.order_by(
                    "department__order", "department__name", "department_id"
                ),
                **_fields(Department, "department__"),
            ),
            page_tags=_rows(
                TaggedArticle.objects.filter(content_object=article).order_by("pk"),
                **_fields(Tag, "tag__"),
            ),
            page_corrections=_rows(
                Correction.objects.filter(article=article), **_fields(Correction)
            ),
            page_printed=Exists(
                Page.objects.filter(
                    edition__published=True,
                    edition__date=OuterRef("edition_date"),
                    number=OuterRef("page_number"),
                )
            ),
        )
    )


PAGE = Prepared(Article, _page_query, pk=int, now=datetime.datetime)
PLAIN_RELATIONS = {"departments": Department, "tags": Tag, "corrections": Correction}


def _in_one_statement(pk, using):
    found = list(PAGE.raw(using, pk=pk, now=timezone.now()))
    if not found:
        return None
    article = found[0]
    bylines = []
    for row in _decoded(article.page_bylines):
        byline = _instance(Byline, row, using)
        byline.reporter = _instance(Reporter, row["reporter"], using)
        bylines.append(byline)
    officials = []
    for row in _decoded(article.page_officials):
        official = _instance(Official, row, using)
        positions = [_instance(Position, p, using) for p in row["positions"] or ()]
        _prefetched(official, "positions", positions)
        officials.append(official)
    _prefetched(article, "bylines", bylines)
    _prefetched(article, "officials", officials)
    for name, model in PLAIN_RELATIONS.items():
        rows = _decoded(getattr(article, f"page_{name}"))
        _prefetched(article, name, [_instance(model, row, using) for row in rows])
    article.print_day = article.edition_date if article.page_printed else None
    for name in ("bylines", "officials", "departments", "tags", "corrections"):
        delattr(article, f"page_{name}")
    del article.page_printed
    return article


def _decoded(rows):
    return [json.loads(row) if isinstance(row, str) else row for row in rows or ()]


def _instance(model, row, using):
    """A model instance from a JSON row of its concrete fields, each value read as
    the field reads it (dates and times arrive as text)."""
    fields = model._meta.concrete_fields
    return model.from_db(
        using,
        [f.attname for f in fields],
        [f.to_python(row[f.attname]) for f in fields],
    )


def _prefetched(instance, name, objects):
    """Put ``objects`` where a prefetch of the relation ``name`` would."""
    queryset = getattr(instance, name).get_queryset()
    queryset._result_cache = objects
    queryset._prefetch_done = True
    if not hasattr(instance, "_prefetched_objects_cache"):
        instance._prefetched_objects_cache = {}
    instance._prefetched_objects_cache[name] = queryset
