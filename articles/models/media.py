"""The media library (图片库): every image uploaded at the desk, as a record —
who uploaded it and when, its caption, alternative text and credit — and where
it is used (an article's lead image, or an ``<img>`` in an article's body)."""

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q, Value
from django.db.models.functions import Concat
from django.utils import timezone

from .article import Article


def _uses(file):
    """Articles that show ``file`` (a file name or an ``OuterRef`` to one)."""
    if isinstance(file, str):
        url = f"{settings.MEDIA_URL}{file}"
    else:
        url = Concat(Value(settings.MEDIA_URL), file, output_field=models.TextField())
    return Article.objects.filter(Q(image=file) | Q(body__contains=url))


class MediaImageQuerySet(models.QuerySet):
    def with_use(self):
        """Annotate ``used``: does any article (of any state) show the image?"""
        return self.annotate(used=Exists(_uses(OuterRef("file"))))

    def unused(self):
        return self.with_use().filter(used=False)

    def search(self, text):
        text = text.strip()
        if not text:
            return self
        return self.filter(
            Q(caption__icontains=text)
            | Q(alt__icontains=text)
            | Q(credit__icontains=text)
            | Q(file__icontains=text)
        )


class MediaImage(models.Model):
    file = models.ImageField("图片", upload_to="library/%Y/%m/", max_length=255)
    caption = models.CharField("图片说明", max_length=300, blank=True)
    alt = models.CharField(
        "替代文字",
        max_length=300,
        blank=True,
        help_text="读屏软件读出的文字：图片上是什么。",
    )
    credit = models.CharField(
        "摄影/来源", max_length=100, blank=True, help_text="如“记者 景静 摄”。"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="上传人",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    uploaded_at = models.DateTimeField("上传时间", default=timezone.now, db_index=True)

    objects = MediaImageQuerySet.as_manager()

    class Meta:
        verbose_name = "图片"
        verbose_name_plural = "图片库"
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self):
        return self.caption or self.file.name.rsplit("/", 1)[-1]

    def url(self):
        return self.file.url

    def used_in(self):
        """The articles that show this image."""
        return _uses(self.file.name).order_by("-updated_at")
