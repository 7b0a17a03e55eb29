"""What the desk keeps besides articles: the sensitive-word list, autosaves and
each person's notifications (待办)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from .article import Article


class SensitiveWord(models.Model):
    """A word the newsroom never prints (block) or prints only with care (caution)."""

    class Level(models.TextChoices):
        BLOCK = "block", "禁用（必须修改）"
        CAUTION = "caution", "慎用（需确认）"

    word = models.CharField("词语", max_length=50, unique=True)
    level = models.CharField(
        "级别", max_length=10, choices=Level.choices, default=Level.CAUTION
    )
    note = models.CharField(
        "说明", max_length=200, blank=True, help_text="为什么要注意，或建议的改法。"
    )
    created_at = models.DateTimeField("添加时间", auto_now_add=True)

    class Meta:
        verbose_name = "敏感词"
        verbose_name_plural = "敏感词表"
        ordering = ["level", "word"]

    def __str__(self):
        return self.word


class ArticleAutosave(models.Model):
    """What a user typed into an article form, saved while typing.

    Kept apart from the article itself so that autosaving never publishes a
    half-finished edit nor collides with someone else's save.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    data = models.JSONField("内容", default=dict)
    saved_at = models.DateTimeField("保存时间", auto_now=True)

    class Meta:
        verbose_name = "自动保存"
        verbose_name_plural = "自动保存"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "article"], name="autosave_one_per_user_article"
            ),
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(article__isnull=True),
                name="autosave_one_new_per_user",
            ),
        ]

    def __str__(self):
        return f"{self.user} {self.article_id or '新稿件'}"


class Notification(models.Model):
    """One item of a person's to-do list (待办): something happened to an article
    that they should look at. Written after the step commits (notifications)."""

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", "待审"
        RETURNED = "returned", "退回"
        APPROVED = "approved", "签发"
        CORRECTED = "corrected", "更正"
        MENTIONED = "mentioned", "提到我"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="接收人",
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField("类别", max_length=20, choices=Kind.choices)
    article = models.ForeignKey(
        Article,
        verbose_name="稿件",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    text = models.CharField("内容", max_length=500)
    created_at = models.DateTimeField("时间", default=timezone.now)
    read_at = models.DateTimeField("已读时间", null=True, blank=True)

    class Meta:
        verbose_name = "待办通知"
        verbose_name_plural = "待办通知"
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["user", "read_at"], name="notification_unread_idx")
        ]

    def __str__(self):
        return self.text
