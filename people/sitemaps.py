"""Sitemaps of the leaders' and departments' pages."""

from django.contrib.sitemaps import Sitemap

from .models import Department, Official


class OfficialSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return Official.objects.order_by("pk")


class DepartmentSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.5

    def items(self):
        return Department.objects.order_by("pk")
