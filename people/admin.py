"""The admin of departments, leaders with their positions, and reporters."""

from django import forms
from django.contrib import admin
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone

from newsroom import images, uploads

from .models import Department, Official, Position, Reporter, protocol_order


class ChildDepartmentInline(admin.TabularInline):
    model = Department
    fk_name = "parent"
    fields = ["name", "kind", "order", "slug"]
    extra = 0
    show_change_link = True
    verbose_name = "下级部门"
    verbose_name_plural = "下级部门"


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ["name", "full_name", "kind", "parent", "order"]
    list_editable = ["order"]
    list_filter = ["kind", ("parent", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "full_name", "aliases"]
    autocomplete_fields = ["parent"]
    list_select_related = ["parent"]
    inlines = [ChildDepartmentInline]
    fieldsets = [
        (None, {"fields": ["name", "full_name", "aliases", "kind", "parent", "order"]}),
        ("网页", {"fields": ["slug", "description"]}),
    ]


class PositionInline(admin.TabularInline):
    model = Position
    fields = ["title", "department", "rank", "start_date", "end_date"]
    autocomplete_fields = ["department"]
    extra = 1


class CurrentPositionFilter(admin.SimpleListFilter):
    title = "任职状态"
    parameter_name = "current"

    def lookups(self, request, model_admin):
        return [("yes", "现任"), ("no", "已离任")]

    def queryset(self, request, queryset):
        held_today = Position.held_on_q(timezone.localdate())
        if self.value() == "yes":
            return queryset.filter(held_today)
        if self.value() == "no":
            return queryset.exclude(held_today)
        return queryset


class OfficialForm(forms.ModelForm):
    """A leader's photo gets what every upload gets (newsroom.images): a real
    JPEG, PNG or WebP within size limits, re-encoded under a name the server
    chose, so nothing embedded in it (metadata, location, payloads) is kept."""

    class Meta:
        model = Official
        fields = ["name", "slug", "aliases", "photo", "bio"]
        field_classes = {"photo": images.ImageUploadField}

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if photo and isinstance(photo, UploadedFile):
            return images.clean_upload(photo)
        return photo

    def clean(self):
        cleaned = super().clean()
        uploads.add_refused_errors(self)
        return cleaned


@admin.register(Official)
class OfficialAdmin(admin.ModelAdmin):
    form = OfficialForm
    list_display = ["name", "current_title_display", "slug"]
    search_fields = ["name", "aliases", "positions__title"]
    inlines = [PositionInline]
    fields = ["name", "slug", "aliases", "photo", "bio"]

    def get_ordering(self, request):
        """Protocol order: the list, the article form's autocomplete of leaders
        and the articles' filter by leader."""
        return protocol_order()

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("positions")

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.request = request
        return form

    @admin.display(description="现任职务")
    def current_title_display(self, obj):
        return obj.current_title() or "—"


@admin.register(Position)
class PositionAdmin(admin.ModelAdmin):
    list_display = ["official", "title", "department", "rank", "start_date", "end_date"]
    list_filter = [
        CurrentPositionFilter,
        ("department", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["official__name", "title"]
    autocomplete_fields = ["official", "department"]
    list_select_related = ["official", "department"]
    date_hierarchy = "start_date"


@admin.register(Reporter)
class ReporterAdmin(admin.ModelAdmin):
    # A reporter's page exists only once they have a public article.
    view_on_site = False

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        """Only those who manage accounts link a profile to any account; anyone
        else may link it to their own, or to none."""
        if db_field.name == "user" and not request.user.has_perm("auth.change_user"):
            kwargs["queryset"] = db_field.related_model.objects.filter(
                pk=request.user.pk
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    list_display = ["name", "kind", "unit", "account"]
    list_filter = ["kind"]
    search_fields = ["name", "unit"]
    autocomplete_fields = ["user"]
    list_select_related = ["user"]

    @admin.display(description="登录账号", ordering="user__username")
    def account(self, obj):
        """The account's own name with its login, so that the list says who."""
        if obj.user is None:
            return "—"
        name = f"{obj.user.last_name}{obj.user.first_name}".strip()
        login = obj.user.get_username()
        return f"{name}（{login}）" if name and name != login else login
