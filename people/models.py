"""Department, Official (a leader) with dated Positions, and Reporter.

An official's title is always read for a date (``title_on``): articles print the
title held on the day they appeared."""

import datetime
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Min, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.text import slugify

from newsroom.links import link
from newsroom.prepared import Prepared

# Aliases are typed one per line; commas and the Chinese enumeration comma also split.
ALIAS_SEPARATORS = re.compile(r"[\n\r,，、;；]+")


def split_aliases(text):
    return [
        alias.strip() for alias in ALIAS_SEPARATORS.split(text or "") if alias.strip()
    ]


def unique_slug(instance, source, max_length=60):
    """A unicode slug from ``source`` that no other row of the model uses."""
    base = slugify(source, allow_unicode=True)[:max_length] or "item"
    slug, n = base, 2
    model = type(instance)
    while model._default_manager.filter(slug=slug).exclude(pk=instance.pk).exists():
        slug = f"{base}-{n}"
        n += 1
    return slug


def slug_field(help_text):
    """The URL part of a named thing's page: unicode, unique, filled in if blank."""
    return models.SlugField(
        "网址标识",
        max_length=80,
        unique=True,
        blank=True,
        allow_unicode=True,
        help_text=help_text,
    )


class SlugFromNameMixin:
    """Fill a blank slug from ``name`` when saving."""

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.name)
        super().save(*args, **kwargs)


class Department(SlugFromNameMixin, models.Model):
    class Kind(models.TextChoices):
        PARTY = "party", "党委部门"
        GOVERNMENT = "government", "政府部门"
        CONGRESS = "congress", "人大"
        CPPCC = "cppcc", "政协"
        DISCIPLINE = "discipline", "纪检监察"
        SUBDISTRICT = "subdistrict", "街道（镇）"
        OTHER = "other", "其他单位"

    name = models.CharField(
        "名称", max_length=100, unique=True, help_text="常用名称，如“区商务局”。"
    )
    full_name = models.CharField(
        "全称",
        max_length=200,
        blank=True,
        help_text="正式全称，如“郑州市二七区商务局”。",
    )
    aliases = models.TextField(
        "别称",
        blank=True,
        help_text="稿件中可能出现的简称或其他写法，每行一个。",
    )
    kind = models.CharField(
        "类别", max_length=20, choices=Kind.choices, default=Kind.GOVERNMENT
    )
    parent = models.ForeignKey(
        "self",
        verbose_name="上级部门",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
    )
    order = models.PositiveIntegerField(
        "排序", default=100, help_text="数字越小越靠前。"
    )
    slug = slug_field("用于网址，留空则按名称自动生成。")
    description = models.TextField("简介", blank=True)

    class Meta:
        verbose_name = "部门"
        verbose_name_plural = "部门"
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return link("department_detail", slug=self.slug)

    def is_public(self):
        """Every department has a public page (the admin's "view on site")."""
        return True

    def clean(self):
        ancestor = self.parent
        while ancestor is not None:
            if ancestor.pk == self.pk and self.pk is not None:
                raise ValidationError({"parent": "上级部门不能是本部门或其下级部门。"})
            ancestor = ancestor.parent

    def alias_list(self):
        return split_aliases(self.aliases)

    def names(self):
        """Every way the department may be written in copy, longest first."""
        names = {self.name, *self.alias_list()}
        if self.full_name:
            names.add(self.full_name)
        return sorted(names, key=len, reverse=True)


def printed_title(titles):
    """Titles of the positions held, in protocol order, as one printed title: each
    part once (“区委常委、副区长” and “区委常委” print “区委常委、副区长”)."""
    parts = []
    for title in titles:
        for part in title.split("、"):
            if part and part not in parts:
                parts.append(part)
    return "、".join(parts)


def protocol_order(date=None):
    """``order_by`` terms putting officials in protocol order on ``date`` (today):
    the best rank they hold that day, those holding none last, then by name. A
    subquery, so it orders any query of officials (the admin's lists too)."""
    held = Position.objects.filter(
        Position.held_on_q(date or timezone.localdate()), official=OuterRef("pk")
    )
    best = Subquery(held.order_by("rank").values("rank")[:1])
    return [best.asc(nulls_last=True), "name", "pk"]


def _held_on(date):
    """(official pk, name, slug, title, rank) of the positions held on ``date``, in
    protocol order."""
    return (
        Position.objects.filter(Position.held_on_q(date))
        .order_by("rank", "start_date")
        .values_list("official_id", "official__name", "official__slug", "title", "rank")
    )


class OfficialQuerySet(models.QuerySet):
    def with_rank_on(self, date):
        """Annotate ``protocol_rank``: best rank among positions held on ``date``."""
        return self.annotate(
            protocol_rank=Min(
                "positions__rank", filter=Position.held_on_q(date, "positions__")
            )
        )

    def current(self):
        """Officials holding a position today, in protocol order."""
        today = timezone.localdate()
        return (
            self.with_rank_on(today)
            .filter(protocol_rank__isnull=False)
            .order_by("protocol_rank", "name")
        )

    def roll_on(self, date):
        """[(name, slug, title)] of the officials holding a position on ``date``, in
        protocol order, from one query of plain values (the leaders' column of every
        page): the same order as ``current()`` and the titles of ``title_on``."""
        if self.query.has_filters():
            held = _held_on(date).filter(official__in=self)
        else:
            # Every page asks this of all officials: one prepared statement.
            held = ROLL.rows(date=date)
        officials = {}
        for pk, name, slug, title, rank in held:
            # The first row of an official is their best rank (protocol_rank).
            officials.setdefault(pk, (rank, name, slug, []))[3].append(title)
        return [
            (name, slug, printed_title(titles))
            for _, name, slug, titles in sorted(
                officials.values(), key=lambda row: row[:2]
            )
        ]

    def in_protocol_order(self, date=None):
        """Every official: those holding a position on ``date`` (today) in protocol
        order, then the others by name. Wherever a list of leaders is shown."""
        return self.order_by(*protocol_order(date))

    def former(self):
        today = timezone.localdate()
        return (
            self.with_rank_on(today).filter(protocol_rank__isnull=True).order_by("name")
        )


class Official(SlugFromNameMixin, models.Model):
    name = models.CharField("姓名", max_length=50)
    slug = slug_field("用于网址，留空则按姓名自动生成。")
    photo = models.ImageField("照片", upload_to="officials/", blank=True)
    bio = models.TextField("简历", blank=True)
    aliases = models.TextField(
        "别称", blank=True, help_text="稿件中可能出现的其他写法，每行一个。"
    )

    objects = OfficialQuerySet.as_manager()

    class Meta:
        verbose_name = "领导"
        verbose_name_plural = "领导"
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return link("official_detail", slug=self.slug)

    def is_public(self):
        """Every leader has a public page (the admin's "view on site")."""
        return True

    def alias_list(self):
        return split_aliases(self.aliases)

    def positions_on(self, date):
        """Positions held on ``date``, in protocol order.

        Works in Python over ``self.positions.all()`` so that a prefetched list of
        positions is reused: article lists show each official's title without a query
        per official.
        """
        held = [p for p in self.positions.all() if p.is_held_on(date)]
        return sorted(held, key=lambda p: (p.rank, p.start_date))

    def title_on(self, date):
        """The title as printed on ``date``, e.g. “区委常委、副区长”; empty if none."""
        return printed_title(p.title for p in self.positions_on(date))

    def current_title(self):
        return self.title_on(timezone.localdate())

    def positions_by_recency(self):
        """Every position, current ones first, then the most recently begun."""
        return sorted(
            self.positions.all(),
            key=lambda p: (p.end_date is not None, -p.start_date.toordinal()),
        )


class Position(models.Model):
    official = models.ForeignKey(
        Official,
        verbose_name="领导",
        on_delete=models.CASCADE,
        related_name="positions",
    )
    department = models.ForeignKey(
        Department,
        verbose_name="所在部门",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="positions",
    )
    title = models.CharField(
        "职务（按刊印写法）",
        max_length=100,
        help_text="如“区委常委、副区长”，与见报写法一致。",
    )
    rank = models.PositiveIntegerField(
        "排序位次",
        default=100,
        help_text="按礼宾顺序排列领导：数字越小越靠前（如区委书记 10、区长 20）。",
    )
    start_date = models.DateField("任职日期")
    end_date = models.DateField(
        "离任日期", null=True, blank=True, help_text="留空表示现任。"
    )

    class Meta:
        verbose_name = "职务"
        verbose_name_plural = "职务"
        ordering = ["rank", "-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="position_ends_after_start",
                violation_error_message="离任日期不能早于任职日期。",
            )
        ]

    def __str__(self):
        return f"{self.official.name} {self.title}"

    @staticmethod
    def held_on_q(date, prefix=""):
        """``Q`` for positions held on ``date``: one rule for queries and Python."""
        return Q(**{f"{prefix}start_date__lte": date}) & (
            Q(**{f"{prefix}end_date__isnull": True})
            | Q(**{f"{prefix}end_date__gte": date})
        )

    def is_held_on(self, date):
        return self.start_date <= date and (
            self.end_date is None or self.end_date >= date
        )

    def is_current(self):
        return self.is_held_on(timezone.localdate())


class Reporter(SlugFromNameMixin, models.Model):
    class Kind(models.TextChoices):
        REPORTER = "reporter", "记者"
        CORRESPONDENT = "correspondent", "通讯员"
        INTERN = "intern", "实习生"
        PHOTOGRAPHER = "photographer", "摄影"
        EDITOR = "editor", "编辑"

    name = models.CharField("姓名", max_length=50)
    kind = models.CharField(
        "身份", max_length=20, choices=Kind.choices, default=Kind.REPORTER
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="登录账号",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reporter",
        help_text="通讯员通常没有账号，可留空。",
    )
    unit = models.CharField("所在单位", max_length=100, blank=True)
    slug = slug_field("用于网址，留空则按姓名自动生成。")

    class Meta:
        verbose_name = "作者"
        verbose_name_plural = "作者"
        ordering = ["name"]

    def __str__(self):
        if self.unit:
            return f"{self.name}（{self.unit}）"
        return self.name

    def get_absolute_url(self):
        return link("reporter_detail", slug=self.slug)


# The leaders' column of every page (OfficialQuerySet.roll_on).
ROLL = Prepared(Position, _held_on, date=datetime.date)
