"""The project's URLconf: the admin, then the apps' public addresses."""

from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.utils.functional import lazy

from . import health, identity, twofactor, views

# Read on every admin page: a site admin may rename the newsroom (网站设置).
admin.site.site_header = lazy(lambda: f"{identity.site_name()} · 采编系统", str)()
admin.site.site_title = "采编系统"
admin.site.index_title = "采编工作台"

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    # Before the admin's own shortcut, which would redirect to any object.
    path(
        "admin/r/<int:content_type_id>/<path:object_id>/",
        views.view_on_site,
        name="view_on_site",
    ),
    path("admin/otp/setup/", twofactor.setup, name="otp_setup"),
    path("admin/otp/verify/", twofactor.verify, name="otp_verify"),
    path("admin/", admin.site.urls),
    path("", include("people.urls")),
    path("", include("articles.urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
