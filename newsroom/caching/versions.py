"""What a cached public page or fragment depends on, and how it is invalidated.

Every cached page and part records the **surrogate keys** ("tags") it was built
from — ``a42`` (article 42 as pages show it), ``new`` (the lists of newest
articles), ``ol7`` (the list of leader 7's articles), ``leaders`` (the leaders'
column)… (the articles and people apps name them; ``tagged`` adds them while a
page renders) — with each tag's version at that moment. It is valid while those
versions are unchanged. A change that public pages show ``purge``s exactly its
tags once its transaction commits: the tags get new versions (one write for the
whole transaction) and the purge backend (``purge.py``: Varnish xkey) drops the
pages a shared cache holds under them. A draft saved, an autosave or a review
comment purges nothing.

``site`` is the tag of every page (``bump_version``: everything, as after a
restore). A scheduled article needs no write to go live: the time of the next
scheduled publication is kept in the cache, and when it passes the tags of the
articles that went live are purged; nothing is cached beyond it, nor beyond local
midnight (pages print today's date and today's leaders).
"""

import datetime
import time
import uuid
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from . import keys
from .purge import purge_backend

NEVER = -1

# The (version, limit) a request has already looked up: a page asks for it once for
# itself and again for each cached part, a round trip each with Redis. Only set
# inside a request (PublicPageCacheMiddleware); NO_REQUEST elsewhere.
NO_REQUEST = object()
looked_up = ContextVar("public_version", default=NO_REQUEST)


# The tags the page (or part) being rendered depends on; None outside rendering.
collecting = ContextVar("public_tags", default=None)
# The tag versions this request has read: {tag: version}.
known_versions = ContextVar("public_tag_versions", default=None)


def _no_scheduled_publication():
    return None


def _nothing_went_live(start, end):
    return {SITE}


SITE = keys.SITE
_go_live_source = _no_scheduled_publication
_went_live = _nothing_went_live


def set_go_live_source(source, went_live=None):
    """``source()`` answers the next scheduled publication time (or None);
    ``went_live(start, end)`` the tags of the articles whose time fell between. The
    articles app sets them when it is ready; the cache knows no models."""
    global _go_live_source, _went_live
    _go_live_source = source
    _went_live = went_live or _nothing_went_live


def _new_version():
    # A version says when it was made: reads just after a write go to the primary
    # database (``written_within``), not to a replica that may lag.
    return f"{uuid.uuid4().hex[:12]}@{time.time():.3f}"


def bump_version():
    """Everything public changed (a restore, a setting): every page is rebuilt."""
    send_purge({SITE})


def _get_strings(names):
    """Short strings by key: in one plain MGET where the backend has one (Redis,
    ``redis_backend``), else through the cache API."""
    if hasattr(cache, "get_strings"):
        return cache.get_strings(names)
    return cache.get_many(names)


def _set_strings(values):
    if hasattr(cache, "set_strings"):
        cache.set_strings(values)
    else:
        cache.set_many(values, timeout=None)


def send_purge(tags):
    """New versions for ``tags`` now (one write), and the shared caches told."""
    version = _new_version()
    # The time of the last purge first: a page read between the two writes is then
    # checked tag by tag (``unchanged_since``), never taken as unchanged.
    cache.set(keys.VERSION, version, timeout=None)
    _set_strings({keys.tag(tag): version for tag in tags})
    if SITE in tags:
        cache.delete(keys.GO_LIVE)
    if looked_up.get() is not NO_REQUEST:
        looked_up.set(None)
    if known_versions.get() is not None:
        known_versions.set({})
    purge_backend().purge(tags)


class _Pending:
    """The tags one transaction purges, sent once when it commits."""

    def __init__(self, tags):
        self.tags = set(tags)

    def send(self):
        send_purge(self.tags)


def purge(*tags):
    """Purge ``tags`` when the current transaction commits (at once outside one);
    every call in one transaction adds to one purge."""
    if not tags:
        return
    connection = transaction.get_connection()
    pending = getattr(connection, "newsroom_purge", None)
    waiting = pending is not None and any(
        entry[1] == pending.send for entry in connection.run_on_commit
    )
    if waiting:
        pending.tags.update(tags)
        return
    connection.newsroom_purge = _Pending(tags)
    transaction.on_commit(connection.newsroom_purge.send)  # at once in autocommit


def tagged(*tags):
    """The page (and the part) being rendered depends on ``tags``."""
    found = collecting.get()
    if found is not None:
        found.update(tags)


@contextmanager
def collect():
    """Gather the tags of what renders inside (a page, a part); a part's tags are
    also its page's."""
    outer = collecting.get()
    tags = {SITE}
    token = collecting.set(tags)
    try:
        yield tags
    finally:
        collecting.reset(token)
        if outer is not None:
            outer.update(tags)


def tag_versions(tags):
    """{tag: version} of ``tags``, one round trip for those this request has not
    read yet; a tag never purged (or evicted) gets a version of its own now."""
    known = known_versions.get()
    if known is None:
        known = {}
        if looked_up.get() is not NO_REQUEST:
            known_versions.set(known)
    missing = [tag for tag in tags if tag not in known]
    if missing:
        found = _get_strings([keys.tag(tag) for tag in missing])
        fresh = {}
        for tag in missing:
            value = found.get(keys.tag(tag))
            if value is None:
                # No purge made it: it says so (made at 0), so what is being
                # computed now may be stored under it (``made_after``).
                value = fresh[keys.tag(tag)] = f"{uuid.uuid4().hex[:12]}@0"
            known[tag] = value
        if fresh:
            _set_strings(fresh)
    return {tag: known[tag] for tag in tags}


def still_valid(recorded):
    """Whether the tag versions a stored value recorded are still current."""
    return bool(recorded) and tag_versions(list(recorded)) == recorded


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
        # Lost (a new cache, or evicted): as if everything was purged now, so
        # that pages stored before are checked tag by tag once.
        version = _new_version()
        cache.set(keys.VERSION, version, timeout=None)
    if go_live is None:
        go_live = _next_go_live()
        cache.set(keys.GO_LIVE, go_live, timeout=settings.PUBLIC_CACHE_SECONDS)
    now = time.time()
    if go_live != NEVER and now >= go_live:
        start = datetime.datetime.fromtimestamp(go_live, tz=datetime.UTC)
        send_purge(_went_live(start, timezone.now()))
        cache.delete(keys.GO_LIVE)
        return _look_up_version()
    return version, keep_for(go_live)


def keep_for(go_live):
    """Seconds a page may be kept: PUBLIC_CACHE_SECONDS, but not past the next
    scheduled publication (``go_live``) or local midnight."""
    limit = settings.PUBLIC_CACHE_SECONDS
    if go_live not in (None, NEVER):
        limit = min(limit, max(1, int(go_live - time.time())))
    local = timezone.localtime()
    midnight = (local + datetime.timedelta(days=1)).replace(hour=0, minute=0, second=0)
    return min(limit, max(1, int((midnight - local).total_seconds())))


# Clocks of the app servers may differ this much (NTP keeps them far closer).
CLOCK_MARGIN = 1.0


def purged_at(version):
    """When a version (of a tag, or the last purge: ``keys.VERSION``) was made;
    infinity when unknown, so that nothing is taken for newer than it."""
    try:
        return float(str(version).rpartition("@")[2])
    except ValueError:
        return float("inf")


def unchanged_since(checked, last_purge):
    """Whether nothing was purged since ``checked`` (a time): then whatever was
    valid then still is, and its tags need not be read."""
    return checked > purged_at(last_purge) + CLOCK_MARGIN


def made_after(versions, started):
    """Whether any of these versions was made (a purge) after ``started``: what was
    computed since may already be out of date, and is not stored."""
    for version in versions.values():
        try:
            if float(str(version).rpartition("@")[2]) >= started:
                return True
        except ValueError:
            return True
    return False


def versioned(name, compute, tags=()):
    """A value (a page part, a list) computed once and kept while the tags it was
    built from — ``tags`` and any ``tagged`` while computing — are unchanged."""
    _, limit = current_version()
    key = keys.fragment(name)
    stored = cache.get(key) if settings.FRAGMENT_CACHE else None
    if stored is not None and still_valid(stored[0]):
        tagged(*stored[0])
        return stored[1]
    started = time.time()
    with collect() as found:
        found.update(tags)
        value = compute()
    if settings.FRAGMENT_CACHE:
        recorded = tag_versions(sorted(found))
        if not made_after(recorded, started):
            cache.set(key, (recorded, value), limit)
    return value
