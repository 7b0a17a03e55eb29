"""The desk's statistics (稿件统计/考核): published articles counted per author
(each named author gets the piece, as newsrooms count bylines), per byline role
(记者, 通讯员 …), per department concerned, per printed page and per month, for a
date range and optionally one department or one role.

Whoever may not see everyone's (``articles.view_statistics``) sees only the
pieces that carry their own byline. The statistics page, its charts and its
Excel export all read the same ``Table`` rows, so they cannot disagree.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Exists, F, OuterRef
from django.db.models.functions import TruncMonth
from django.utils import timezone

from newsroom.inputs import local_midnight

from .models import Article, Byline

Role = Byline.Role
CHART_ROWS = 15  # bars per chart; the table and the export hold every row
CHART_WIDTH = 250  # the bars' room in the chart's viewBox (420 wide)


@dataclass
class Bar:
    label: str
    value: int
    y: int
    width: int


@dataclass
class Table:
    key: str
    title: str
    columns: list
    rows: list = field(default_factory=list)  # tuples; the last item is the count
    labels: tuple = (0,)  # the columns that name a bar

    def total(self):
        return sum(row[-1] for row in self.rows)

    def bars(self):
        """The first rows as bars of a chart, the longest the largest count."""
        rows = self.rows[:CHART_ROWS]
        top = max((row[-1] for row in rows), default=0) or 1
        return [
            Bar(
                label=" ".join(str(row[n]) for n in self.labels if row[n])[:9],
                value=row[-1],
                y=index * 26,
                width=max(1, round(row[-1] * CHART_WIDTH / top)),
            )
            for index, row in enumerate(rows)
        ]

    def chart_height(self):
        return max(26, len(self.rows[:CHART_ROWS]) * 26)


@dataclass
class Statistics:
    start: datetime.date
    end: datetime.date
    articles: int
    tables: list
    everyone: bool  # False: only the user's own bylines


def default_range(today=None):
    """This month so far."""
    today = today or timezone.localdate()
    return today.replace(day=1), today


def statistics(user, *, start, end, department=None, role=""):
    everyone = user.has_perm("articles.view_statistics")
    articles = Article.objects.published().filter(
        published_at__gte=local_midnight(start),
        published_at__lt=local_midnight(end + datetime.timedelta(days=1)),
    )
    bylines = Byline.objects.all()
    if not everyone:
        bylines = bylines.filter(reporter__user=user.pk)
    if role:
        bylines = bylines.filter(role=role)
    if department is not None:
        articles = articles.filter(departments=department.pk)
    if role or not everyone:
        articles = articles.filter(Exists(bylines.filter(article_id=OuterRef("pk"))))
    bylines = bylines.filter(article__in=articles.values("pk"))
    return Statistics(
        start=start,
        end=end,
        articles=articles.count(),
        tables=[
            _per_author(bylines),
            _per_role(bylines),
            _per_department(articles),
            _per_page(articles),
            _per_month(articles),
        ],
        everyone=everyone,
    )


def _per_author(bylines):
    rows = (
        bylines.values("reporter_id", "reporter__name", "reporter__unit", "role")
        .annotate(count=Count("article", distinct=True))
        .order_by("-count", "reporter__name", "role")
    )
    names = dict(Role.choices)
    return Table(
        key="authors",
        title="按作者",
        columns=["作者", "单位", "署名身份", "篇数"],
        labels=(0, 2),
        rows=[
            (r["reporter__name"], r["reporter__unit"], names[r["role"]], r["count"])
            for r in rows
        ],
    )


def _per_role(bylines):
    rows = (
        bylines.values("role")
        .annotate(count=Count("article", distinct=True))
        .order_by("-count", "role")
    )
    names = dict(Role.choices)
    return Table(
        key="roles",
        title="按署名身份",
        columns=["署名身份", "篇数"],
        rows=[(names[r["role"]], r["count"]) for r in rows],
    )


def _per_department(articles):
    links = Article.departments.through.objects.filter(
        article_id__in=articles.values("pk")
    )
    rows = (
        links.values("department__name")
        .annotate(count=Count("article", distinct=True))
        .order_by("-count", "department__name")
    )
    return Table(
        key="departments",
        title="按涉及部门",
        columns=["部门", "篇数"],
        rows=[(r["department__name"], r["count"]) for r in rows],
    )


def _per_page(articles):
    rows = (
        articles.order_by()
        .values("page_number", "page_name")
        .annotate(count=Count("pk"))
        # Pieces that never went to print first, on every database.
        .order_by(F("page_number").asc(nulls_first=True), "page_name")
    )
    return Table(
        key="pages",
        title="按版面",
        columns=["版次", "版名", "篇数"],
        labels=(0, 1),
        rows=[
            (
                f"第{r['page_number']}版" if r["page_number"] else "未见报",
                r["page_name"],
                r["count"],
            )
            for r in rows
        ],
    )


def _per_month(articles):
    rows = (
        articles.order_by()
        .annotate(month=TruncMonth("published_at"))
        .values("month")
        .annotate(count=Count("pk"))
        .order_by("month")
    )
    return Table(
        key="months",
        title="按月份",
        columns=["月份", "篇数"],
        rows=[(f"{r['month'].year}年{r['month'].month}月", r["count"]) for r in rows],
    )
