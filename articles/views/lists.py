"""Newest-first lists of public articles: by date, leader, department, reporter
and tag, a keyset page at a time."""

import datetime

from django.db.models import Exists, OuterRef
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.functional import SimpleLazyObject
from django.views.generic import ListView
from taggit.models import Tag

from articles import pagination
from articles.models import Article, public_months
from newsroom.caching import keys
from newsroom.caching.versions import tagged, versioned
from newsroom.inputs import local_midnight, safe_date
from newsroom.links import link
from newsroom.templatetags.site import month as month_name
from people.models import Department, Official, Reporter

PAGE_SIZE = 20


class ArticleListView(ListView):
    """A newest-first list of public articles, a keyset page at a time (no COUNT, no
    OFFSET: the 500th page costs what the first does); subclasses narrow it."""

    template_name = "articles/article_list.html"
    context_object_name = "articles"
    heading = "要闻"

    def get_queryset(self):
        # The page's items fetch their bylines and departments (article_items tag).
        return self.filter_articles(Article.objects.published()).newest_first().lean()

    def filter_articles(self, articles):
        return articles

    def page_tags(self):
        """The tags of the list: what purges it (newsroom.caching.keys)."""
        return [keys.NEWEST]

    def get_context_data(self, **kwargs):
        tagged(*self.page_tags())
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
        if self.start and not (safe_date(self.start) and safe_date(self.end)):
            raise Http404("日期超出范围")

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
        except (ValueError, OverflowError) as exc:
            raise Http404("日期无效") from exc
        return None, None, "all"

    def page_tags(self):
        if self.start is None:
            return [keys.NEWEST]
        stamp = {"year": "y%Y", "month": "m%Y%m", "day": "d%Y%m%d"}[self.level]
        return [self.start.strftime(stamp)]

    def filter_articles(self, articles):
        if self.start is None:
            return articles
        # A range on the indexed column, in the site's time zone (Asia/Shanghai).
        return articles.filter(
            published_at__gte=local_midnight(self.start),
            published_at__lt=local_midnight(self.end),
        )

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
            months=[
                (url, label, self.level == "month" and month == self.start)
                for month, url, label in self.months()
            ],
            **kwargs,
        )

    @staticmethod
    def months():
        """(month, its address, its name) of every month with articles, newest
        first: one index probe a month (public_months), kept until a month is gained
        or lost."""
        return versioned(
            "archive-months-named",
            tags=[keys.MONTHS],
            compute=lambda: [
                (
                    month,
                    link("archive_month", year=month.year, month=month.month),
                    month_name(month),
                )
                for month in public_months()
            ],
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

    def page_tags(self):
        pk = self.official.pk
        return [keys.official_tag(pk), keys.official_tag(pk, listing=True)]

    def get_context_data(self, **kwargs):
        heading = f"{self.official.name}相关报道"

        def profile():
            found = Official.objects.prefetch_related("positions__department").get(
                pk=self.official.pk
            )
            tagged(keys.official_tag(found.pk))
            tagged(
                *(keys.department_tag(p.department_id) for p in found.positions.all())
            )
            return found

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

    def page_tags(self):
        pk = self.department.pk
        return [keys.department_tag(pk), keys.department_tag(pk, listing=True)]

    def get_context_data(self, **kwargs):
        heading = f"{self.department.name}动态"

        def profile():
            found = (
                Department.objects.select_related("parent")
                .prefetch_related("children")
                .get(pk=self.department.pk)
            )
            related = [found.pk, found.parent_id, *(c.pk for c in found.children.all())]
            tagged(*(keys.department_tag(pk) for pk in related if pk))
            return found

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
        # A reporter's page exists once a reviewed, public article carries their
        # name: a profile alone is not reviewed copy.
        public = Article.objects.published().filter(bylines__reporter=OuterRef("pk"))
        self.reporter = get_object_or_404(
            Reporter.objects.filter(Exists(public)), slug=kwargs["slug"]
        )

    def filter_articles(self, articles):
        return articles.for_reporter(self.reporter)

    def page_tags(self):
        pk = self.reporter.pk
        return [keys.reporter_tag(pk), keys.reporter_tag(pk, listing=True)]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            reporter=self.reporter, heading=f"{self.reporter.name}的稿件", **kwargs
        )


class TagDetailView(ArticleListView):
    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        # Likewise a tag: only once a public article carries it.
        public = Article.objects.published().filter(tagged_items__tag=OuterRef("pk"))
        self.tag = get_object_or_404(
            Tag.objects.filter(Exists(public)), slug=kwargs["slug"]
        )

    def filter_articles(self, articles):
        return articles.tagged(self.tag)

    def page_tags(self):
        pk = self.tag.pk
        return [keys.label_tag(pk), keys.label_tag(pk, listing=True)]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            tag=self.tag, heading=f"标签：{self.tag.name}", **kwargs
        )
