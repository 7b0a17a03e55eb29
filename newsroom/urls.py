from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from articles.sitemaps import ArchiveSitemap, ArticleSitemap
from people.sitemaps import DepartmentSitemap, OfficialSitemap

admin.site.site_header = f"{settings.SITE_NAME} · 采编系统"
admin.site.site_title = "采编系统"
admin.site.index_title = "采编工作台"

SITEMAPS = {
    "pages": ArchiveSitemap,
    "articles": ArticleSitemap,
    "officials": OfficialSitemap,
    "departments": DepartmentSitemap,
}

urlpatterns = [
    path("admin/", admin.site.urls),
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
    path("", include("people.urls")),
    path("", include("articles.urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

if settings.BENCH:
    from .views import floor

    urlpatterns.append(path("bench/floor/", floor, name="bench_floor"))
