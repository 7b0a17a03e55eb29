"""The public site's addresses (the people app adds the leaders' and departments'
index pages)."""

from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from . import feeds, views
from .sitemaps import SITEMAPS

urlpatterns = [
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
    path("", views.HomeView.as_view(), name="home"),
    path("articles/<int:pk>/", views.ArticleDetailView.as_view(), name="article_short"),
    path(
        "articles/<int:pk>/<str:slug>/",
        views.ArticleDetailView.as_view(),
        name="article_detail",
    ),
    path("archive/", views.ArchiveView.as_view(), name="archive"),
    path("archive/<int:year>/", views.ArchiveView.as_view(), name="archive_year"),
    path(
        "archive/<int:year>/<int:month>/",
        views.ArchiveView.as_view(),
        name="archive_month",
    ),
    path(
        "archive/<int:year>/<int:month>/<int:day>/",
        views.ArchiveView.as_view(),
        name="archive_day",
    ),
    path(
        "officials/<str:slug>/",
        views.OfficialDetailView.as_view(),
        name="official_detail",
    ),
    path(
        "departments/<str:slug>/",
        views.DepartmentDetailView.as_view(),
        name="department_detail",
    ),
    path(
        "reporters/<str:slug>/",
        views.ReporterDetailView.as_view(),
        name="reporter_detail",
    ),
    path("tags/<str:slug>/", views.TagDetailView.as_view(), name="tag_detail"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("epaper/", views.EpaperView.as_view(), name="epaper"),
    path("epaper/<str:date>/", views.EpaperView.as_view(), name="epaper_day"),
    path(
        "epaper/<str:date>/<int:number>/",
        views.EpaperView.as_view(),
        name="epaper_page",
    ),
    path("display/", views.display_mode, name="display_mode"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap/", views.SiteMapView.as_view(), name="site_map"),
    path("privacy/", views.StatementView.as_view(statement="privacy"), name="privacy"),
    path(
        "copyright/",
        views.StatementView.as_view(statement="copyright"),
        name="copyright",
    ),
    path("feeds/latest/", feeds.LatestArticlesFeed(), name="feed_latest"),
    path("feeds/latest/atom/", feeds.LatestArticlesAtom(), name="feed_latest_atom"),
    path("feeds/officials/<str:slug>/", feeds.OfficialFeed(), name="feed_official"),
    path(
        "feeds/officials/<str:slug>/atom/",
        feeds.OfficialAtom(),
        name="feed_official_atom",
    ),
    path(
        "feeds/departments/<str:slug>/", feeds.DepartmentFeed(), name="feed_department"
    ),
    path(
        "feeds/departments/<str:slug>/atom/",
        feeds.DepartmentAtom(),
        name="feed_department_atom",
    ),
]
