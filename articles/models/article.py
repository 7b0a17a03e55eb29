"""The article, its bylines and tag assignments, and the read rules of every list.

``live_q`` is the public-visibility rule, written once; ``ArticleQuerySet`` holds
the filters each public list starts from; ``Article.CONTENT_FIELDS`` and
``Article.plain_text()`` are the one list of an article's content and the one
plain-text reading of it (checks, diff, search and the importer use them).
"""

from collections import defaultdict

import reversion
from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import connections, models, router
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.utils import timezone
from django.utils.text import slugify
from taggit.managers import TaggableManager
from taggit.models import Tag

from articles import search
from articles.editorial.sanitizer import sanitize_body
from newsroom.caching import keys
from newsroom.links import link
from people.models import Department, Official

from .byline import Byline, TaggedArticle
from .reading import ReadingMixin, printed_bylines


def list_prefetches():
    """What a headline list item shows besides the article's own fields."""
    return [
        Prefetch("bylines", queryset=Byline.objects.select_related("reporter")),
        Prefetch("departments", queryset=Department.objects.only("pk", "name", "slug")),
    ]


ROLES = dict(Byline.Role.choices)  # a role as printed when a byline has no label


def list_items(articles):
    """The articles of a headline list, each given what its item prints besides its
    own fields: ``item_departments`` [(name, url)], ``item_byline`` (as printed)
    and ``item_tags`` (its cache tags). Two queries of plain values for the whole
    list; a prefetch would build a manager and a query set for each article and
    relation, which costs a list of twenty more than both queries."""
    articles = list(articles)
    ids = [article.pk for article in articles]
    departments, bylines, tags = defaultdict(list), defaultdict(list), {}
    for article in articles:
        tags[article.pk] = {keys.article_tag(article.pk)}
    assigned = (
        Article.departments.through.objects.filter(article_id__in=ids)
        .order_by("department__order", "department__name", "department_id")
        .values_list(
            "article_id", "department_id", "department__name", "department__slug"
        )
    )
    for article_id, pk, name, slug in assigned:
        departments[article_id].append((name, link("department_detail", slug=slug)))
        tags[article_id].add(keys.department_tag(pk))
    signed = (
        Byline.objects.filter(article_id__in=ids)
        .order_by("order", "pk")
        .values_list("article_id", "reporter_id", "reporter__name", "role", "label")
    )
    for article_id, reporter_id, name, role, label in signed:
        bylines[article_id].append((label or ROLES.get(role, role), name))
        tags[article_id].add(keys.reporter_tag(reporter_id))
    for article in articles:
        article.item_departments = departments[article.pk]
        article.item_byline = printed_bylines(bylines[article.pk])
        article.item_tags = tags[article.pk]
    return articles


def detail_prefetches():
    """What an article page shows besides the article's own fields."""
    return [
        Prefetch("bylines", queryset=Byline.objects.select_related("reporter")),
        Prefetch("officials", queryset=Official.objects.prefetch_related("positions")),
        "departments",
        "tags",
        "corrections",
    ]


def tag_prefetch():
    """An article's tags through its assignments, in the order they were given: one
    query for a whole list (taggit's own ``tags`` prefetch builds a manager and a
    query set for every article in the list)."""
    return Prefetch(
        "tagged_items",
        queryset=TaggedArticle.objects.select_related("tag").order_by("pk"),
    )


def visible_tags(user, tags=None):
    """The tags ``user`` may list in the admin: editors all of them; others the
    tags of public articles, of their own articles, and tags no article carries
    yet — never one that is only on somebody else's unpublished article."""
    tags = Tag.objects.all() if tags is None else tags
    if user.has_perm("articles.review_article") or user.has_perm(
        "articles.view_all_articles"
    ):
        return tags
    carried = TaggedArticle.objects.filter(tag=OuterRef("pk"))
    allowed = carried.filter(Q(content_object__in=Article.objects.published()))
    own = carried.filter(content_object__author=user)
    return tags.filter(Exists(allowed) | Exists(own) | ~Exists(carried))


def live_q(now=None):
    """The public-visibility rule, written once: published and its time has come."""
    return Q(status=Article.Status.PUBLISHED, published_at__lte=now or timezone.now())


# The months with public articles, newest first, on PostgreSQL: a loose index scan.
# Each step asks the live index for the newest article before the month found last,
# so the cost is one index probe per month, not a scan of every public row (which
# DISTINCT date_trunc() is: 30 ms at 100,000 articles).
MONTHS_SQL = """
WITH RECURSIVE months(start) AS (
    SELECT date_trunc('month', max(published_at) AT TIME ZONE %(zone)s)
    FROM {table} WHERE status = %(status)s AND published_at <= %(now)s
  UNION ALL
    SELECT (
        SELECT date_trunc('month', max(later.published_at) AT TIME ZONE %(zone)s)
        FROM {table} later
        WHERE later.status = %(status)s
          AND later.published_at < (months.start AT TIME ZONE %(zone)s)
    )
    FROM months WHERE months.start IS NOT NULL
)
SELECT start::date FROM months WHERE start IS NOT NULL
"""


def public_months():
    """The first day of every month with a public article, newest first: what
    ``published().dates("published_at", "month", "DESC")`` answers."""
    connection = connections[router.db_for_read(Article)]  # a replica for the public
    if connection.vendor != "postgresql":
        return list(Article.objects.published().dates("published_at", "month", "DESC"))
    with connection.cursor() as cursor:
        cursor.execute(
            MONTHS_SQL.format(table=connection.ops.quote_name(Article._meta.db_table)),
            {
                "zone": settings.TIME_ZONE,
                "status": Article.Status.PUBLISHED,
                "now": timezone.now(),
            },
        )
        return [row[0] for row in cursor.fetchall()]


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """Articles the public may see. Every public view starts here."""
        return self.filter(live_q())

    def scheduled(self):
        """Approved articles whose publication time is still in the future."""
        return self.filter(
            status=Article.Status.PUBLISHED, published_at__gt=timezone.now()
        )

    def next_go_live(self):
        """When the next scheduled article goes public, or None."""
        return (
            self.scheduled()
            .order_by("published_at")
            .values_list("published_at", flat=True)
            .first()
        )

    # EXISTS rather than a join: no duplicates, and PostgreSQL can walk the
    # (published_at, id) index newest-first and stop after one page.
    # A plain join where the link table allows a pair only once (so no row can
    # appear twice): cheaper to build and to plan than an EXISTS subquery.

    def for_official(self, official):
        return self.filter(officials=official.pk)

    def for_department(self, department):
        return self.filter(departments=department.pk)

    def for_reporter(self, reporter):
        bylines = Byline.objects.filter(
            article_id=OuterRef("pk"), reporter_id=reporter.pk
        )
        return self.filter(Exists(bylines))

    def tagged(self, tag):
        return self.filter(tagged_items__tag=tag.pk)

    def with_officials(self):
        return self.filter(
            Exists(Article.officials.through.objects.filter(article_id=OuterRef("pk")))
        )

    def with_departments(self):
        links = Article.departments.through.objects.filter(article_id=OuterRef("pk"))
        return self.filter(Exists(links))

    def newest_first(self):
        return self.order_by("-published_at", "-pk")

    def lean(self):
        """Leave out the search columns, which no page shows."""
        return self.defer("search_text", "search_vector")

    def with_list_data(self):
        """Prefetch what a headline list shows, so its query count does not grow."""
        return self.lean().prefetch_related(*list_prefetches())

    def in_review(self):
        """The review queue: submitted articles, the longest waiting first."""
        return self.filter(status=Article.Status.IN_REVIEW).order_by(
            "submitted_at", "pk"
        )

    def editable_by(self, user):
        """Articles a user may see in the admin: editors all, reporters their own
        and those that carry their byline (a page imported by an editor)."""
        if user.has_perm("articles.review_article") or user.has_perm(
            "articles.view_all_articles"
        ):
            return self
        return self.mine(user)

    def mine(self, user):
        """Articles that are a user's own: written by them (创建人) or carrying
        their byline (a page an editor imported with their name on it)."""
        bylined = Byline.objects.filter(
            article_id=OuterRef("pk"), reporter__user_id=user.pk
        )
        return self.filter(Q(author=user.pk) | Exists(bylined))

    def with_detail_data(self):
        """Prefetch everything an article page shows, positions included for titles."""
        return self.lean().prefetch_related(*detail_prefetches())


class Article(ReadingMixin, models.Model):
    # What a version restores and a diff compares: the article's own content.
    CONTENT_FIELDS = [
        "kicker",
        "title",
        "subtitle",
        "summary",
        "body",
        "source",
        "image",
        "image_caption",
        "edition_date",
        "page_number",
        "page_name",
        "page_order",
    ]

    class Status(models.TextChoices):
        DRAFT = "draft", "草稿"
        IN_REVIEW = "in_review", "待审"
        RETURNED = "returned", "已退回"
        PUBLISHED = "published", "已签发"
        WITHDRAWN = "withdrawn", "已撤稿"

    kicker = models.CharField("引题", max_length=200, blank=True)
    title = models.CharField("主题", max_length=200)
    subtitle = models.CharField("副题", max_length=200, blank=True)
    slug = models.SlugField(
        "网址标识",
        max_length=80,
        blank=True,
        allow_unicode=True,
        help_text="网址中的可读部分，留空则按主题自动生成；稿件发布后不再改变。",
    )
    summary = models.TextField(
        "摘要", blank=True, help_text="列表和订阅中显示；留空则取正文开头。"
    )
    body = models.TextField(
        "正文", blank=True, help_text="保存时自动清理不安全的 HTML。"
    )
    source = models.CharField("电头", max_length=50, default="本报讯", blank=True)
    image = models.ImageField("题图", upload_to="articles/%Y/%m/", blank=True)
    image_caption = models.CharField("图片说明", max_length=300, blank=True)
    import_notes = models.TextField(
        "导入提示",
        blank=True,
        help_text="导入版面时无法确定、需要人工核对的地方（不公开显示）；核对后清空。",
    )
    tags = TaggableManager(
        "标签",
        through="TaggedArticle",
        blank=True,
        help_text="输入后回车；可选已有标签。",
    )
    officials = models.ManyToManyField(
        Official, verbose_name="涉及领导", blank=True, related_name="articles"
    )
    departments = models.ManyToManyField(
        Department, verbose_name="涉及部门", blank=True, related_name="articles"
    )
    status = models.CharField(
        "状态",
        max_length=20,
        choices=Status.choices,
        default=Status.DRAFT,
        db_index=True,
    )
    published_at = models.DateTimeField(
        "发布时间",
        null=True,
        blank=True,
        help_text="设为将来的时间即为定时发布，到时自动公开。",
    )
    # The time the article first went public, kept whatever later edits do: pages
    # print it as 发布时间 (an inspection fails a site for forged dates).
    first_published_at = models.DateTimeField(
        "首次发布时间", null=True, blank=True, editable=False
    )
    revised_at = models.DateTimeField(
        "更新时间",
        null=True,
        blank=True,
        editable=False,
        help_text="发布后最后一次修改正文或更正的时间。",
    )
    featured = models.BooleanField(
        "首页推荐", default=False, help_text="在首页头条位置展示。"
    )
    edition_date = models.DateField("见报日期", null=True, blank=True)
    page_number = models.PositiveSmallIntegerField("版次", null=True, blank=True)
    page_name = models.CharField(
        "版名", max_length=50, blank=True, help_text="如“要闻”。"
    )
    page_order = models.PositiveSmallIntegerField(
        "版内顺序", default=0, help_text="同一版面内稿件的先后顺序。"
    )
    review_level = models.PositiveSmallIntegerField(
        "已通过审级", default=0, help_text="本轮审核已签的最高审级；退回后归零。"
    )
    submitted_at = models.DateTimeField("送审时间", null=True, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="创建人",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="articles",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="最后修改人",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("修改时间", auto_now=True)
    search_text = models.TextField("检索词", blank=True, editable=False)
    # PostgreSQL only: to_tsvector('simple', search_text), kept by save().
    search_vector = SearchVectorField(null=True, editable=False)
    # Optimistic locking: every save increments it; a form that was opened on an
    # older number is refused instead of overwriting someone else's work.
    lock_version = models.PositiveIntegerField("版本号", default=0, editable=False)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = "稿件"
        verbose_name_plural = "稿件"
        ordering = ["-published_at", "-pk"]
        permissions = [
            ("review_article", "审核稿件（审签、退回）"),
            ("publish_article", "终审签发稿件"),
            ("withdraw_article", "撤稿"),
            ("correct_article", "更正已发布稿件"),
            ("view_all_articles", "查看全部稿件"),
            ("view_statistics", "查看全部人员的稿件统计"),
            ("backdate_article", "签发时使用早于当前的发布时间（倒签）"),
        ]
        indexes = [
            models.Index(
                fields=["status", "-published_at"], name="article_status_pub_idx"
            ),
            # Public lists: newest first, keyset pages on (published_at, id).
            models.Index(
                fields=["-published_at", "-id"],
                condition=Q(status="published"),
                name="article_live_idx",
            ),
            # The home page's lead: the newest featured article.
            models.Index(
                fields=["-published_at"],
                condition=Q(status="published", featured=True),
                name="article_featured_idx",
            ),
            models.Index(
                fields=["edition_date", "page_number", "page_order"],
                name="article_edition_idx",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body = sanitize_body(self.body)
        if not self.slug:
            # Not unique: the id makes the URL canonical, the slug only decorates it.
            self.slug = (
                slugify(self.title, allow_unicode=True)[:60].strip("-") or "article"
            )
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        if self.first_published_at is None and self.status == self.Status.PUBLISHED:
            # However it got here (a script, a fixture may give the time as text).
            when = self._meta.get_field("published_at").to_python(self.published_at)
            if when <= timezone.now():
                self.first_published_at = when
        self.lock_version = (self.lock_version or 0) + 1
        # The search index follows every save, whichever way the article is saved.
        self.search_text = search.index_text(self.plain_text())
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {
                *kwargs["update_fields"],
                "lock_version",
                "updated_at",
                "search_text",
            }
        super().save(*args, **kwargs)
        search.update_vector(
            type(self).objects.filter(pk=self.pk), using=kwargs.get("using")
        )

    def get_absolute_url(self):
        return link("article_detail", pk=self.pk, slug=self.slug)

    @classmethod
    def clean_restored_fields(cls, fields):
        """A row from a backup archive, cleaned as ``save()`` would clean it (a
        restore loads rows without calling ``save()``): newsroom.backup."""
        if "body" in fields:
            fields["body"] = sanitize_body(str(fields["body"] or ""))
        return fields

    def clean(self):
        if self.page_number and not self.edition_date:
            raise ValidationError({"edition_date": "填写版次时须同时填写见报日期。"})
        if self.has_gone_public() and self.published_at != self.first_published_at:
            raise ValidationError(
                {"published_at": "稿件已经发布，发布时间不能再改（可填写更正说明）。"}
            )

    def has_gone_public(self):
        """Whether the article has been public: its publication time is fixed."""
        first = self.first_published_at
        return first is not None and first <= timezone.now()

    def shown_published_at(self):
        """The time pages print as 发布时间: the first publication."""
        return self.first_published_at or self.published_at

    def is_published(self):
        """Mirror of ``ArticleQuerySet.published()`` for one article."""
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    def is_public(self):
        """For the admin's "view on site" shortcut (newsroom.views)."""
        return self.is_published()

    def is_scheduled(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at > timezone.now()
        )

    def publication_date(self):
        """The local date the article carries: publication, else edition, else today."""
        if self.published_at:
            return timezone.localdate(self.published_at)
        return self.edition_date or timezone.localdate()


# Versions: an article is saved together with its bylines and tag assignments.
reversion.register(Byline)
reversion.register(TaggedArticle)
reversion.register(Article, follow=["bylines", "tagged_items"])
