"""Addresses of named URLs, built without running ``reverse()`` every time.

A list page links every item, its departments, the archive's months and the
leaders' column: some two hundred ``reverse()`` calls, each resolving the URLconf
anew (about 25 µs each, several milliseconds a page). ``link(name, **kwargs)``
reverses a pattern once per process (per URLconf and script prefix) with marker
values, and afterwards only puts the values in, quoted as ``reverse()`` quotes
them. A value ``reverse()`` would refuse (empty, or holding a slash) goes to
``reverse()`` itself, so the answer is the same either way.
"""

import functools
import re
from urllib.parse import quote

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, reverse

# What reverse() leaves unquoted (django.urls.resolvers: RFC3986_SUBDELIMS + "/~:@").
SAFE = "!$&'()*+,;=/~:@"
# Values quote() leaves as they are (most ids and slugs): no need to call it.
PLAIN = re.compile(r"[A-Za-z0-9_.~-]+")
# A marker is digits, which every converter the site uses (int, str, slug) takes.
MARKER = "7300519864"


@functools.cache
def _pieces(name, fields, prefix, urlconf):
    markers = {field: f"{MARKER}{i}{MARKER}" for i, field in enumerate(fields)}
    url = reverse(name, kwargs=markers, urlconf=urlconf)
    if any(url.count(marker) != 1 for marker in markers.values()):
        return None  # a marker did not come back once: build with reverse()
    order = sorted(fields, key=lambda field: url.index(markers[field]))
    pieces = [url]
    for field in order:
        head, _, tail = pieces.pop().partition(markers[field])
        pieces += [head, tail]
    return pieces, order


def link(name, **kwargs):
    """``reverse(name, kwargs=kwargs)``, fast after the first call."""
    values = {field: str(value) for field, value in kwargs.items()}
    if any(not value or "/" in value for value in values.values()):
        return reverse(name, kwargs=kwargs)
    built = _pieces(name, tuple(sorted(values)), get_script_prefix(), get_urlconf())
    if built is None:
        return reverse(name, kwargs=kwargs)
    pieces, order = built
    parts = [pieces[0]]
    for field, piece in zip(order, pieces[1:], strict=True):
        value = values[field]
        parts += [value if PLAIN.fullmatch(value) else quote(value, safe=SAFE), piece]
    return "".join(parts)


@receiver(setting_changed)
def _forget(**kwargs):
    _pieces.cache_clear()  # tests may swap the URLconf
