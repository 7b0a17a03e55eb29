"""The review queue (审稿队列): submitted articles, the longest waiting first."""

from django.contrib import admin
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html

from articles import services
from articles.models import ReviewQueue


@admin.register(ReviewQueue)
class ReviewQueueAdmin(admin.ModelAdmin):
    """Submitted articles, the longest waiting first; each row opens the article."""

    list_display = ["title_link", "awaiting", "author", "submitted_at"]
    list_select_related = ["author"]
    list_display_links = None
    ordering = ["submitted_at", "pk"]
    search_fields = ["title"]
    actions = None

    def get_queryset(self, request):
        return ReviewQueue.objects.in_review()

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def change_view(self, request, object_id, form_url="", extra_context=None):
        return redirect("admin:articles_article_change", object_id)

    @admin.display(description="稿件")
    def title_link(self, obj):
        url = reverse("admin:articles_article_change", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, obj.title)

    @admin.display(description="等待")
    def awaiting(self, obj):
        return services.level_name(services.next_level(obj))
