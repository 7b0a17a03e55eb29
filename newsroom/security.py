"""Content-Security-Policy: a strict policy for the public site, its own for the admin.

Public pages carry no inline script or style at all, so their policy allows only
this site's own files. The admin (Django's, select2 and the rich-text editor with
its import map) needs inline script and style; it gets a separate policy that
still forbids other origins, plugins, framing and foreign form targets.
"""

from csp.constants import NONE, SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware
from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.core.cache import cache
from django.shortcuts import render

from .caching import keys

ADMIN_PREFIX = "/admin/"
PREVIEW_SUFFIX = "/preview/"

PUBLIC_DIRECTIVES = {
    "default-src": [SELF],
    "script-src": [SELF],
    "style-src": [SELF],
    "img-src": [SELF, "data:"],
    "font-src": [SELF],
    "connect-src": [SELF],
    "object-src": [NONE],
    "base-uri": [SELF],
    "form-action": [SELF],
    "frame-ancestors": [NONE],
}

ADMIN_DIRECTIVES = {
    **PUBLIC_DIRECTIVES,
    "script-src": [SELF, UNSAFE_INLINE],
    "style-src": [SELF, UNSAFE_INLINE],
    "img-src": [SELF, "data:", "blob:"],
}


class NewsroomCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None:
            admin = request.path_info.startswith(ADMIN_PREFIX)
            # A staff preview shows reporters' copy as the public will see it:
            # under the public policy, where inline script cannot run.
            if admin and request.path_info.endswith(PREVIEW_SUFFIX):
                admin = False
            parts.config = ADMIN_DIRECTIVES if admin else PUBLIC_DIRECTIVES
        return parts


def client_ip(request):
    """The visitor's address for login throttling (django-axes).

    Behind our own proxies (BEHIND_PROXY=1) each appends the address it was
    reached from to X-Forwarded-For: nginx the visitor's, Varnish behind it
    nginx's. With TRUSTED_PROXIES of them (1: nginx; 2: nginx and Varnish) the
    visitor is that many entries from the end; anything further left came from the
    client and is ignored, so a forged header neither dodges nor causes a lockout.
    """
    if settings.BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if len(forwarded) >= settings.TRUSTED_PROXIES:
            found = forwarded[-settings.TRUSTED_PROXIES].strip()
            if found:
                return found
    return request.META.get("REMOTE_ADDR", "")


# Password spraying: one address trying many usernames never locks any one of them
# (axes counts per username and address), so failures are also counted per address.
def _count_failure(sender, credentials, request=None, **kwargs):
    if request is None:
        return
    key = keys.login_failures(client_ip(request))
    cache.add(key, 0, timeout=settings.LOGIN_FAILURE_WINDOW)
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=settings.LOGIN_FAILURE_WINDOW)


def connect_login_throttle():
    """Called from NewsroomConfig.ready()."""
    user_login_failed.connect(_count_failure, dispatch_uid="login-throttle")


class LoginThrottleMiddleware:
    """Refuses login attempts from an address that failed too often (429)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and request.path_info == settings.LOGIN_PATH:
            failures = cache.get(keys.login_failures(client_ip(request))) or 0
            if failures >= settings.LOGIN_FAILURES_PER_ADDRESS:
                return render(
                    request, "account_locked.html", {"per_address": True}, status=429
                )
        return self.get_response(request)
