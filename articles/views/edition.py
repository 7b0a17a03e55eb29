"""The print edition of a day (数字报)."""

import datetime
from itertools import groupby

from django.http import Http404
from django.views.generic import TemplateView

from articles.models import Article
from newsroom.caching import keys
from newsroom.caching.versions import tagged


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
        # Its articles, and the newest lists: a later edition changes 下一期.
        tagged(keys.NEWEST, keys.edition_tag(day))
        tagged(*(keys.article_tag(a.pk) for a in articles))
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
