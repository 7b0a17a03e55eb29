"""Accounts and roles in the admin, held to the newsroom's roles table.

A site admin (系统管理员) manages the accounts of the newsroom's roles and nothing
above them: they see neither superusers nor other site admins, may give only the
roles of ``roles.GRANTABLE`` (记者, 编辑, 总编辑), never superuser status or single
permissions, and cannot change their own roles. Only superusers manage site
admins and groups. A lost authenticator is reset by deleting its device here (its
secret is never shown). Every change of roles or of superuser/staff/active status is
written to the audit log (``audit``, from the model's signals, whichever way it is
made).

网站设置 (``SiteSettings``) is one page for site admins: the newsroom's name, the
review levels and the footer's identifiers, every saved change kept as a version
with who made it (django-reversion's history page).
"""

from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User
from django.db import models
from django.db.models import Q
from django.shortcuts import redirect
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from reversion.admin import VersionAdmin

from . import audit, identity, roles
from .models import SiteSettings


def _limited(request):
    return not request.user.is_superuser


class NewsroomUserAdmin(UserAdmin):
    list_display = ["username", "full_name", "email", "role_names", "is_active"]
    list_filter = ["is_active", "groups"]
    search_fields = ["username", "first_name", "last_name", "email"]

    LIMITED_FIELDSETS = [
        (None, {"fields": ["username", "password"]}),
        ("个人信息", {"fields": ["last_name", "first_name", "email"]}),
        ("角色", {"fields": ["is_active", "is_staff", "groups"]}),
        ("记录", {"fields": ["last_login", "date_joined"]}),
    ]

    def get_queryset(self, request):
        users = super().get_queryset(request).prefetch_related("groups")
        if _limited(request):
            # Superusers and other site admins do not exist for a site admin.
            above = Q(is_superuser=True) | Q(groups__name=roles.SITE_ADMIN)
            users = users.exclude(above & ~Q(pk=request.user.pk))
        return users

    def get_fieldsets(self, request, obj=None):
        if obj is None or not _limited(request):
            return super().get_fieldsets(request, obj)
        return self.LIMITED_FIELDSETS

    def get_readonly_fields(self, request, obj=None):
        fields = ["last_login", "date_joined"]
        if _limited(request) and obj is not None and obj.pk == request.user.pk:
            # Nobody raises or lowers their own roles.
            fields += ["is_active", "is_staff", "groups"]
        return fields

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "groups" and _limited(request):
            kwargs["queryset"] = Group.objects.filter(name__in=roles.GRANTABLE)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        if obj is None or not allowed or not _limited(request):
            return allowed
        return self.get_queryset(request).filter(pk=obj.pk).exists()

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        if obj is None or not allowed or not _limited(request):
            return allowed
        return obj.pk != request.user.pk and self.has_change_permission(request, obj)

    def save_related(self, request, form, formsets, change):
        # Roles a site admin cannot give are also roles they cannot take away.
        kept = []
        if change and _limited(request):
            kept = list(form.instance.groups.exclude(name__in=roles.GRANTABLE))
        super().save_related(request, form, formsets, change)
        if kept:
            form.instance.groups.add(*kept)

    @admin.display(description="姓名")
    def full_name(self, obj):
        return obj.get_full_name() or "—"

    @admin.display(description="角色")
    def role_names(self, obj):
        return "、".join(g.name for g in obj.groups.all()) or "—"


class NewsroomGroupAdmin(GroupAdmin):
    """Groups are the roles table: only superusers change them."""

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


admin.site.unregister(User)
admin.site.unregister(Group)
admin.site.register(User, NewsroomUserAdmin)
admin.site.register(Group, NewsroomGroupAdmin)


class TwoFactorDeviceAdmin(admin.ModelAdmin):
    """Resetting a lost authenticator (重置两步验证): a site admin may see who has
    enrolled and delete a device, so that its owner enrols again at next login.
    Nobody sees a device's secret or its QR code here (django-otp's own admin
    shows both), and a site admin cannot touch those above them."""

    list_display = ["user", "name", "confirmed", "created_at"]
    list_select_related = ["user"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    readonly_fields = ["user", "name", "confirmed", "created_at", "last_used_at"]
    fields = readonly_fields
    actions = None

    def lookup_allowed(self, lookup, value, request=None):
        # No filter at all from the query string: ?key__startswith=… would read a
        # secret one character at a time. Search by the owner's name is enough.
        return False

    def _may(self, request, obj=None):
        if request.user.is_superuser:
            return True
        if not request.user.has_perm("auth.change_user"):
            return False
        if obj is None or obj.user_id == request.user.pk:
            return True
        owner = obj.user
        if owner.is_superuser:
            return False
        return not owner.groups.filter(name=roles.SITE_ADMIN).exists()

    def get_queryset(self, request):
        devices = super().get_queryset(request)
        if not request.user.is_superuser:
            above = Q(user__is_superuser=True) | Q(user__groups__name=roles.SITE_ADMIN)
            devices = devices.exclude(above)
        return devices

    def has_module_permission(self, request):
        return self._may(request)

    def has_view_permission(self, request, obj=None):
        return self._may(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._may(request, obj)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def delete_model(self, request, obj):
        # The recovery codes go with the authenticator they back up.
        StaticDevice.objects.filter(user=obj.user).delete()
        super().delete_model(request, obj)
        audit.record("otp_reset", request=request, account=obj.user.get_username())

    def delete_queryset(self, request, queryset):
        for device in queryset:
            self.delete_model(request, device)


admin.site.unregister(TOTPDevice)
admin.site.unregister(StaticDevice)
admin.site.register(TOTPDevice, TwoFactorDeviceAdmin)


@admin.register(SiteSettings)
class SiteSettingsAdmin(VersionAdmin):
    """One page, the one row: the list and "add" lead to it; nothing is deleted."""

    fieldsets = [
        ("网站", {"fields": ["name", "tagline"]}),
        ("审稿", {"fields": ["review_levels"]}),
        (
            "网站标识（页脚）",
            {
                "fields": [
                    "sponsor",
                    "organizer",
                    "icp_number",
                    "police_number",
                    "site_code",
                    "government_badge",
                    "government_badge_url",
                    "address",
                    "phone",
                ]
            },
        ),
        ("声明", {"fields": ["privacy_statement", "copyright_statement"]}),
    ]
    object_history_template = "admin/newsroom/sitesettings/object_history.html"
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_object(self, request, object_id, from_field=None):
        if str(object_id) != "1":
            return None
        return SiteSettings.load()

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_or_change_permission(request):
            return super().changelist_view(request, extra_context)
        return redirect(reverse("admin:newsroom_sitesettings_change", args=[1]))

    def get_form(self, request, obj=None, change=False, **kwargs):
        """Each empty field shows, greyed, the environment's value it stands for."""
        form = super().get_form(request, obj, change=change, **kwargs)
        defaults = identity.current_defaults()
        for name, field in form.base_fields.items():
            value = defaults.get(name)
            if value not in (None, "") and hasattr(field.widget, "attrs"):
                field.widget.attrs.setdefault("placeholder", str(value))
        return form

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)
