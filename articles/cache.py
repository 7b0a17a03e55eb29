"""The anonymous public page cache, and what invalidates it.

Every cached page is stored under the current *content version*. Any saved change
to what public pages show — an article published, edited, withdrawn or corrected, a
byline, tag, leader, position or department — bumps the version once its transaction
commits, so every page is rebuilt on its next request. A scheduled article needs no
write to go live: the time of the next scheduled publication is kept beside the
version, and when it passes the version is bumped too; no page is cached beyond it.

Only GET/HEAD requests from visitors who are not logged in, answered 200 without
setting a cookie and without ``private``/``no-store``, are cached; the admin (staff
previews included), media, static files and the display switch never are.
"""

import datetime
import hashlib
import time
import uuid
from contextvars import ContextVar

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.utils import timezone

VERSION_KEY = "public:version"
GO_LIVE_KEY = "public:go-live"
NEVER = -1
FORMAT = 3  # of a stored page: (version, content, [(header, value), …])
SKIPPED_PREFIXES = ("/admin/", "/static/", "/media/", "/display/", "/bench/")


# The (version, limit) a request has already looked up: a page asks for it once for
# itself and again for each cached part, a round trip each with Redis. Only set
# inside a request (PublicPageCacheMiddleware); NO_REQUEST elsewhere.
NO_REQUEST = object()
_looked_up = ContextVar("public_version", default=NO_REQUEST)


def bump_version():
    cache.set_many({VERSION_KEY: uuid.uuid4().hex[:12]}, timeout=None)
    cache.delete(GO_LIVE_KEY)
    if _looked_up.get() is not NO_REQUEST:
        _looked_up.set(None)


def invalidate(**kwargs):
    """Signal receiver: public content changed; bump once the change is committed."""
    transaction.on_commit(bump_version)


def _next_go_live():
    from .models import Article

    upcoming = (
        Article.objects.scheduled()
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )
    return upcoming.timestamp() if upcoming else NEVER


def current_version():
    """(version, seconds a page may be kept); bumps once a scheduled time passed."""
    looked_up = _looked_up.get()
    if looked_up is NO_REQUEST:
        return _look_up_version()
    if looked_up is None:
        looked_up = _look_up_version()
        _looked_up.set(looked_up)
    return looked_up


def _look_up_version():
    values = cache.get_many([VERSION_KEY, GO_LIVE_KEY])
    version, go_live = values.get(VERSION_KEY), values.get(GO_LIVE_KEY)
    if version is None:
        bump_version()
        version, go_live = cache.get(VERSION_KEY), None
    if go_live is None:
        go_live = _next_go_live()
        cache.set(GO_LIVE_KEY, go_live, timeout=settings.PUBLIC_CACHE_SECONDS)
    now = time.time()
    if go_live != NEVER and now >= go_live:
        bump_version()
        return _look_up_version()
    limit = settings.PUBLIC_CACHE_SECONDS
    if go_live != NEVER:
        limit = min(limit, max(1, int(go_live - now)))
    # Pages print today's date and today's leaders: nothing outlives local midnight.
    local = timezone.localtime()
    midnight = (local + datetime.timedelta(days=1)).replace(hour=0, minute=0, second=0)
    limit = min(limit, max(1, int((midnight - local).total_seconds())))
    return version, limit


def versioned(name, compute):
    """A value computed once per content version (page fragments, lists)."""
    if not settings.FRAGMENT_CACHE:
        return compute()
    version, limit = current_version()
    key = f"public:fragment:{version}:{name}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, limit)
    return value


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
        token = _looked_up.set(None)
        try:
            return self.respond(request)
        finally:
            _looked_up.reset(token)

    def respond(self, request):
        if not _cacheable_request(request):
            return self.get_response(request)
        display = request.COOKIES.get("display", "")
        path = hashlib.sha1(request.get_full_path().encode()).hexdigest()
        key = f"public:page:{FORMAT}:{display}:{request.get_host()}:{path}"
        # One round trip: the version, the next go-live time and the page itself.
        values = cache.get_many([VERSION_KEY, GO_LIVE_KEY, key])
        stored = values.get(key)
        go_live = values.get(GO_LIVE_KEY)
        fresh_version = go_live is not None and (
            go_live == NEVER or time.time() < go_live
        )
        if stored and fresh_version and stored[0] == values.get(VERSION_KEY):
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
