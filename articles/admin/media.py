"""The media library in the admin (图片库): a searchable grid of every uploaded
image with who uploaded it, when, its caption, credit and whether an article
shows it; a filter for the unused ones; bulk upload of a reporter's photos; the
image's own page lists the articles that use it. Editors may delete an unused
image (record and file); one in use is never deleted."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone

from articles.models import MediaImage
from newsroom import images, uploads
from people.names import person_name


class UseFilter(admin.SimpleListFilter):
    title = "使用情况"
    parameter_name = "use"

    def lookups(self, request, model_admin):
        return [("unused", "未被任何稿件使用"), ("used", "已用于稿件")]

    def queryset(self, request, queryset):
        if self.value() == "unused":
            return queryset.filter(used=False)
        if self.value() == "used":
            return queryset.filter(used=True)
        return queryset


class BulkUploadForm(forms.Form):
    caption = forms.CharField(
        label="图片说明（每张相同，可稍后逐张修改）", required=False, max_length=300
    )
    credit = forms.CharField(label="摄影/来源", required=False, max_length=100)


@admin.register(MediaImage)
class MediaImageAdmin(admin.ModelAdmin):
    change_list_template = "admin/articles/mediaimage/change_list.html"
    list_display = ["__str__", "credit", "uploader", "uploaded_at"]
    list_filter = [UseFilter, "uploaded_at"]
    search_fields = ["caption", "alt", "credit", "file"]
    list_per_page = 48
    fields = [
        "file",
        "caption",
        "alt",
        "credit",
        "uploader",
        "uploaded_at",
        "uses",
    ]
    readonly_fields = ["file", "uploader", "uploaded_at", "uses"]
    actions = None

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .with_use()
            .select_related("uploaded_by__reporter")
        )

    def has_add_permission(self, request):
        return False  # images arrive by upload (here in bulk, or in the editor)

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        if obj is None or not allowed:
            return allowed
        return not obj.used_in().exists()

    def delete_model(self, request, obj):
        name = obj.file.name
        super().delete_model(request, obj)
        default_storage.delete(name)

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("upload/", view(self.upload_view), name="articles_mediaimage_upload"),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        extra_context = {"title": "图片库", **(extra_context or {})}
        return super().changelist_view(request, extra_context)

    @admin.display(description="上传人")
    def uploader(self, obj):
        return person_name(obj.uploaded_by) or "—"

    @admin.display(description="使用于")
    def uses(self, obj):
        titles = [f"《{a.title}》" for a in obj.used_in()[:20]]
        return "、".join(titles) or "未被任何稿件使用"

    def upload_view(self, request):
        """Several photos at once, each a record with the same caption and credit."""
        if not request.user.has_perm("articles.add_mediaimage"):
            raise PermissionDenied
        form = BulkUploadForm(
            request.POST or None,
            initial={"credit": person_name(request.user)},
        )
        if request.method == "POST" and form.is_valid():
            if "images" in uploads.refused_fields(request):
                messages.error(request, uploads.refused_message())
            else:
                self._store_uploads(request, form.cleaned_data)
                return redirect("admin:articles_mediaimage_changelist")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "批量上传图片",
            "form": form,
        }
        return TemplateResponse(
            request, "admin/articles/mediaimage/upload.html", context
        )

    @staticmethod
    def _store_uploads(request, data):
        files = request.FILES.getlist("images")
        if not files:
            messages.error(request, "请选择要上传的图片。")
            return
        stored = 0
        now = timezone.localtime()
        for upload in files[:50]:
            try:
                image = images.clean_upload(upload)
            except ValidationError as error:
                messages.error(request, f"{upload.name}：{' '.join(error.messages)}")
                continue
            name = default_storage.save(f"library/{now:%Y/%m}/{image.name}", image)
            MediaImage.objects.create(
                file=name,
                caption=data["caption"],
                alt=data["caption"],
                credit=data["credit"],
                uploaded_by=request.user,
            )
            stored += 1
        if len(files) > 50:
            messages.warning(
                request, f"一次最多上传 50 张，其余 {len(files) - 50} 张未上传。"
            )
        if stored:
            messages.success(request, f"已上传 {stored} 张图片。")
