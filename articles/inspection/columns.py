"""栏目更新: every column's newest public article against its period — the front
page, 要闻, 领导活动 and 部门动态 (INSPECTION_NEWS_DAYS, two weeks), each department
page set up as a column (``DepartmentColumn``, its own period) — and the columns
with nothing in them."""

import datetime
from urllib.parse import unquote

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone

from people.models import Department, Official

from ..models import Article, DepartmentColumn
from .report import FAIL, PASS, WARN, Check, outcome

SECTION = "栏目更新"
ROW_COLUMNS = ["栏目", "网址", "最近更新", "最新稿件"]


def checks(now=None):
    now = now or timezone.now()
    live = Article.objects.published()
    days = settings.INSPECTION_NEWS_DAYS
    found = [
        freshness("首页", reverse("home"), live, days, now),
        freshness("要闻", reverse("archive"), live, days, now),
        freshness(
            "领导活动", reverse("official_list"), live.with_officials(), days, now
        ),
        freshness(
            "部门动态", reverse("department_list"), live.with_departments(), days, now
        ),
    ]
    found.append(department_columns(live, now))
    found.append(empty_columns(live))
    return found


def newest(articles):
    return (
        articles.order_by("-published_at", "-pk")
        .values("pk", "title", "published_at")
        .first()
    )


def _row(name, url, latest):
    if latest is None:
        return [name, url, "从未更新", ""]
    when = timezone.localtime(latest["published_at"])
    return [name, url, f"{when:%Y-%m-%d}", latest["title"]]


def freshness(name, url, articles, days, now):
    latest = newest(articles)
    stale = latest is None or latest["published_at"] < now - datetime.timedelta(days)
    row = _row(name, url, latest)
    detail = f"最近更新 {row[2]}" + (f"《{row[3]}》" if row[3] else "")
    return Check(
        SECTION,
        name,
        f"{days} 天内有公开稿件",
        FAIL if stale else PASS,
        detail,
        ROW_COLUMNS if stale else [],
        [row] if stale else [],
    )


def department_columns(live, now):
    """Each department page set up as a column, against its own period."""
    rules = list(DepartmentColumn.objects.select_related("department"))
    stale = []
    for rule in rules:
        department = rule.department
        latest = newest(live.for_department(department))
        limit = now - datetime.timedelta(days=rule.period_days)
        if latest is None or latest["published_at"] < limit:
            name = f"{department.name}（{rule.period_days} 天）"
            stale.append(_row(name, unquote(department.get_absolute_url()), latest))
    if not rules:
        return Check(
            SECTION,
            "部门栏目",
            "设为栏目的部门页面按各自周期更新",
            WARN,
            "还没有设定哪些部门页面算作栏目（后台“部门栏目（迎检自查）”）。",
        )
    return outcome(
        SECTION,
        "部门栏目",
        "设为栏目的部门页面按各自周期更新",
        problems=stale,
        detail=f"共 {len(rules)} 个部门栏目，{len(stale)} 个未按期更新。",
        columns=ROW_COLUMNS,
    )


def empty_columns(live):
    """Department and current leaders' pages without a single public article: an
    inspector calls them 空白栏目. A department set up as a column fails; the
    others are listed to hide or fill."""
    has_articles = Exists(live.filter(departments=OuterRef("pk")))
    columns = set(DepartmentColumn.objects.values_list("department_id", flat=True))
    empty = []
    failing = False
    for department in Department.objects.filter(~has_articles).order_by(
        "order", "name"
    ):
        failing |= department.pk in columns
        kind = "部门栏目" if department.pk in columns else "部门页面"
        empty.append([department.name, unquote(department.get_absolute_url()), kind])
    leader_articles = Exists(live.filter(officials=OuterRef("pk")))
    for official in Official.objects.current().filter(~leader_articles):
        empty.append([official.name, unquote(official.get_absolute_url()), "领导页面"])
    check = outcome(
        SECTION,
        "空白栏目",
        "栏目和页面不能没有内容",
        problems=empty,
        detail=f"{len(empty)} 个页面没有公开稿件。" if empty else "没有空白栏目。",
        columns=["栏目", "网址", "类别"],
        warn=not failing,
    )
    return check
