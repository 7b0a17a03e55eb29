"""The articles app's models: ``article`` (Article and the read rules of every
list), ``reading`` (how an article reads), ``byline`` (Byline, TaggedArticle),
``review`` (ReviewLog, Correction, ReviewQueue), ``desk`` (SensitiveWord,
ArticleAutosave, Notification), ``media`` (MediaImage, the image library),
``epaper`` (Edition, Page, Region: the print edition), ``inspection`` (LinkCheck,
DepartmentColumn, InspectionReport)."""

from .article import (
    Article,
    ArticleQuerySet,
    detail_prefetches,
    list_items,
    list_prefetches,
    live_q,
    public_months,
    tag_prefetch,
    visible_tags,
)
from .byline import Byline, TaggedArticle
from .desk import ArticleAutosave, Notification, SensitiveWord
from .detail import article_page
from .epaper import Edition, Page, Region
from .inspection import DepartmentColumn, InspectionReport, LinkCheck
from .media import MediaImage
from .reading import cut
from .review import Correction, ReviewLog, ReviewQueue

__all__ = [
    "Article",
    "ArticleAutosave",
    "ArticleQuerySet",
    "article_page",
    "Byline",
    "Correction",
    "DepartmentColumn",
    "Edition",
    "InspectionReport",
    "LinkCheck",
    "MediaImage",
    "Notification",
    "Page",
    "Region",
    "ReviewLog",
    "ReviewQueue",
    "SensitiveWord",
    "TaggedArticle",
    "cut",
    "detail_prefetches",
    "list_items",
    "list_prefetches",
    "live_q",
    "public_months",
    "tag_prefetch",
    "visible_tags",
]
