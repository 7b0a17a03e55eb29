"""The review queue (审稿队列): submitted articles, the longest waiting first."""

from django.contrib import admin
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html

from articles import services
from articles.models import ReviewQueue
from people.names import person_name

from .bulk import BulkActionsMixin
from .inlines import AwaitingMeFilter


@admin.register(ReviewQueue)
class ReviewQueueAdmin(BulkActionsMixin, admin.ModelAdmin):
    """Submitted articles, the longest waiting first; each row opens the article;
    the steps a submitted article can take, for several at once."""

    change_list_template = "admin/articles/reviewqueue/change_list.html"
    list_display = ["title_link", "awaiting", "author_name", "submitted_at"]
    list_select_related = ["author", "author__reporter"]
    list_display_links = None
    ordering = ["submitted_at", "pk"]
    search_fields = ["title"]
    list_filter = [AwaitingMeFilter]
    actions = ["bulk_approve", "bulk_schedule", "bulk_return"]

    def get_queryset(self, request):
        return ReviewQueue.objects.in_review()

    def changelist_view(self, request, extra_context=None):
        # Django's own title reads "选择 待审稿件 来查看".
        extra_context = {"title": "审稿队列", **(extra_context or {})}
        return super().changelist_view(request, extra_context)

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

    @admin.display(description="作者", ordering="author")
    def author_name(self, obj):
        return person_name(obj.author) or "—"

    @admin.display(description="等待")
    def awaiting(self, obj):
        return services.level_name(services.next_level(obj))
