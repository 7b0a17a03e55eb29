"""The public site's pages: front page, article, lists by date, leader, department,
reporter and tag, search, the e-paper day, the display switch and robots.txt.

Views gather data; templates (``templates/articles``, ``templates/people``) build
the HTML. Parts that are the same for every visitor are wrapped in
``{% public_cache %}`` in the templates; what they show is passed in lazily
(``SimpleLazyObject``), so a part found in the cache costs no query.
"""

import datetime
from itertools import groupby

from django.db.models import prefetch_related_objects
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.generic import DetailView, ListView, TemplateView
from taggit.models import Tag

from newsroom.caching.versions import versioned
from people.models import Department, Official, Reporter

from . import pagination, search
from .forms import SearchForm
from .models import Article, detail_prefetches

PAGE_SIZE = 20


def with_detail_data(article):
    """``article`` as its page shows it, its relations fetched only when the page's
    parts are rendered (not when they come from the cache)."""

    def fetch():
        prefetch_related_objects([article], *detail_prefetches())
        return article

    return SimpleLazyObject(fetch)


class HomeView(TemplateView):
    template_name = "articles/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        public = Article.objects.published().newest_first().lean()
        lead = public.filter(featured=True).first() or public.first()
        others = public.exclude(pk=lead.pk) if lead else public
        headline = ("pk", "slug", "title", "published_at")

        def block(id_, title, more, articles):
            return {
                "id": id_,
                "title": title,
                "more": reverse(more),
                "articles": articles.only(*headline)[:8],
            }

        def headlines():
            leaders = others.with_officials()
            departments = others.with_departments()
            return {
                "blocks": [
                    block("leader-news-heading", "领导活动", "official_list", leaders),
                    block(
                        "department-news-heading",
                        "部门动态",
                        "department_list",
                        departments,
                    ),
                ]
            }

        context.update(
            lead=lead,
            # Items come from the fragment cache when they can (article_items tag),
            # so nothing is prefetched.
            latest=others[:12],
            headlines=SimpleLazyObject(headlines),
        )
        return context


class ArticleDetailView(DetailView):
    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        return Article.objects.published().lean()

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        # The id is the identity; the slug only decorates. Any other spelling of the
        # URL redirects permanently to the canonical one.
        if kwargs.get("slug") != self.object.slug:
            return redirect(self.object, permanent=True)
        return self.render_to_response(self.get_context_data(object=self.object))

    def get_context_data(self, **kwargs):
        # Bylines, leaders with their titles, departments, tags and corrections:
        # six queries and most of the rendering, done once per content version.
        # The parts hold absolute URLs (og:url, og:image), hence the origin.
        return super().get_context_data(
            detail=with_detail_data(self.object),
            origin=f"{self.request.scheme}://{self.request.get_host()}",
            **kwargs,
        )


class ArticleListView(ListView):
    """A newest-first list of public articles, a keyset page at a time (no COUNT, no
    OFFSET: the 500th page costs what the first does); subclasses narrow it."""

    template_name = "articles/article_list.html"
    context_object_name = "articles"
    heading = "要闻"

    def get_queryset(self):
        # No prefetching here: the list's items are rendered from the cache when
        # they can be, and only the others fetch their bylines (article_items tag).
        return self.filter_articles(Article.objects.published()).newest_first().lean()

    def filter_articles(self, articles):
        return articles

    def get_context_data(self, **kwargs):
        page = pagination.paginate(self.object_list, self.request.GET, PAGE_SIZE)
        context = super().get_context_data(object_list=page.object_list, **kwargs)
        context.update(page=page, articles=page.object_list)
        context.setdefault("heading", self.heading)
        return context


class ArchiveView(ArticleListView):
    """/archive/, /archive/2023/, /archive/2023/11/, /archive/2023/11/24/."""

    template_name = "articles/archive.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.start, self.end, self.level = self.date_range(kwargs)

    @staticmethod
    def date_range(kwargs):
        year, month, day = kwargs.get("year"), kwargs.get("month"), kwargs.get("day")
        try:
            if day is not None:
                start = datetime.date(year, month, day)
                return start, start + datetime.timedelta(days=1), "day"
            if month is not None:
                start = datetime.date(year, month, 1)
                end = datetime.date(year + month // 12, month % 12 + 1, 1)
                return start, end, "month"
            if year is not None:
                return datetime.date(year, 1, 1), datetime.date(year + 1, 1, 1), "year"
        except ValueError as exc:
            raise Http404("日期无效") from exc
        return None, None, "all"

    def filter_articles(self, articles):
        if self.start is None:
            return articles
        # A range on the indexed column, in the site's time zone (Asia/Shanghai).
        tz = timezone.get_current_timezone()
        start = datetime.datetime.combine(self.start, datetime.time.min, tzinfo=tz)
        end = datetime.datetime.combine(self.end, datetime.time.min, tzinfo=tz)
        return articles.filter(published_at__gte=start, published_at__lt=end)

    def get_context_data(self, **kwargs):
        headings = {
            "all": "往期回顾",
            "year": f"{self.start:%Y}年" if self.start else "",
            "month": f"{self.start.year}年{self.start.month}月" if self.start else "",
            "day": (
                f"{self.start.year}年{self.start.month}月{self.start.day}日"
                if self.start
                else ""
            ),
        }
        return super().get_context_data(
            heading=headings[self.level],
            level=self.level,
            period_start=self.start,
            months=self.months(),
            **kwargs,
        )

    @staticmethod
    def months():
        """Every month with articles, newest first. Finding them scans every public
        row, so the list is kept once per content version."""
        return versioned(
            "archive-months",
            lambda: list(
                Article.objects.published().dates("published_at", "month", "DESC")
            ),
        )


class OfficialDetailView(ArticleListView):
    template_name = "people/official_detail.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.official = get_object_or_404(
            Official.objects.only("pk", "name", "slug"), slug=kwargs["slug"]
        )

    def filter_articles(self, articles):
        return articles.for_official(self.official)

    def get_context_data(self, **kwargs):
        heading = f"{self.official.name}相关报道"

        def profile():
            return Official.objects.prefetch_related("positions__department").get(
                pk=self.official.pk
            )

        return super().get_context_data(
            official=self.official,
            profile=SimpleLazyObject(profile),
            heading=heading,
            **kwargs,
        )


class DepartmentDetailView(ArticleListView):
    template_name = "people/department_detail.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.department = get_object_or_404(
            Department.objects.only("pk", "name", "slug"), slug=kwargs["slug"]
        )

    def filter_articles(self, articles):
        return articles.for_department(self.department)

    def get_context_data(self, **kwargs):
        heading = f"{self.department.name}动态"

        def profile():
            return (
                Department.objects.select_related("parent")
                .prefetch_related("children")
                .get(pk=self.department.pk)
            )

        return super().get_context_data(
            department=self.department,
            profile=SimpleLazyObject(profile),
            heading=heading,
            **kwargs,
        )


class ReporterDetailView(ArticleListView):
    template_name = "people/reporter_detail.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.reporter = get_object_or_404(Reporter, slug=kwargs["slug"])

    def filter_articles(self, articles):
        return articles.for_reporter(self.reporter)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            reporter=self.reporter, heading=f"{self.reporter.name}的稿件", **kwargs
        )


class TagDetailView(ArticleListView):
    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.tag = get_object_or_404(Tag, slug=kwargs["slug"])

    def filter_articles(self, articles):
        return articles.tagged(self.tag)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            tag=self.tag, heading=f"标签：{self.tag.name}", **kwargs
        )


class SearchView(ArticleListView):
    """Search results: at most a few hundred ranked rows, so a numbered paginator."""

    template_name = "articles/search.html"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        self.form = SearchForm(self.request.GET or None)
        self.words = []
        articles = Article.objects.published()
        if not self.form.is_valid() or not self.form.cleaned_data["q"].strip():
            return articles.none()
        data = self.form.cleaned_data
        tz = timezone.get_current_timezone()
        if data["start"]:
            start = datetime.datetime.combine(
                data["start"], datetime.time.min, tzinfo=tz
            )
            articles = articles.filter(published_at__gte=start)
        if data["end"]:
            end = datetime.datetime.combine(data["end"], datetime.time.min, tzinfo=tz)
            articles = articles.filter(
                published_at__lt=end + datetime.timedelta(days=1)
            )
        if data["official"]:
            articles = articles.for_official(data["official"])
        if data["department"]:
            articles = articles.for_department(data["department"])
        articles, self.words = search.search(articles, data["q"])
        # At most a few hundred ranked ids in one query; pages are cut from this
        # list, so there is no second query to count the results.
        return list(articles.values_list("pk", flat=True))

    def get_context_data(self, **kwargs):
        context = ListView.get_context_data(
            self,
            form=self.form,
            words=self.words,
            heading="检索",
            ranked_matches=search.RANKED_MATCHES,
            choices={
                "official": self.choices(Official),
                "department": self.choices(Department),
            },
            **kwargs,
        )
        ids = list(context["articles"])
        found = Article.objects.filter(pk__in=ids).with_list_data().in_bulk()
        context["articles"] = [found[pk] for pk in ids if pk in found]
        for article in context["articles"]:
            article.hl_title = search.marked(article.title, self.words)
            article.hl_excerpt = search.excerpt(article.body, self.words)
        return context

    @staticmethod
    def choices(model):
        """(slug, name) of every official or department for the filters, kept per
        content version: the hundred-odd options are written out by the template."""
        return versioned(
            f"choices:{model._meta.label_lower}",
            lambda: list(model.objects.values_list("slug", "name")),
        )


class EpaperView(TemplateView):
    """The print edition of a day, page by page, articles in print order."""

    template_name = "articles/epaper.html"

    @staticmethod
    def edition_near(editions, order):
        return editions.order_by(order).values_list("edition_date", flat=True).first()

    def get_context_data(self, **kwargs):
        editions = Article.objects.published().filter(edition_date__isnull=False)
        if kwargs.get("date"):
            try:
                day = datetime.date.fromisoformat(kwargs["date"])
            except ValueError as exc:
                raise Http404("日期无效") from exc
        else:
            day = self.edition_near(editions, "-edition_date")
            if day is None:
                raise Http404("还没有数字报")
        articles = list(
            editions.filter(edition_date=day)
            .order_by("page_number", "page_order", "pk")
            .lean()
        )
        if not articles:
            raise Http404("这一天没有数字报")
        pages = []
        for number, items in groupby(articles, key=lambda a: a.page_number):
            items = list(items)
            name = next((a.page_name for a in items if a.page_name), "")
            pages.append({"number": number, "name": name, "articles": items})
        # Two index walks (edition_date) rather than an aggregate over every row.
        neighbours = {
            "previous": self.edition_near(
                editions.filter(edition_date__lt=day), "-edition_date"
            ),
            "next": self.edition_near(
                editions.filter(edition_date__gt=day), "edition_date"
            ),
        }
        return super().get_context_data(
            day=day,
            pages=pages,
            previous_day=neighbours["previous"],
            next_day=neighbours["next"],
            **kwargs,
        )


def display_mode(request):
    """Switch large-text, high-contrast mode on or off; remembered in a cookie."""
    target = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = redirect(target)
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
