"""Who wrote an article (``Byline``, one row per name in printed order) and its
tag assignments (``TaggedArticle``)."""

from django.db import models
from taggit.models import TaggedItemBase

from people.models import Reporter


class Byline(models.Model):
    Role = Reporter.Kind

    article = models.ForeignKey(
        "articles.Article",
        verbose_name="稿件",
        on_delete=models.CASCADE,
        related_name="bylines",
    )
    reporter = models.ForeignKey(
        Reporter, verbose_name="作者", on_delete=models.PROTECT, related_name="bylines"
    )
    role = models.CharField(
        "署名身份", max_length=20, choices=Role.choices, default=Role.REPORTER
    )
    label = models.CharField(
        "见报写法",
        max_length=30,
        blank=True,
        help_text="见报时的身份写法，如“首席记者”“区融媒体中心记者”；留空则按身份显示。",
    )
    order = models.PositiveSmallIntegerField("顺序", default=0)

    class Meta:
        verbose_name = "署名"
        verbose_name_plural = "署名"
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "reporter", "role"],
                name="byline_unique_reporter_role",
                violation_error_message="同一作者以同一身份只能署名一次。",
            )
        ]

    def __str__(self):
        return f"{self.printed_role()} {self.reporter.name}"

    def printed_role(self):
        return self.label or self.get_role_display()


class TaggedArticle(TaggedItemBase):
    """Tag assignments with a real foreign key, so versions can follow them."""

    content_object = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="tagged_items"
    )

    class Meta:
        verbose_name = "稿件标签"
        verbose_name_plural = "稿件标签"
        constraints = [
            models.UniqueConstraint(
                fields=["content_object", "tag"], name="tagged_article_unique"
            )
        ]
