"""The display switch (large text), robots.txt, and the pages an inspection asks
every government site for: the site map for people (网站地图), the privacy and
the copyright statements."""

from django.http import HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.generic import TemplateView

from newsroom.caching import keys
from newsroom.caching.versions import tagged
from people.models import Department, Official

from ..models import Article


def display_mode(request):
    """Switch large-text, high-contrast mode on or off; remembered in a cookie."""
    target = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    if not target.startswith("/"):
        target = "/"  # "x" is neither a page of this site nor a URL name to try
    response = HttpResponseRedirect(target)
    if request.GET.get("mode") == "large":
        response.set_cookie(
            "display",
            "large",
            max_age=365 * 24 * 3600,
            samesite="Lax",
            secure=request.is_secure(),
        )
    else:
        response.delete_cookie("display")
    return response


def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /display/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse(
        "\n".join(lines) + "\n", content_type="text/plain; charset=utf-8"
    )


class SiteMapView(TemplateView):
    """网站地图: every column and index of the site, for people (sitemap.xml is
    for search engines)."""

    template_name = "articles/site_map.html"

    def get_context_data(self, **kwargs):
        tagged(keys.LEADERS, keys.DEPARTMENTS, keys.MONTHS)
        years = Article.objects.published().dates("published_at", "year", "DESC")
        kinds = dict(Department.Kind.choices)
        departments = {}
        for department in Department.objects.order_by("order", "name"):
            departments.setdefault(kinds.get(department.kind, "其他"), []).append(
                department
            )
        return super().get_context_data(
            years=[day.year for day in years],
            departments=list(departments.items()),
            officials=Official.objects.current(),
            **kwargs,
        )


class StatementView(TemplateView):
    """隐私声明 or 版权声明: the site admin's text (网站设置), else a general one."""

    template_name = "articles/statement.html"
    statement = "privacy"
    titles = {"privacy": "隐私声明", "copyright": "版权声明"}

    def get_context_data(self, **kwargs):
        tagged(keys.SITE)
        return super().get_context_data(
            statement=self.statement, heading=self.titles[self.statement], **kwargs
        )
