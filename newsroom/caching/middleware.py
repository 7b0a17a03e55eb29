"""Whole anonymous public pages, served from the cache under the content version.

Only GET/HEAD requests from visitors who are not logged in, answered 200 without
setting a cookie and without ``private``/``no-store``, are cached; the admin (staff
previews included), media, static files and the display switch never are.
"""

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse

from . import keys
from .versions import current_version, is_fresh, looked_up

SKIPPED_PREFIXES = (
    "/admin/", "/static/", "/media/", "/display/", "/bench/", "/healthz", "/readyz",
)  # fmt: skip


def _cacheable_request(request):
    # Runs before the session and authentication middleware, so that a cached page
    # costs nothing else: a visitor without a session cookie is not logged in.
    return (
        settings.PUBLIC_PAGE_CACHE
        and request.method in ("GET", "HEAD")
        and not request.path.startswith(SKIPPED_PREFIXES)
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
    )


def _cacheable_response(response):
    control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.cookies
        and "private" not in control
        and "no-store" not in control
        and not getattr(response, "streaming", False)
    )


class PublicPageCacheMiddleware:
    """Serve anonymous public pages from the cache (see the module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = looked_up.set(None)
        try:
            return self.respond(request)
        finally:
            looked_up.reset(token)

    def respond(self, request):
        if not _cacheable_request(request):
            return self.get_response(request)
        key = keys.page(
            display=request.COOKIES.get("display", ""),
            host=request.get_host(),
            full_path=request.get_full_path(),
        )
        # One round trip: the version, the next go-live time and the page itself.
        values = cache.get_many([keys.VERSION, keys.GO_LIVE, key])
        stored = values.get(key)
        if (
            stored
            and is_fresh(values.get(keys.GO_LIVE))
            and stored[0] == values.get(keys.VERSION)
        ):
            _, content, headers = stored
            response = HttpResponse(content)
            for header, value in headers:
                response[header] = value
            response["X-Cache"] = "hit"
            return response
        version, limit = current_version()
        response = self.get_response(request)
        if _cacheable_response(response):
            headers = [(h, v) for h, v in response.items() if h.lower() != "set-cookie"]
            cache.set(key, (version, response.content, headers), limit)
            response["X-Cache"] = "miss"
        return response
