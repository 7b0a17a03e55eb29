"""The record of the workflow: one ``ReviewLog`` row per step, ``Correction``
notes shown under published articles, and the review queue's proxy model."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from .article import Article


class ReviewQueue(Article):
    """The editors' desk: submitted articles waiting for a signature."""

    class Meta:
        proxy = True
        verbose_name = "待审稿件"
        verbose_name_plural = "审稿队列"


class ReviewLog(models.Model):
    """One row per workflow step. Never edited, never deleted with its article."""

    class Action(models.TextChoices):
        CREATE = "create", "新建"
        SUBMIT = "submit", "送审"
        RECALL = "recall", "撤回送审"
        APPROVE = "approve", "审核通过"
        PUBLISH = "publish", "签发"
        RETURN = "return", "退回"
        UNSCHEDULE = "unschedule", "取消定时签发"
        WITHDRAW = "withdraw", "撤稿"
        CORRECT = "correct", "更正"
        RESTORE = "restore", "恢复版本"

    # No database constraint and no cascade: deleting an article keeps its history,
    # and recovering the article (same id) finds it again.
    article = models.ForeignKey(
        Article,
        verbose_name="稿件",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="review_logs",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    actor_name = models.CharField("操作人姓名", max_length=150)
    action = models.CharField("操作", max_length=20, choices=Action.choices)
    from_status = models.CharField(
        "原状态", max_length=20, choices=Article.Status.choices
    )
    to_status = models.CharField(
        "新状态", max_length=20, choices=Article.Status.choices
    )
    level = models.PositiveSmallIntegerField("审级", null=True, blank=True)
    comment = models.TextField("意见", blank=True)
    acknowledged = models.JSONField(
        "已确认的审校提示",
        default=list,
        blank=True,
        help_text="审签时编辑确认过的提示。",
    )
    backdated = models.BooleanField(
        "倒签",
        default=False,
        help_text="签发时发布时间早于签发时间（须有倒签权限）。",
    )
    created_at = models.DateTimeField("时间", default=timezone.now, db_index=True)

    class Meta:
        verbose_name = "审稿记录"
        verbose_name_plural = "审稿记录"
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.actor_name} {self.get_action_display()} {self.article_id}"


class Correction(models.Model):
    """A dated correction note (更正说明) shown under a published article."""

    article = models.ForeignKey(
        Article,
        verbose_name="稿件",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="corrections",
    )
    note = models.TextField("更正说明")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="更正人",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField("更正时间", default=timezone.now)

    class Meta:
        verbose_name = "更正说明"
        verbose_name_plural = "更正说明"
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.note
