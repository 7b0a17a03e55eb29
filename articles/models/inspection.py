"""What the self-inspection (迎检自查, ``articles.inspection``) keeps: the result of
every external link checked (``LinkCheck``, so that a rerun rechecks only old
results), which department pages count as columns, with their period
(``DepartmentColumn``), and the reports made (``InspectionReport``)."""

from django.conf import settings
from django.db import models

from people.models import Department


class LinkCheck(models.Model):
    """The last check of one external address found in a published body."""

    class Result(models.TextChoices):
        OK = "ok", "正常"
        REDIRECT = "redirect", "跳转到其他网站"
        DEAD = "dead", "无法访问"

    url = models.CharField("链接", max_length=2000, unique=True)
    host = models.CharField("网站", max_length=255, db_index=True)
    result = models.CharField("结果", max_length=20, choices=Result.choices)
    status_code = models.PositiveSmallIntegerField("状态码", null=True, blank=True)
    final_url = models.CharField("跳转到", max_length=2000, blank=True)
    error = models.CharField("错误", max_length=300, blank=True)
    checked_at = models.DateTimeField("检查时间", db_index=True)

    class Meta:
        verbose_name = "链接检查结果"
        verbose_name_plural = "链接检查结果"
        ordering = ["host", "url"]
        permissions = [("view_inspection", "查看迎检自查报告")]

    def __str__(self):
        return f"{self.url} {self.get_result_display()}"


class DepartmentColumn(models.Model):
    """A department page the inspection treats as a column that must be updated."""

    department = models.OneToOneField(
        Department,
        verbose_name="部门",
        on_delete=models.CASCADE,
        related_name="column_rule",
    )
    period_days = models.PositiveSmallIntegerField(
        "更新周期（天）",
        default=14,
        help_text="这么多天内没有公开稿件，迎检自查即报“栏目未更新”。",
    )

    class Meta:
        verbose_name = "部门栏目"
        verbose_name_plural = "部门栏目（迎检自查）"
        ordering = ["department__order", "department__name"]

    def __str__(self):
        return f"{self.department.name}（{self.period_days} 天）"


class InspectionReport(models.Model):
    """One run of the self-inspection, as the admin page and the export show it."""

    created_at = models.DateTimeField("自查时间", db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="发起人",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    seconds = models.FloatField("用时（秒）")
    failures = models.PositiveIntegerField("不合格项")
    warnings = models.PositiveIntegerField("提示项")
    data = models.JSONField("报告")

    class Meta:
        verbose_name = "迎检自查报告"
        verbose_name_plural = "迎检自查报告"
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"迎检自查 {self.created_at:%Y-%m-%d %H:%M}"
