"""The articles app's models: ``article`` (Article and the read rules of every
list), ``reading`` (how an article reads), ``byline`` (Byline, TaggedArticle),
``review`` (ReviewLog, Correction, ReviewQueue), ``desk`` (SensitiveWord,
ArticleAutosave), ``inspection`` (LinkCheck, DepartmentColumn,
InspectionReport)."""

from .article import (
    Article,
    ArticleQuerySet,
    detail_prefetches,
    list_prefetches,
    live_q,
    tag_prefetch,
    visible_tags,
)
from .byline import Byline, TaggedArticle
from .desk import ArticleAutosave, SensitiveWord
from .inspection import DepartmentColumn, InspectionReport, LinkCheck
from .reading import cut
from .review import Correction, ReviewLog, ReviewQueue

__all__ = [
    "Article",
    "ArticleAutosave",
    "ArticleQuerySet",
    "Byline",
    "Correction",
    "DepartmentColumn",
    "InspectionReport",
    "LinkCheck",
    "ReviewLog",
    "ReviewQueue",
    "SensitiveWord",
    "TaggedArticle",
    "cut",
    "detail_prefetches",
    "list_prefetches",
    "live_q",
    "tag_prefetch",
    "visible_tags",
]
