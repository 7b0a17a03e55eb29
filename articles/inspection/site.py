"""网站标识与安全: the identifiers the footer must show, the pages every government
site has (网站地图, 隐私声明, 版权声明), HTTPS and HSTS when not in debug, and on
every kind of public page the large-text switch as the first link and the skip
link (适老化 and accessibility) — the pages asked of the site itself, through
its whole middleware, without the network."""

import re
from urllib.parse import urlsplit

from django.conf import settings
from django.http.request import validate_host
from django.test import Client
from django.urls import reverse

from newsroom import identity
from people.models import Department, Official

from ..models import Article
from .report import PASS, WARN, Check, outcome

SECTION = "网站标识与安全"
FIRST_LINK = re.compile(r"<body[^>]*>.*?<a\b([^>]*)>", re.S)
HSTS_SECONDS = 31536000  # a year, as the indicators and browsers' preload ask


def fetch(path, **headers):
    """This site's answer to a GET of ``path``, as a visitor without a session
    gets it (the public page cache and all)."""
    secure = settings.SITE_URL.startswith("https://") or settings.SECURE_SSL_REDIRECT
    client = Client(raise_request_exception=False, HTTP_HOST=own_host())
    return client.get(path, secure=secure, **headers)


def own_host():
    """The host name to ask the site under: SITE_URL's, if this site serves it."""
    address = urlsplit(settings.SITE_URL)
    if address.hostname and validate_host(address.hostname, settings.ALLOWED_HOSTS):
        return address.netloc
    for host in settings.ALLOWED_HOSTS:
        if host and "*" not in host:
            return host.lstrip(".")
    return "localhost"


def checks():
    values = identity.current()
    return [
        identifiers(values),
        badge(values),
        required_pages(),
        https(),
        modes(values),
    ]


def identifiers(values):
    missing = [[label, "未设置（后台“网站设置”）"] for label in values.missing()]
    shown = [values.icp_number, values.police_number, values.site_code]
    return outcome(
        SECTION,
        "网站标识",
        "页脚有主办单位、ICP 备案号、公安备案号、网站标识码、联系方式",
        problems=missing,
        detail="　".join(value for value in shown if value) or "未设置网站标识。",
        columns=["项目", "情况"],
    )


def badge(values):
    if values.government_badge:
        return Check(SECTION, "党政机关网站标识", "页脚显示党政机关网站标识", PASS)
    return Check(
        SECTION,
        "党政机关网站标识",
        "页脚显示党政机关网站标识",
        WARN,
        "未显示；经机构编制部门认证后在“网站设置”中打开。",
    )


def required_pages():
    pages = [
        ("网站地图", "site_map"),
        ("隐私声明", "privacy"),
        ("版权声明", "copyright"),
    ]
    broken = []
    for label, name in pages:
        status = fetch(reverse(name)).status_code
        if status != 200:
            broken.append([label, reverse(name), f"HTTP {status}"])
    return outcome(
        SECTION,
        "必备页面",
        "有网站地图、隐私声明和版权声明",
        problems=broken,
        columns=["页面", "网址", "结果"],
    )


def https():
    rule = "全站 HTTPS，开启 HSTS"
    if settings.DEBUG:
        return Check(SECTION, "HTTPS", rule, WARN, "开发模式（DEBUG）下不检查。")
    problems = []
    if not settings.SECURE_SSL_REDIRECT:
        problems.append(
            ["HTTP 未跳转到 HTTPS", "SECURE_SSL_REDIRECT（环境变量 HTTPS）"]
        )
    if settings.SECURE_HSTS_SECONDS < HSTS_SECONDS:
        problems.append(
            [
                "HSTS 未开启或时间过短",
                f"SECURE_HSTS_SECONDS={settings.SECURE_HSTS_SECONDS}",
            ]
        )
    if not settings.SITE_URL.startswith("https://"):
        problems.append(["网站地址不是 https://", f"SITE_URL={settings.SITE_URL}"])
    return outcome(SECTION, "HTTPS", rule, problems=problems, columns=["问题", "设置"])


def sample_pages():
    """One page of every kind the public sees."""
    pages = [
        ("首页", reverse("home")),
        ("要闻", reverse("archive")),
        ("领导之窗", reverse("official_list")),
        ("部门导航", reverse("department_list")),
        ("检索", reverse("search")),
        ("网站地图", reverse("site_map")),
        ("隐私声明", reverse("privacy")),
    ]
    if Article.objects.published().filter(edition_date__isnull=False).exists():
        pages.append(("数字报", reverse("epaper")))
    article = Article.objects.published().order_by("-published_at").first()
    if article:
        pages.append(("稿件页", article.get_absolute_url()))
    official = Official.objects.current().first()
    if official:
        pages.append(("领导页", official.get_absolute_url()))
    department = Department.objects.order_by("order", "name").first()
    if department:
        pages.append(("部门页", department.get_absolute_url()))
    return pages


def page_problems(label, path, values):
    """What the page lacks: the switch first, the skip link, the footer's ICP."""
    response = fetch(path)
    if response.status_code != 200:
        return [[label, path, f"HTTP {response.status_code}"]]
    page = response.content.decode(errors="replace")
    problems = []
    first = FIRST_LINK.search(page)
    if not first or 'id="display-mode"' not in first.group(1):
        problems.append([label, path, "页面第一个链接不是“大字版”切换"])
    if 'href="#main"' not in page:
        problems.append([label, path, "没有“跳到正文”链接"])
    if values.icp_number and values.icp_number not in page:
        problems.append([label, path, "页脚没有 ICP 备案号"])
    large = fetch(path, HTTP_COOKIE="display=large").content.decode(errors="replace")
    if 'class="large-text"' not in large:
        problems.append([label, path, "大字版不起作用"])
    return problems


def modes(values):
    problems = []
    pages = sample_pages()
    for label, path in pages:
        problems += page_problems(label, path, values)
    return outcome(
        SECTION,
        "适老化与无障碍",
        "每个页面都能用键盘第一个到达“大字版”，有“跳到正文”",
        problems=problems,
        detail=f"检查 {len(pages)} 类页面。",
        columns=["页面", "网址", "问题"],
    )
