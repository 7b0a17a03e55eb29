"""The public site's pages: front page, article, lists by date, leader, department,
reporter and tag, search, the e-paper day, the display switch, robots.txt, the
site map and the statements.

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
from .site import SiteMapView, StatementView, display_mode, robots_txt

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
    "SiteMapView",
    "StatementView",
    "TagDetailView",
    "display_mode",
    "robots_txt",
]
