"""The articles app's models: ``article`` (Article, Byline, TaggedArticle and the
read rules), ``review`` (ReviewLog, Correction, ReviewQueue), ``desk``
(SensitiveWord, ArticleAutosave)."""

from .article import (
    Article,
    ArticleQuerySet,
    Byline,
    TaggedArticle,
    cut,
    detail_prefetches,
    list_prefetches,
    live_q,
    tag_prefetch,
)
from .desk import ArticleAutosave, SensitiveWord
from .review import Correction, ReviewLog, ReviewQueue

__all__ = [
    "Article",
    "ArticleAutosave",
    "ArticleQuerySet",
    "Byline",
    "Correction",
    "ReviewLog",
    "ReviewQueue",
    "SensitiveWord",
    "TaggedArticle",
    "cut",
    "detail_prefetches",
    "list_prefetches",
    "live_q",
    "tag_prefetch",
]
