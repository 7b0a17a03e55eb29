"""Crawl the public site the way a reader or a search engine would.

Starts from every route in the URLconf that takes no arguments, the sitemap, the
feeds and any extra addresses given (search queries, say), then follows every
same-site link in the pages, feeds and sitemaps it fetches (``href``, ``src``,
``<loc>``, ``<link>``), admin, static and media files excepted.
"""

import re
from dataclasses import dataclass, field
from html import unescape
from urllib.parse import urlsplit

from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve

SKIP = ("/admin/", "/static/", "/media/")
LINK = re.compile(
    r"""(?:href|src)\s*=\s*["']([^"']+)["']|<(?:loc|link|id)>([^<]+)</""",
    re.IGNORECASE,
)


def public_routes(resolver=None, prefix=""):
    """(pattern name, route) of every route outside the admin."""
    for entry in (resolver or get_resolver()).url_patterns:
        route = prefix + str(entry.pattern)
        if route.startswith("admin/"):
            continue
        if isinstance(entry, URLResolver):
            yield from public_routes(entry, route)
        elif isinstance(entry, URLPattern):
            yield entry.name, route


def local_path(link):
    link = unescape(link.strip())
    parts = urlsplit(link)
    if parts.scheme not in ("", "http", "https"):
        return None
    if parts.netloc not in ("", "testserver"):
        return None
    path = parts.path or "/"
    if not path.startswith("/") or path.startswith(SKIP):
        return None
    return path + (f"?{parts.query}" if parts.query else "")


@dataclass
class Crawl:
    pages: dict = field(default_factory=dict)  # address → (status, text)
    routes: set = field(default_factory=set)  # pattern names reached

    def texts(self):
        return self.pages.items()


def crawl(extra=(), limit=3000, client=None):
    client = client or Client()
    queue = [
        "/" + route
        for _name, route in public_routes()
        if "<" not in route and "(" not in route
    ]
    queue += list(extra)
    result = Crawl()
    while queue and len(result.pages) < limit:
        address = queue.pop(0)
        if address in result.pages:
            continue
        response = client.get(address)
        text = response.content.decode("utf-8", "replace")
        result.pages[address] = (response.status_code, text)
        if response.status_code in (200, 301, 302):
            result.routes.add(resolve(urlsplit(address).path).url_name)
        if response.status_code in (301, 302):
            target = local_path(response["Location"])
            if target:
                queue.append(target)
            continue
        if response.status_code != 200:
            continue
        for found in LINK.finditer(text):
            target = local_path(found.group(1) or found.group(2))
            if target and target not in result.pages:
                queue.append(target)
    return result
