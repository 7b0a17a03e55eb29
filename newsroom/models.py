"""The site's settings that a site admin keeps in the admin (``SiteSettings``):
the newsroom's name, the review levels and the identifiers an inspection looks
for. One row; a field left empty means the environment's value (settings.py).
``newsroom.identity`` reads them (cached); saving purges every public page."""

import reversion
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models, transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .caching import keys
from .caching.versions import purge

REVIEW_LEVEL_CHOICES = [(1, "一审（审签）"), (2, "二审"), (3, "三审")]


@reversion.register()
class SiteSettings(models.Model):
    """The one row of site settings (pk 1), every change kept as a version."""

    name = models.CharField(
        "网站名称",
        max_length=100,
        blank=True,
        help_text="报头、页面标题和订阅中显示；留空则用环境变量 SITE_NAME。",
    )
    tagline = models.CharField(
        "报头名称",
        max_length=50,
        blank=True,
        help_text="报头的大字，如“二七新闻”；留空则用环境变量 SITE_TAGLINE。",
    )
    review_levels = models.PositiveSmallIntegerField(
        "审核级数",
        null=True,
        blank=True,
        choices=REVIEW_LEVEL_CHOICES,
        help_text="稿件签发前须经过的审级（三审即 3）；留空则用环境变量 "
        "REVIEW_LEVELS。改动只影响以后的审签，已送审的稿件按新级数继续。",
    )
    sponsor = models.CharField(
        "主办单位",
        max_length=100,
        blank=True,
        help_text="页脚显示；留空则用 SITE_SPONSOR，都没有则不显示。",
    )
    organizer = models.CharField(
        "承办单位", max_length=100, blank=True, help_text="留空则用 SITE_ORGANIZER。"
    )
    icp_number = models.CharField(
        "ICP 备案号",
        max_length=50,
        blank=True,
        help_text="如“豫ICP备12345678号-1”，页脚链接到工信部备案系统；"
        "留空则用 SITE_ICP_NUMBER。",
    )
    police_number = models.CharField(
        "公安备案号",
        max_length=50,
        blank=True,
        validators=[
            RegexValidator(r"[0-9]{6,}", "公安备案号应含备案编号（一串数字）。")
        ],
        help_text="如“豫公网安备41010302000123号”，页脚带徽标并链接到全国互联网"
        "安全管理服务平台；留空则用 SITE_POLICE_NUMBER。",
    )
    site_code = models.CharField(
        "网站标识码",
        max_length=20,
        blank=True,
        validators=[RegexValidator(r"^[0-9]{10}$", "网站标识码为 10 位数字。")],
        help_text="政府网站标识码（10 位数字）；留空则用 SITE_CODE。",
    )
    government_badge = models.BooleanField(
        "显示党政机关网站标识",
        null=True,
        blank=True,
        help_text="经机构编制部门认证的党政机关网站在页脚显示标识；"
        "留空则用 SITE_GOVERNMENT_BADGE。",
    )
    government_badge_url = models.URLField(
        "党政机关网站标识链接",
        blank=True,
        help_text="标识指向的认证页面（开办单位信息），可留空。",
    )
    address = models.CharField(
        "联系地址", max_length=200, blank=True, help_text="留空则用 SITE_ADDRESS。"
    )
    phone = models.CharField(
        "联系电话", max_length=50, blank=True, help_text="留空则用 SITE_PHONE。"
    )
    privacy_statement = models.TextField(
        "隐私声明",
        blank=True,
        help_text="“隐私声明”页的正文，每段一行；留空则显示通用的声明。",
    )
    copyright_statement = models.TextField(
        "版权声明",
        blank=True,
        help_text="“版权声明”页的正文，每段一行；留空则显示通用的声明。",
    )
    updated_at = models.DateTimeField("修改时间", auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="修改人",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    class Meta:
        verbose_name = "网站设置"
        verbose_name_plural = "网站设置"

    def __str__(self):
        return "网站设置"

    def save(self, *args, **kwargs):
        self.pk = 1  # one row
        super().save(*args, **kwargs)

    def clean(self):
        if self.review_levels not in (None, 1, 2, 3):
            raise ValidationError({"review_levels": "审核级数只能是 1、2 或 3。"})

    @classmethod
    def load(cls):
        """The row, made (empty: every value from the environment) if missing."""
        found = cls.objects.filter(pk=1).first()
        return found or cls(pk=1)


@receiver(post_save, sender=SiteSettings)
@receiver(post_delete, sender=SiteSettings)
def forget_site_settings(**kwargs):
    """Whichever way the row changes (the admin, a reverted version, a restore),
    forget the cached copy now and once the change commits (a read in between may
    have cached the old row), and rebuild every public page: each shows the name
    and the footer."""
    cache.delete(keys.SITE_SETTINGS)
    transaction.on_commit(lambda: cache.delete(keys.SITE_SETTINGS))
    purge(keys.SITE)
