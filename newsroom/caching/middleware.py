"""Anonymous public pages: their surrogate keys and HTTP caching headers, and the
in-app page cache for installs without a shared cache in front.

A GET/HEAD from a visitor who is not logged in (no session cookie), outside the
admin, media, static files, the display switch and the health probes, is a public
request. Its page is rendered inside ``versions.collect()``, so every tag the view
and its parts name is gathered; a page that named none depends on ``new`` (the
newest articles), the safe guess. If the answer is a 200 that sets no cookie and
is not marked ``private``/``no-store``, it gets:

- ``Cache-Control: public, max-age=0, s-maxage=N, stale-while-revalidate=…,
  stale-if-error=…``: browsers ask again each time (cheaply, see ETag), a shared
  cache keeps it N seconds (no longer than the next scheduled publication or local
  midnight) and may serve it stale while it fetches a new one or while the app is
  down;
- ``ETag`` and ``Last-Modified``, so a conditional request is answered 304;
- ``xkey`` and ``Surrogate-Key``: the page's tags, which purges name.

With ``PUBLIC_PAGE_CACHE`` on, the page is also kept in the cache with the versions
of its tags and served from there while they are unchanged. Anything personal (a
logged-in visitor, a response setting a cookie) is marked ``private, no-store``.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

from . import keys
from .versions import (
    collect,
    current_version,
    is_fresh,
    keep_for,
    known_versions,
    looked_up,
    made_after,
    still_valid,
    tag_versions,
    unchanged_since,
)

SKIPPED_PREFIXES = (
    "/admin/", "/static/", "/media/", "/display/", "/healthz", "/readyz",
)  # fmt: skip
# A page that names no tags of its own depends on the newest articles.
DEFAULT_TAG = "new"


def _public_request(request):
    # Runs before the session and authentication middleware, so that a cached page
    # costs nothing else: a visitor without a session cookie is not logged in.
    return (
        request.method in ("GET", "HEAD")
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


def _validators(response, tags, made):
    """The headers that stay with the page while it is kept: its tags, ETag and
    Last-Modified (computed once, stored with the page)."""
    listed = " ".join(sorted(tags))
    response["xkey"] = listed
    response["Surrogate-Key"] = listed
    if not response.has_header("ETag"):
        digest = hashlib.md5(response.content, usedforsecurity=False).hexdigest()
        response["ETag"] = f'"{digest}"'
    response["Last-Modified"] = http_date(made)


def _keep_for(response, limit):
    """How long a shared cache may keep it; browsers ask again each time."""
    if response.has_header("Cache-Control"):
        patch_cache_control(response, public=True, max_age=0, s_maxage=limit)
    else:
        response["Cache-Control"] = f"public, max-age=0, s-maxage={limit}"
    response["Cache-Control"] += (
        f", stale-while-revalidate={settings.PUBLIC_STALE_SECONDS}"
        f", stale-if-error={settings.PUBLIC_STALE_IF_ERROR_SECONDS}"
    )


def _personal(response):
    """Nothing personal is kept by a browser's or a shared cache."""
    patch_cache_control(response, private=True, no_store=True)
    return response


class PublicPageCacheMiddleware:
    """Tags, HTTP caching headers and the in-app page cache (module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = looked_up.set(None)
        versions_token = known_versions.set({})
        try:
            return self.respond(request)
        finally:
            known_versions.reset(versions_token)
            looked_up.reset(token)

    def respond(self, request):
        if not _public_request(request):
            response = self.get_response(request)
            if response.cookies or settings.SESSION_COOKIE_NAME in request.COOKIES:
                if not request.path.startswith(("/static/", "/media/")):
                    _personal(response)
            return response
        key = keys.page(
            display=request.COOKIES.get("display", ""),
            host=request.get_host(),
            full_path=request.get_full_path(),
        )
        stored = None
        if settings.PUBLIC_PAGE_CACHE:
            # One round trip for the next go-live time, the time of the last purge
            # and the page; the versions of the page's tags are read only when a
            # purge came after the page was last found valid.
            values = cache.get_many([keys.GO_LIVE, keys.VERSION, key])
            stored = values.get(key)
            if stored and not is_fresh(values.get(keys.GO_LIVE)):
                stored = None
            if stored and not unchanged_since(stored[4], values.get(keys.VERSION)):
                if still_valid(stored[0]):
                    checked = (*stored[:4], time.time())
                    cache.set(key, checked, keep_for(values[keys.GO_LIVE]))
                else:
                    stored = None
        if stored:
            _, content, headers, _, _ = stored
            response = HttpResponse(content)
            for header, value in headers:
                response[header] = value
            response["X-Cache"] = "hit"
            _keep_for(response, keep_for(values[keys.GO_LIVE]))
            return get_conditional_response(
                request, etag=response["ETag"], response=response
            )
        started = time.time()
        _, limit = current_version()
        with collect() as tags:
            response = self.get_response(request)
        if not _cacheable_response(response):
            if response.cookies:
                _personal(response)
            return response
        if tags == {"site"}:
            tags.add(DEFAULT_TAG)
        _validators(response, tags, started)
        if settings.PUBLIC_PAGE_CACHE:
            recorded = tag_versions(sorted(tags))
            if not made_after(recorded, started):
                headers = [
                    (h, v) for h, v in response.items() if h.lower() != "set-cookie"
                ]
                page = (recorded, response.content, headers, started, started)
                cache.set(key, page, limit)
            response["X-Cache"] = "miss"
        _keep_for(response, limit)
        return get_conditional_response(
            request, etag=response["ETag"], response=response
        )
