"""The print edition as data (数字报): an edition of a day, its pages (each from
the layout system's PDF, rendered once to an image and a thumbnail), and the
regions (热区) on a page that open an article.

Coordinates are the PDF's own: points, origin at the page's lower left corner,
as the text layer reports them; ``Region.svg_points`` turns them over for the
picture, whose origin is the upper left.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from .article import Article


class EditionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published=True, pages__isnull=False).distinct()


class Edition(models.Model):
    date = models.DateField("出版日期", unique=True)
    number = models.PositiveIntegerField("期号", help_text="当年的第几期。")
    total_number = models.PositiveIntegerField(
        "总期号", null=True, blank=True, help_text="创刊以来的期数，可不填。"
    )
    published = models.BooleanField(
        "已发布",
        default=False,
        help_text="发布后读者可在数字报中看到；只有已签发的稿件会成为可点击的热区。",
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    objects = EditionQuerySet.as_manager()

    class Meta:
        verbose_name = "数字报期次"
        verbose_name_plural = "数字报期次"
        ordering = ["-date"]

    def __str__(self):
        day = self.date
        return f"{day.year}年{day.month}月{day.day}日 第{self.number}期"

    def get_absolute_url(self):
        return reverse("epaper_day", args=[self.date.isoformat()])

    def is_published(self):
        return self.published


def page_file(instance, filename):
    """A page's files live under its edition's date: epaper/2023/11/29/…"""
    return f"epaper/{instance.edition.date:%Y/%m/%d}/{filename}"


class Page(models.Model):
    edition = models.ForeignKey(
        Edition, verbose_name="期次", on_delete=models.CASCADE, related_name="pages"
    )
    number = models.PositiveSmallIntegerField("版次")
    name = models.CharField("版名", max_length=50, blank=True, help_text="如“要闻”。")
    pdf = models.FileField("版面 PDF", upload_to=page_file)
    image = models.ImageField("版面图", upload_to=page_file, blank=True)
    thumbnail = models.ImageField("缩略图", upload_to=page_file, blank=True)
    # The PDF page's size in points, and the rendered picture's in pixels.
    width = models.FloatField("宽（磅）", default=0)
    height = models.FloatField("高（磅）", default=0)
    image_width = models.PositiveIntegerField("图宽（像素）", default=0)
    image_height = models.PositiveIntegerField("图高（像素）", default=0)
    has_text = models.BooleanField(
        "有文字层", default=True, help_text="扫描件没有文字层，无法自动标出稿件区域。"
    )

    class Meta:
        verbose_name = "版面"
        verbose_name_plural = "版面"
        ordering = ["edition", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "number"], name="epaper_page_unique_number"
            )
        ]

    def __str__(self):
        return f"第{self.number}版 {self.name}".strip()

    def get_absolute_url(self):
        return reverse("epaper_page", args=[self.edition.date.isoformat(), self.number])

    @property
    def thumbnail_size(self):
        """(width, height) of the thumbnail in pixels, without opening it."""
        width = settings.EPAPER_THUMBNAIL_WIDTH
        if not self.image_width:
            return width, round(width * 1.414)
        return width, round(self.image_height * width / self.image_width)


class Region(models.Model):
    page = models.ForeignKey(
        Page, verbose_name="版面", on_delete=models.CASCADE, related_name="regions"
    )
    article = models.ForeignKey(
        Article,
        verbose_name="稿件",
        on_delete=models.CASCADE,
        related_name="regions",
    )
    # [[x, y], …] in PDF points (origin lower left); four corners for a rectangle.
    points = models.JSONField("顶点")
    proposed = models.BooleanField(
        "自动标出", default=False, help_text="由 PDF 文字层自动找到，尚未经编辑调整。"
    )

    class Meta:
        verbose_name = "热区"
        verbose_name_plural = "热区"
        ordering = ["page", "pk"]

    def __str__(self):
        return f"{self.page}：{self.article}"

    def clean(self):
        if not valid_points(self.points, self.page.width, self.page.height):
            raise ValidationError({"points": "热区至少要有三个顶点，且都在版面内。"})

    @property
    def svg_points(self):
        """The polygon in the picture's coordinates (origin upper left, points)."""
        height = self.page.height
        return " ".join(f"{x:.1f},{height - y:.1f}" for x, y in self.points)

    @property
    def box(self):
        """(left, bottom, right, top) of the region, in PDF points."""
        xs = [x for x, _ in self.points]
        ys = [y for _, y in self.points]
        return min(xs), min(ys), max(xs), max(ys)


def valid_points(points, width, height):
    """Whether ``points`` is a polygon of at least three [x, y] inside the page."""
    if not isinstance(points, list) or not 3 <= len(points) <= 64:
        return False
    for point in points:
        if not (isinstance(point, list | tuple) and len(point) == 2):
            return False
        x, y = point
        if not all(
            isinstance(v, int | float) and not isinstance(v, bool) for v in (x, y)
        ):
            return False
        if not (-1 <= x <= width + 1 and -1 <= y <= height + 1):
            return False
    return True


def rectangle(left, bottom, right, top):
    """A rectangle's four corners, clockwise from the upper left."""
    return [[left, top], [right, top], [right, bottom], [left, bottom]]
