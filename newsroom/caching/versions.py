"""The content version that every cached public page and fragment is stored under.

Any saved change to what public pages show bumps the version once its transaction
commits (``invalidate``, connected to the models' signals by the apps), so every
page is rebuilt on its next request. A scheduled article needs no write to go live:
the time of the next scheduled publication is kept beside the version, and when it
passes the version is bumped too; nothing is cached beyond it, nor beyond local
midnight (pages print today's date and today's leaders).
"""

import datetime
import time
import uuid
from contextvars import ContextVar

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from . import keys

NEVER = -1

# The (version, limit) a request has already looked up: a page asks for it once for
# itself and again for each cached part, a round trip each with Redis. Only set
# inside a request (PublicPageCacheMiddleware); NO_REQUEST elsewhere.
NO_REQUEST = object()
looked_up = ContextVar("public_version", default=NO_REQUEST)


def _no_scheduled_publication():
    return None


_go_live_source = _no_scheduled_publication


def set_go_live_source(source):
    """``source()`` answers the next scheduled publication time (or None). The
    articles app sets it when it is ready; the cache knows no models."""
    global _go_live_source
    _go_live_source = source


def bump_version():
    # The version says when it was made: reads just after a write go to the
    # primary database (``written_within``), not to a replica that may lag.
    version = f"{uuid.uuid4().hex[:12]}@{time.time():.3f}"
    cache.set_many({keys.VERSION: version}, timeout=None)
    cache.delete(keys.GO_LIVE)
    if looked_up.get() is not NO_REQUEST:
        looked_up.set(None)


def invalidate(**kwargs):
    """Signal receiver: public content changed; bump once the change is committed."""
    transaction.on_commit(bump_version)


def _next_go_live():
    upcoming = _go_live_source()
    return upcoming.timestamp() if upcoming else NEVER


def current_version():
    """(version, seconds a value may be kept); bumps once a scheduled time passed."""
    found = looked_up.get()
    if found is NO_REQUEST:
        return _look_up_version()
    if found is None:
        found = _look_up_version()
        looked_up.set(found)
    return found


def written_within(seconds):
    """Whether public content changed in the last ``seconds`` (in any process)."""
    version, _ = current_version()
    try:
        made = float(str(version).rpartition("@")[2])
    except ValueError:
        return True  # a version from before versions said when: be safe
    return time.time() - made < seconds


def is_fresh(go_live):
    """Whether a stored go-live time says the stored version still holds."""
    return go_live is not None and (go_live == NEVER or time.time() < go_live)


def _look_up_version():
    values = cache.get_many([keys.VERSION, keys.GO_LIVE])
    version, go_live = values.get(keys.VERSION), values.get(keys.GO_LIVE)
    if version is None:
        bump_version()
        version, go_live = cache.get(keys.VERSION), None
    if go_live is None:
        go_live = _next_go_live()
        cache.set(keys.GO_LIVE, go_live, timeout=settings.PUBLIC_CACHE_SECONDS)
    now = time.time()
    if go_live != NEVER and now >= go_live:
        bump_version()
        return _look_up_version()
    limit = settings.PUBLIC_CACHE_SECONDS
    if go_live != NEVER:
        limit = min(limit, max(1, int(go_live - now)))
    local = timezone.localtime()
    midnight = (local + datetime.timedelta(days=1)).replace(hour=0, minute=0, second=0)
    limit = min(limit, max(1, int((midnight - local).total_seconds())))
    return version, limit


def versioned(name, compute):
    """A value computed once per content version (page fragments, lists)."""
    if not settings.FRAGMENT_CACHE:
        return compute()
    version, limit = current_version()
    key = keys.fragment(version, name)
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, limit)
    return value


def versioned_many(names, compute):
    """``{name: value}`` for many names in two round trips: the values found are
    read together, ``compute(missing_names)`` makes the rest, stored together."""
    if not settings.FRAGMENT_CACHE:
        return compute(list(names))
    version, limit = current_version()
    stored = {keys.fragment(version, name): name for name in names}
    found = {stored[k]: v for k, v in cache.get_many(list(stored)).items()}
    missing = [name for name in names if name not in found]
    if missing:
        fresh = compute(missing)
        cache.set_many({keys.fragment(version, n): v for n, v in fresh.items()}, limit)
        found.update(fresh)
    return found
