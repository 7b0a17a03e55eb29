"""The public site's pages: front page, article, lists by date, leader, department,
reporter and tag, search, the e-paper day, the display switch and robots.txt.

Views gather data; templates (``templates/articles``, ``templates/people``) build
the HTML. Parts that are the same for every visitor are wrapped in
``{% public_cache %}`` in the templates; what they show is passed in lazily
(``SimpleLazyObject``), so a part found in the cache costs no query.
"""

from .edition import EpaperView
from .front import ArticleDetailView, HomeView
from .lists import (
    PAGE_SIZE,
    ArchiveView,
    ArticleListView,
    DepartmentDetailView,
    OfficialDetailView,
    ReporterDetailView,
    TagDetailView,
)
from .search import SearchView
from .site import display_mode, robots_txt

__all__ = [
    "PAGE_SIZE",
    "ArchiveView",
    "ArticleDetailView",
    "ArticleListView",
    "DepartmentDetailView",
    "EpaperView",
    "HomeView",
    "OfficialDetailView",
    "ReporterDetailView",
    "SearchView",
    "TagDetailView",
    "display_mode",
    "robots_txt",
]
