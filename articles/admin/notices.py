"""Each person's notifications (待办): the list behind the bell in the admin's
header, only their own; opening one marks it read and goes to its article."""

from django.contrib import admin, messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path
from django.utils import timezone

from articles.models import Notification
from newsroom.inputs import object_id as valid_id


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["is_read", "kind", "text", "created_at"]
    # The link is Django's to the change page, which opens the article.
    list_display_links = ["text"]
    list_filter = ["kind"]
    actions = None

    def get_queryset(self, request):
        return super().get_queryset(request).filter(user=request.user.pk)

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_staff

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "read-all/",
                view(self.read_all_view),
                name="articles_notification_read_all",
            ),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        extra_context = {"title": "待办通知", **(extra_context or {})}
        return super().changelist_view(request, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        return self.open_view(request, object_id)

    def open_view(self, request, object_id):
        """Mark it read and open its article (or the list, if the article is gone)."""
        notice = self.get_queryset(request).filter(pk=valid_id(object_id)).first()
        if notice is None:
            raise Http404("没有这条通知。")
        if notice.read_at is None:
            notice.read_at = timezone.now()
            notice.save(update_fields=["read_at"])
        if notice.article_id is None:
            messages.info(request, "这条通知所说的稿件已不存在。")
            return redirect("admin:articles_notification_changelist")
        return redirect("admin:articles_article_change", notice.article_id)

    def read_all_view(self, request):
        if request.method == "POST":
            done = (
                self.get_queryset(request)
                .filter(read_at=None)
                .update(read_at=timezone.now())
            )
            messages.success(request, f"已将 {done} 条通知标为已读。")
        return redirect("admin:articles_notification_changelist")

    @admin.display(description="已读", boolean=True)
    def is_read(self, obj):
        return obj.read_at is not None
