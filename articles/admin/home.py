"""The desk's home page (采编工作台), in place of Django's list of models: for each
person what waits for them — their drafts, what came back to them, what waits for
the review level they sign, what is scheduled, what went out this week — each a
count and a link to the list that holds exactly those articles."""

import datetime
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone

from articles import services
from articles.models import Article

Status = Article.Status
SHOWN = 5  # titles listed under each count
RECENT_DAYS = 7


@dataclass
class Section:
    key: str
    title: str
    count: int
    url: str
    articles: list = field(default_factory=list)
    empty: str = "暂无"


def _articles_url(**params):
    url = reverse("admin:articles_article_changelist")
    return f"{url}?{urlencode(params)}" if params else url


def _section(key, title, queryset, url, empty):
    return Section(
        key=key,
        title=title,
        count=queryset.count(),
        url=url,
        articles=list(queryset.select_related("author__reporter")[:SHOWN]),
        empty=empty,
    )


def recent_range(now=None):
    """From local midnight ``RECENT_DAYS`` days ago to tomorrow's: the admin's
    own "过去7天" date filter, so the count and the list it links to agree."""
    today = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    tomorrow = today + datetime.timedelta(days=1)
    return today - datetime.timedelta(days=RECENT_DAYS), tomorrow


def home_sections(user):
    """The sections of ``user``'s home page, in the order they are shown."""
    sees_all = user.has_perm("articles.view_all_articles") or user.has_perm(
        "articles.review_article"
    )
    articles = Article.objects.lean()
    scope = articles if sees_all else articles.mine(user)
    sections = []
    if user.has_perm("articles.add_article"):
        mine = articles.mine(user)
        sections.append(
            _section(
                "drafts",
                "我的草稿",
                mine.filter(status=Status.DRAFT).order_by("-updated_at"),
                _articles_url(mine=1, status__exact=Status.DRAFT),
                "没有未送审的草稿。",
            )
        )
        sections.append(
            _section(
                "returned",
                "退回给我",
                mine.filter(status=Status.RETURNED).order_by("-updated_at"),
                _articles_url(mine=1, status__exact=Status.RETURNED),
                "没有被退回的稿件。",
            )
        )
    if user.has_perm("articles.review_article"):
        waiting = services.awaiting_signature(user)
        queue = reverse("admin:articles_reviewqueue_changelist")
        sections.append(
            Section(
                key="awaiting",
                title="待我审核",
                count=len(waiting),
                url=f"{queue}?for_me=1",
                articles=waiting[:SHOWN],
                empty="审稿队列里没有等您签的稿件。",
            )
        )
    if user.has_perm("articles.view_article"):
        sections.append(
            _section(
                "scheduled",
                "定时待发",
                scope.scheduled().order_by("published_at"),
                _articles_url(visibility="scheduled"),
                "没有定时签发的稿件。",
            )
        )
        start, end = recent_range()
        sections.append(
            _section(
                "recent",
                f"最近{RECENT_DAYS}天发布",
                scope.published()
                .filter(published_at__gte=start, published_at__lt=end)
                .newest_first(),
                _articles_url(
                    visibility="live",
                    published_at__gte=start.isoformat(sep=" "),
                    published_at__lt=end.isoformat(sep=" "),
                ),
                f"最近{RECENT_DAYS}天没有发布的稿件。",
            )
        )
    return sections


def sees_model_list(user):
    """Site admins manage accounts and the people tables: the model list is
    theirs, open below the desk; others find it folded away."""
    return user.is_superuser or user.has_perm("auth.change_user")
