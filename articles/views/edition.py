"""The print edition (数字报): a page's picture with each published article a
region, the page's articles beside it, the strip of all pages, 上一版/下一版,
上一期/下一期, a month calendar of back issues and the page's PDF."""

import calendar
import datetime

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.views.generic import TemplateView

from articles.models import Article, Edition, Region
from newsroom.caching import keys
from newsroom.caching.versions import tagged


def month_calendar(day, editions):
    """The weeks of ``day``'s month (Monday first), each day with its edition's
    date where one was published, and the newest editions before and after."""
    start = day.replace(day=1)
    end = (start + datetime.timedelta(days=32)).replace(day=1)
    issued = set(
        editions.filter(date__gte=start, date__lt=end).values_list("date", flat=True)
    )
    weeks = [
        [
            {"day": d, "issued": d in issued, "current": d == day}
            if d.month == day.month
            else None
            for d in week
        ]
        for week in calendar.Calendar().monthdatescalendar(day.year, day.month)
    ]
    previous_month = (
        editions.filter(date__lt=start)
        .order_by("-date")
        .values_list("date", flat=True)
        .first()
    )
    next_month = (
        editions.filter(date__gte=end)
        .order_by("date")
        .values_list("date", flat=True)
        .first()
    )
    return {
        "month": start,
        "weeks": weeks,
        "previous": previous_month,
        "next": next_month,
    }


class EpaperView(TemplateView):
    """One page of a published edition; the newest edition's first page at
    /epaper/, an edition's first page at /epaper/<date>/."""

    template_name = "articles/epaper.html"

    def get(self, request, *args, **kwargs):
        if kwargs.get("date") and kwargs.get("number") is None:
            # The old address of a day: its first page.
            edition = self.edition(kwargs["date"])
            first = edition.pages.order_by("number").first()
            return redirect("epaper_page", edition.date.isoformat(), first.number)
        return super().get(request, *args, **kwargs)

    @staticmethod
    def edition(date):
        try:
            day = datetime.date.fromisoformat(date)
        except ValueError as exc:
            raise Http404("日期无效") from exc
        return get_object_or_404(Edition.objects.published(), date=day)

    def get_context_data(self, **kwargs):
        editions = Edition.objects.published()
        tagged(keys.NEWEST)  # a new edition changes 下一期 and the calendar
        if kwargs.get("date"):
            edition = self.edition(kwargs["date"])
        else:
            edition = editions.order_by("-date").first()
            if edition is None:
                raise Http404("还没有数字报")
        tagged(keys.edition_tag(edition.date))
        pages = list(edition.pages.order_by("number"))
        number = kwargs.get("number")
        if number is None:  # /epaper/: the newest edition's first page
            number = pages[0].number
        page = next((p for p in pages if p.number == number), None)
        if page is None:
            raise Http404("这一期没有这个版面")
        index = pages.index(page)
        public = Article.objects.published()
        regions = list(
            Region.objects.filter(page=page, article__in=public)
            .select_related("article", "page")
            .order_by("article__page_order", "pk")
        )
        listed = {r.article_id: r.article for r in regions}
        for article in public.filter(
            edition_date=edition.date, page_number=page.number
        ):
            listed.setdefault(article.pk, article)
        articles = sorted(listed.values(), key=lambda a: (a.page_order, a.pk))
        tagged(*(keys.article_tag(a.pk) for a in articles))
        return super().get_context_data(
            edition=edition,
            page=page,
            pages=pages,
            regions=regions,
            articles=articles,
            previous_page=pages[index - 1] if index > 0 else None,
            next_page=pages[index + 1] if index + 1 < len(pages) else None,
            previous_edition=editions.filter(date__lt=edition.date)
            .order_by("-date")
            .first(),
            next_edition=editions.filter(date__gt=edition.date)
            .order_by("date")
            .first(),
            calendar=month_calendar(edition.date, editions),
            **kwargs,
        )
