"""The sitemaps of the public site: every public article, the fixed pages and
each month with articles, leaders' and departments' pages (``SITEMAPS``)."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from people.sitemaps import DepartmentSitemap, OfficialSitemap

from .models import Article, public_months


class ArticleSitemap(Sitemap):
    changefreq = "never"
    priority = 0.8
    limit = 5000

    def items(self):
        return (
            Article.objects.published().only("pk", "slug", "updated_at").order_by("-pk")
        )

    def lastmod(self, item):
        return item.updated_at


class ArchiveSitemap(Sitemap):
    """The site's fixed pages and one page per month that has articles."""

    changefreq = "daily"
    priority = 0.5

    def items(self):
        fixed = [
            ("home", ()),
            ("archive", ()),
            ("official_list", ()),
            ("department_list", ()),
        ]
        months = public_months()
        return fixed + [("archive_month", (m.year, m.month)) for m in months]

    def location(self, item):
        name, args = item
        return reverse(name, args=args)


SITEMAPS = {
    "pages": ArchiveSitemap,
    "articles": ArticleSitemap,
    "officials": OfficialSitemap,
    "departments": DepartmentSitemap,
}
