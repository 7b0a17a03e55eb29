"""The columns and read-only fields of the article admin that say where an
article stands: status, review progress, visibility, print placement."""

from django.contrib import admin
from django.utils import timezone

from articles import services
from articles.models import Article
from people.names import person_name


class ColumnsMixin:
    @admin.display(description="状态", ordering="status")
    def status_display(self, obj):
        if obj.is_scheduled():
            local = timezone.localtime(obj.published_at)
            return f"定时签发：{local:%Y-%m-%d %H:%M} 发布"
        return obj.get_status_display()

    @admin.display(description="创建人", ordering="author")
    def author_display(self, obj):
        return person_name(obj.author) or "—"

    @admin.display(description="审核进度")
    def review_level_display(self, obj):
        levels = services.review_levels()
        if obj.status != Article.Status.IN_REVIEW:
            return f"共 {levels} 级审核"
        level = services.next_level(obj)
        return f"等待{services.level_name(level)}（第 {level}/{levels} 级）"

    @admin.display(description="公开")
    def visibility(self, obj):
        if obj.is_published():
            return "已公开"
        if obj.is_scheduled():
            local = timezone.localtime(obj.published_at)
            return f"定时 {local:%m-%d %H:%M}"
        return "—"

    @admin.display(description="见报", ordering="edition_date")
    def edition_display(self, obj):
        if not obj.edition_date:
            return "—"
        page = f" 第{obj.page_number}版" if obj.page_number else ""
        return f"{obj.edition_date:%Y-%m-%d}{page}"
