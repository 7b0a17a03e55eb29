from django.contrib import admin
from django.http import JsonResponse
from django.urls import path
from django.utils import timezone
from taggit.models import Tag

from .forms import ArticleAdminForm, TagAutocompleteWidget, TagNamesField
from .models import Article, Byline


class BylineInline(admin.TabularInline):
    model = Byline
    fields = ["order", "role", "reporter"]
    autocomplete_fields = ["reporter"]
    extra = 1
    verbose_name = "署名"
    verbose_name_plural = "署名（按顺序，如“记者 景静 通讯员 孙扩龙”）"


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


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleAdminForm
    inlines = [BylineInline]
    list_display = [
        "title",
        "status",
        "visibility",
        "published_at",
        "edition_display",
        "updated_at",
    ]
    list_filter = [
        "status",
        VisibilityFilter,
        ("departments", admin.RelatedOnlyFieldListFilter),
        ("officials", admin.RelatedOnlyFieldListFilter),
        "published_at",
        "edition_date",
    ]
    search_fields = ["title", "kicker", "subtitle", "summary", "body"]
    date_hierarchy = "published_at"
    autocomplete_fields = ["officials", "departments"]
    readonly_fields = ["author", "created_at", "updated_at"]
    list_per_page = 50
    ordering = ["-updated_at"]
    save_on_top = True
    fieldsets = [
        ("标题", {"fields": ["kicker", "title", "subtitle", "slug"]}),
        ("正文", {"fields": ["source", "summary", "body"]}),
        ("题图", {"fields": ["image", "image_caption"]}),
        ("关联", {"fields": ["tags", "officials", "departments"]}),
        ("发布", {"fields": ["status", "published_at", "featured"]}),
        (
            "见报信息",
            {
                "fields": ["edition_date", "page_number", "page_name", "page_order"],
                "classes": ["collapse"],
            },
        ),
        (
            "记录",
            {"fields": ["author", "created_at", "updated_at"], "classes": ["collapse"]},
        ),
    ]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        # Once an article has been public its URL must not change.
        if (
            obj is not None
            and obj.published_at
            and obj.status == Article.Status.PUBLISHED
        ):
            fields.append("slug")
        return fields

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "tags":
            return TagNamesField(
                label="标签",
                required=False,
                help_text=db_field.help_text,
                widget=TagAutocompleteWidget(db_field, self.admin_site),
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if not change and obj.author_id is None:
            obj.author = request.user
        super().save_model(request, obj, form, change)

    def view_on_site(self, obj):
        return obj.get_absolute_url() if obj.is_published() else None

    def get_urls(self):
        urls = [
            path(
                "tag-autocomplete/",
                self.admin_site.admin_view(self.tag_autocomplete_view),
                name="articles_article_tag_autocomplete",
            )
        ]
        return urls + super().get_urls()

    def tag_autocomplete_view(self, request):
        """select2's JSON for the tag box: existing tags containing the term."""
        if not self.has_view_or_change_permission(request):
            return JsonResponse({"error": "无权限"}, status=403)
        term = request.GET.get("term", "").strip()
        tags = Tag.objects.order_by("name")
        if term:
            tags = tags.filter(name__icontains=term)
        names = list(tags.values_list("name", flat=True)[:20])
        return JsonResponse(
            {
                "results": [{"id": n, "text": n} for n in names],
                "pagination": {"more": False},
            }
        )

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
