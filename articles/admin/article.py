"""The article admin: the form, the list, who may see and change what. The desk's
own views come from the mixins (workflow, versions, endpoints, importing)."""

from django.contrib import admin, messages
from reversion.admin import VersionAdmin

from articles import services
from articles.forms import ArticleAdminForm, TagAutocompleteWidget, TagNamesField
from articles.models import Article, ArticleAutosave, MediaImage
from newsroom import audit

from .base import DeskBase
from .bulk import BulkActionsMixin
from .columns import ColumnsMixin
from .endpoints import EndpointsMixin
from .importing import ImportViewMixin
from .inlines import (
    AttentionFilter,
    BylineInline,
    CorrectionInline,
    MineFilter,
    VisibilityFilter,
)
from .sheets import SheetsMixin
from .statistics import StatisticsMixin
from .versions import VersionViewsMixin
from .workflow import WorkflowViewsMixin


@admin.register(Article)
class ArticleAdmin(
    BulkActionsMixin,
    WorkflowViewsMixin,
    SheetsMixin,
    StatisticsMixin,
    VersionViewsMixin,
    EndpointsMixin,
    ImportViewMixin,
    ColumnsMixin,
    DeskBase,
    VersionAdmin,
):
    form = ArticleAdminForm
    inlines = [BylineInline, CorrectionInline]
    change_form_template = "admin/articles/article/change_form.html"
    # Ours, not the versioning library's (reversion/change_list.html): it links
    # the import page, the review queue and recovering deleted articles.
    change_list_template = "admin/articles/article/change_list.html"
    object_history_template = "admin/articles/article/object_history.html"
    list_display = [
        "title",
        "status_display",
        "visibility",
        "published_at",
        "edition_display",
        "author_display",
        "updated_at",
    ]
    list_filter = [
        "status",
        MineFilter,
        VisibilityFilter,
        AttentionFilter,
        ("departments", admin.RelatedOnlyFieldListFilter),
        ("officials", admin.RelatedOnlyFieldListFilter),
        "published_at",
        "edition_date",
    ]
    list_select_related = ["author", "author__reporter"]
    search_fields = ["title", "kicker", "subtitle", "summary", "body"]
    date_hierarchy = "published_at"
    autocomplete_fields = ["officials", "departments"]
    list_per_page = 50
    ordering = ["-updated_at"]
    save_on_top = True
    # Bulk actions are the workflow's steps (BulkActionsMixin), never delete.

    def get_inlines(self, request, obj):
        # Corrections only where there can be some: an article once public.
        public = (Article.Status.PUBLISHED, Article.Status.WITHDRAWN)
        if obj is not None and (obj.status in public or obj.corrections.exists()):
            return [BylineInline, CorrectionInline]
        return [BylineInline]

    def changelist_view(self, request, extra_context=None):
        # Django's own title reads "选择 稿件 来修改".
        extra_context = {"title": "稿件", **(extra_context or {})}
        return super().changelist_view(request, extra_context)

    # Fields only editors and chief editors may set.
    EDITOR_ONLY_FIELDS = ["published_at", "featured"]

    def get_queryset(self, request):
        return super().get_queryset(request).editable_by(request.user)

    def get_fieldsets(self, request, obj=None):
        is_editor = request.user.has_perm("articles.review_article")
        publish = ["status_display", "review_level_display"]
        if is_editor:
            publish += self.EDITOR_ONLY_FIELDS
        # Who may only read the article reads it as it reads (reading.html, above
        # the form), not its HTML and the lead image's file name.
        reading = obj is not None and not self.has_change_permission(request, obj)
        fieldsets = [
            (
                "标题",
                {"fields": ["kicker", "title", "subtitle", "slug", "expected_version"]},
            ),
            (
                "正文",
                {"fields": ["source"] if reading else ["source", "summary", "body"]},
            ),
            *([] if reading else [("题图", {"fields": ["image", "image_caption"]})]),
            ("关联", {"fields": ["tags", "officials", "departments"]}),
            ("发布", {"fields": publish}),
            (
                "见报信息",
                {
                    "fields": [
                        "edition_date",
                        "page_number",
                        "page_name",
                        "page_order",
                    ],
                    "classes": ["collapse"],
                },
            ),
        ]
        if obj is not None and obj.status == Article.Status.PUBLISHED and is_editor:
            fieldsets.insert(0, ("更正", {"fields": ["correction_note"]}))
        if obj is not None and obj.import_notes:
            # What the importer was unsure of, first, until someone clears it.
            fieldsets.insert(0, ("导入提示：需人工核对", {"fields": ["import_notes"]}))
        fieldsets.append(
            (
                "记录",
                {
                    "fields": ["author", "updated_by", "created_at", "updated_at"],
                    "classes": ["collapse"],
                },
            )
        )
        return fieldsets

    def get_readonly_fields(self, request, obj=None):
        fields = [
            "status_display",
            "review_level_display",
            "author",
            "updated_by",
            "created_at",
            "updated_at",
        ]
        # Once an article has been public its URL must not change.
        if (
            obj is not None
            and obj.published_at
            and obj.status
            in (
                Article.Status.PUBLISHED,
                Article.Status.WITHDRAWN,
            )
        ):
            fields.append("slug")
        # Once public, the publication time stays (发布时间 never moves).
        if obj is not None and obj.has_gone_public():
            fields.append("published_at")
        return fields

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.user = request.user
        form.request = request
        return form

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "tags":
            return TagNamesField(
                label="标签",
                required=False,
                help_text=db_field.help_text,
                widget=TagAutocompleteWidget(db_field, self.admin_site),
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def has_view_permission(self, request, obj=None):
        allowed = super().has_view_permission(request, obj)
        if obj is None or not allowed:
            return allowed
        return self.get_queryset(request).filter(pk=obj.pk).exists()

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        if obj is None or not allowed:
            return allowed
        return services.can_edit(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        if obj is None or not allowed:
            return allowed
        return self.get_queryset(request).filter(pk=obj.pk).exists()

    def delete_model(self, request, obj):
        pk, title = obj.pk, obj.title
        super().delete_model(request, obj)
        audit.record("delete", request=request, article=pk, title=title)

    def save_model(self, request, obj, form, change):
        if not change and obj.author_id is None:
            obj.author = request.user
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)
        if "image" in form.changed_data and obj.image:
            # A new lead image joins the media library.
            MediaImage.objects.get_or_create(
                file=obj.image.name,
                defaults={
                    "caption": obj.image_caption,
                    "alt": obj.image_caption,
                    "uploaded_by": request.user,
                },
            )
        dropped = form.dropped_images()
        if dropped:
            messages.warning(
                request,
                f"正文中有 {dropped} 张本机图片（从 Word 等处粘贴）无法随文字上传，"
                "已略去；请用“上传图片到正文”重新插入。",
            )
        if not change:
            services.log_created(article=obj, actor=request.user)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        article = form.instance
        note = form.cleaned_data.get("correction_note", "").strip()
        if change and note and article.status == Article.Status.PUBLISHED:
            services.article_correct(article=article, actor=request.user, note=note)
        # The form was saved: what was autosaved for it is no longer needed.
        ArticleAutosave.objects.filter(user=request.user, article=article).delete()
        if not change:
            ArticleAutosave.objects.filter(user=request.user, article=None).delete()

    def view_on_site(self, obj):
        return obj.get_absolute_url() if obj.is_published() else None
