"""Tags in the admin: taggit's own admin, listing to each user only the tags they
may see (``visible_tags``): a reporter never learns a tag that is only on
somebody else's unpublished article."""

from django.contrib import admin
from taggit.admin import TagAdmin
from taggit.models import Tag

from articles.models import visible_tags


class NewsroomTagAdmin(TagAdmin):
    inlines = []  # taggit's inline lists generic items, which articles do not use

    @admin.action(description="合并所选标签")
    def render_tag_form(self, request, queryset):
        # taggit's own action, whose name is in English.
        return super().render_tag_form(request, queryset)

    def get_queryset(self, request):
        return visible_tags(request.user, super().get_queryset(request))


admin.site.unregister(Tag)
admin.site.register(Tag, NewsroomTagAdmin)
