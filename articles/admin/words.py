"""The sensitive-word list (敏感词表) that the checks read."""

from django.contrib import admin

from articles.models import SensitiveWord


@admin.register(SensitiveWord)
class SensitiveWordAdmin(admin.ModelAdmin):
    list_display = ["word", "level", "note", "created_at"]
    list_filter = ["level"]
    search_fields = ["word", "note"]
