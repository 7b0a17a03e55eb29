"""The article form's inlines (bylines, corrections) and the list's filters."""

from django.contrib import admin

from articles import services
from articles.models import Byline, Correction
from people.names import person_name


class BylineInline(admin.TabularInline):
    model = Byline
    fields = ["order", "role", "label", "reporter"]
    autocomplete_fields = ["reporter"]
    extra = 1
    verbose_name = "署名"
    verbose_name_plural = "署名（按顺序，如“记者 景静 通讯员 孙扩龙”）"

    def has_change_permission(self, request, obj=None):
        return self._can_edit(request, obj)

    def has_add_permission(self, request, obj=None):
        return self._can_edit(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._can_edit(request, obj)

    def _can_edit(self, request, obj):
        if obj is None:
            return request.user.has_perm("articles.add_article")
        return services.can_edit(request.user, obj)


class CorrectionInline(admin.TabularInline):
    model = Correction
    fields = ["created_at", "note", "corrected_by"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = "更正说明（已公开显示）"

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description="更正人")
    def corrected_by(self, obj):
        return person_name(obj.created_by) or "—"

    def has_view_permission(self, request, obj=None):
        return request.user.is_staff


class AttentionFilter(admin.SimpleListFilter):
    title = "导入提示"
    parameter_name = "attention"

    def lookups(self, request, model_admin):
        return [("yes", "需人工处理")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.exclude(import_notes="")
        return queryset


class VisibilityFilter(admin.SimpleListFilter):
    title = "公开状态"
    parameter_name = "visibility"

    def lookups(self, request, model_admin):
        return [("live", "已公开"), ("scheduled", "定时待发")]

    def queryset(self, request, queryset):
        if self.value() == "live":
            return queryset.published()
        if self.value() == "scheduled":
            return queryset.scheduled()
        return queryset


class MineFilter(admin.SimpleListFilter):
    """The desk's home links here: the user's own articles (written or bylined)."""

    title = "我的稿件"
    parameter_name = "mine"

    def lookups(self, request, model_admin):
        return [("1", "我写的或署我名的")]

    def queryset(self, request, queryset):
        if self.value() == "1":
            return queryset.mine(request.user)
        return queryset


class AwaitingMeFilter(admin.SimpleListFilter):
    """The review queue's articles whose next signature is the user's to give."""

    title = "审级"
    parameter_name = "for_me"

    def lookups(self, request, model_admin):
        return [("1", "待我审核")]

    def queryset(self, request, queryset):
        if self.value() == "1":
            mine = services.awaiting_signature(request.user, queryset)
            return queryset.filter(pk__in=[a.pk for a in mine])
        return queryset
