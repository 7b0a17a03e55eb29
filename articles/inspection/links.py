"""链接: every link in the published bodies.

External links are checked over HTTP — HEAD, then GET where HEAD is refused —
following redirects by hand (at most ``MAX_REDIRECTS``), with a timeout, a pool
of ``LINK_CHECK_WORKERS`` threads, at most ``LINK_CHECK_PER_HOST`` requests to one
host at a time and ``LINK_CHECK_HOST_LIMIT`` links of one host per run. Each
result is kept (``LinkCheck``); a rerun checks again only results older than
``LINK_RECHECK_HOURS``. A link that ends in an error or a 4xx/5xx is dead; one
that ends on another site is listed as a redirect.

Internal links (relative, or to this site's own hosts) are asked of the site
itself, without the network (``site.fetch``): those that answer 404 are dead.
"""

import datetime
import html
import http.client
import re
import threading
import urllib.error
import urllib.request
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.core.files.storage import default_storage
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone

from ..models import Article, LinkCheck
from . import site
from .report import WARN, Check, outcome

SECTION = "链接"
HREF = re.compile(r"""<a\b[^>]*?\shref\s*=\s*["']([^"']+)["']""", re.I)
MAX_REDIRECTS = 5
REDIRECTS = {301, 302, 303, 307, 308}
USER_AGENT = "NewsroomLinkCheck/1.0 (+self-inspection)"
ROW_COLUMNS = ["链接", "结果", "稿件", "稿件网址"]
Result = LinkCheck.Result


def body_links(body):
    """The addresses a body links to, in order, each once."""
    found = []
    for match in HREF.finditer(body or ""):
        url = html.unescape(match.group(1)).strip()
        if url and url not in found:
            found.append(url)
    return found


def own_hosts():
    """The network locations that are this site: SITE_URL's and any listed."""
    hosts = {urlsplit(settings.SITE_URL).netloc.lower()}
    hosts.update(host.lower() for host in settings.INSPECTION_OWN_HOSTS)
    return hosts


def kind_of(url, hosts):
    """ "external", "internal" (a path of this site) or None (mailto:, #…)."""
    parts = urlsplit(url)
    if parts.scheme in ("http", "https") and parts.netloc:
        return "internal" if parts.netloc.lower() in hosts else "external"
    if not parts.scheme and not parts.netloc and parts.path.startswith("/"):
        return "internal"
    return None


def gather(articles=None):
    """{url: [(article id, title, address), …]} of external and internal links."""
    hosts = own_hosts()
    external, internal = defaultdict(list), defaultdict(list)
    articles = articles or Article.objects.published()
    query = articles.only("pk", "slug", "title", "body").order_by("pk")
    for article in query.iterator(chunk_size=500):
        if "href" not in article.body:
            continue
        where = (article.pk, article.title, reverse("article_short", args=[article.pk]))
        for url in body_links(article.body):
            kind = kind_of(url, hosts)
            if kind == "external":
                external[url].append(where)
            elif kind == "internal":
                internal[urlsplit(url)._replace(scheme="", netloc="").geturl()].append(
                    where
                )
    return external, internal


@dataclass
class Outcome:
    result: str
    status_code: int | None = None
    final_url: str = ""
    error: str = ""


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # we follow them ourselves, counting and noting where they go


_OPENER = urllib.request.build_opener(_NoRedirects)


def _request(url, method, timeout):
    """(status, Location) of one request, the body left unread."""
    request = urllib.request.Request(
        url, method=method, headers={"User-Agent": USER_AGENT, "Accept": "*/*"}
    )
    try:
        with _OPENER.open(request, timeout=timeout) as response:
            return response.status, response.headers.get("Location", "")
    except urllib.error.HTTPError as error:
        with error:
            return error.code, error.headers.get("Location", "")


def _same_site(first, second):
    def host(url):
        return (urlsplit(url).hostname or "").lower().removeprefix("www.")

    return host(first) == host(second)


def _follow(url, method, timeout):
    current = url
    for _ in range(MAX_REDIRECTS + 1):
        status, location = _request(current, method, timeout)
        if status not in REDIRECTS or not location:
            return status, current
        current = urljoin(current, location)
    return None, current  # too many redirects


def check_url(url, timeout=None):
    """Check one external address: HEAD, then GET if HEAD did not answer well."""
    timeout = timeout or settings.LINK_CHECK_TIMEOUT
    status, final, error = None, url, ""
    for method in ("HEAD", "GET"):
        try:
            status, final = _follow(url, method, timeout)
            error = "" if status else "跳转次数过多"
        except TimeoutError:
            status, error = None, "超时"
        except (urllib.error.URLError, http.client.HTTPException, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            status, error = None, f"无法连接：{reason}"[:300]
        except ValueError as exc:
            status, error = None, f"地址无效：{exc}"[:300]
            break
        if status is not None and status < 400:
            break
    if status is None or status >= 400:
        return Outcome(Result.DEAD, status, final if final != url else "", error)
    if not _same_site(url, final):
        return Outcome(Result.REDIRECT, status, final)
    return Outcome(Result.OK, status, final if final != url else "")


def _interleaved(urls):
    """The urls with hosts taking turns, so one slow host does not fill the pool."""
    by_host = defaultdict(list)
    for url in urls:
        by_host[urlsplit(url).netloc.lower()].append(url)
    queues = list(by_host.values())
    ordered = []
    while queues:
        ordered += [queue.pop(0) for queue in queues]
        queues = [queue for queue in queues if queue]
    return ordered


def check_external(urls, *, now=None, recheck_hours=None, check=check_url):
    """Check the urls whose kept result is missing or old; keep the results.
    Returns (checked now, left for the next run by the per-host limit)."""
    now = now or timezone.now()
    hours = settings.LINK_RECHECK_HOURS if recheck_hours is None else recheck_hours
    fresh = set(
        LinkCheck.objects.filter(
            url__in=urls, checked_at__gte=now - datetime.timedelta(hours=hours)
        ).values_list("url", flat=True)
    )
    due, left, per_host = [], [], defaultdict(int)
    for url in sorted(set(urls) - fresh):
        host = urlsplit(url).netloc.lower()
        per_host[host] += 1
        (due if per_host[host] <= settings.LINK_CHECK_HOST_LIMIT else left).append(url)
    gates = defaultdict(
        lambda: threading.BoundedSemaphore(settings.LINK_CHECK_PER_HOST)
    )
    for url in due:
        gates[urlsplit(url).netloc.lower()]  # made here, not racing in the threads

    def one(url):
        with gates[urlsplit(url).netloc.lower()]:
            return url, check(url)

    workers = max(1, settings.LINK_CHECK_WORKERS)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        results = dict(pool.map(one, _interleaved(due)))
    for url, found in results.items():
        LinkCheck.objects.update_or_create(
            url=url[:2000],
            defaults={
                "host": urlsplit(url).netloc.lower()[:255],
                "result": found.result,
                "status_code": found.status_code,
                "final_url": found.final_url[:2000],
                "error": found.error[:300],
                "checked_at": timezone.now(),
            },
        )
    return len(results), left


def _describe(kept):
    if kept.result == Result.REDIRECT:
        return f"跳转到其他网站：{kept.final_url}"
    if kept.status_code:
        return f"{kept.get_result_display()}（HTTP {kept.status_code}）"
    return f"{kept.get_result_display()}（{kept.error or '无响应'}）"


def checks(*, external=True):
    external_links, internal_links = gather()
    found = []
    if external and settings.INSPECTION_EXTERNAL_LINKS:
        checked, left = check_external(list(external_links))
        kept = LinkCheck.objects.filter(url__in=list(external_links)).exclude(
            result=Result.OK
        )
        dead, moved = [], []
        for link in kept.order_by("url"):
            for _, title, address in external_links.get(link.url, []):
                row = [link.url, _describe(link), title, address]
                (moved if link.result == Result.REDIRECT else dead).append(row)
        summary = f"外部链接 {len(external_links)} 个，本次检查 {checked} 个"
        if left:
            summary += f"，{len(left)} 个超过单个网站的限额，留待下次检查"
        found.append(
            outcome(
                SECTION,
                "外部链接",
                "已发布稿件中的外部链接可以打开",
                problems=dead,
                detail=f"{summary}；无法访问 {len({r[0] for r in dead})} 个。",
                columns=ROW_COLUMNS,
            )
        )
        found.append(
            outcome(
                SECTION,
                "跳转到其他网站",
                "外部链接不跳转到其他网站",
                problems=moved,
                detail=f"{len({r[0] for r in moved})} 个链接跳转到其他网站。",
                columns=ROW_COLUMNS,
                warn=True,
            )
        )
    else:
        found.append(
            Check(
                SECTION,
                "外部链接",
                "已发布稿件中的外部链接可以打开",
                WARN,
                f"本次未检查外部链接（{len(external_links)} 个）。",
            )
        )
    found.append(internal_check(internal_links))
    return found


def internal_check(internal_links):
    dead = []
    public = public_article_ids(internal_links)
    for path, holders in sorted(internal_links.items()):
        if internal_status(path, public) == 404:
            dead += [[path, "页面不存在（404）", t, a] for _, t, a in holders]
    broken = {row[0] for row in dead}
    return outcome(
        SECTION,
        "站内链接",
        "站内链接指向存在的页面",
        problems=dead,
        detail=f"站内链接 {len(internal_links)} 个，失效 {len(broken)} 个。",
        columns=ROW_COLUMNS,
    )


ARTICLE_VIEWS = {"article_detail", "article_short"}


def _article_id(path):
    """The article a path shows, or None for any other page (or no page)."""
    try:
        match = resolve(urlsplit(path).path)
    except Resolver404:
        return None
    return match.kwargs.get("pk") if match.url_name in ARTICLE_VIEWS else None


def public_article_ids(internal_links):
    """The public articles among those the links point at, in one query: an
    article link is the common case, and asking each page costs a render."""
    wanted = {_article_id(path) for path in internal_links} - {None}
    return set(
        Article.objects.published().filter(pk__in=wanted).values_list("pk", flat=True)
    )


def internal_status(path, public_articles=None):
    """The status a path of this site answers: an article link by whether that
    article is public, media files by the storage (the app does not serve them
    in production), anything else by asking the site (``site.fetch``)."""
    address = urlsplit(path)
    try:
        match = resolve(address.path)
    except Resolver404:
        match = None
    if match and match.url_name in ARTICLE_VIEWS and public_articles is not None:
        return 200 if match.kwargs.get("pk") in public_articles else 404
    if address.path.startswith(settings.MEDIA_URL):
        name = address.path.removeprefix(settings.MEDIA_URL)
        try:
            return 200 if name and default_storage.exists(name) else 404
        except Exception:  # noqa: BLE001 — a storage that cannot answer is not a 404
            return None
    return site.fetch(path).status_code
