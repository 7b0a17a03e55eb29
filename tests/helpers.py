"""Helpers shared by tests.

- ``load_roster()``: the invented district of the import fixtures (tests/data/import/
  roster.json) as departments, officials with positions, and reporters;
- ``import_fixtures()``: every fixture page we wrote, with what an editor would
  extract from it;
- ``compare()``: a parsed article against that, field by field;
- ``login()``, ``change_url()``, ``form_data()``, ``save_form()``: the admin as a
  logged-in user's test client sees it, forms read back from the page;
- ``png_file()``: a small image to upload;
- ``public_urls()``: every public page an article appears on;
- ``epaper_stories()``, ``epaper_pdfs()``, ``epaper_articles()``,
  ``epaper_edition()``: the e-paper's fixture pages (tests/data/epaper/, copy we
  wrote) as stories, as PDFs laid out like a newspaper, as placed articles, and
  imported as a whole edition.
- ``LinkServer``: a local HTTP server the link checker's tests point at (live,
  dead, redirecting, slow pages), never the internet.
"""

import datetime
import io
import json
import os
import threading
import time
from html.parser import HTMLParser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from PIL import Image

from articles.editorial.sanitizer import body_paragraphs, paragraphs_to_html
from articles.epaper.pages import import_pages
from articles.epaper.sample import Story, make_page
from articles.models import Article, Byline
from people.models import Reporter
from tests.factories import ArticleFactory, ReporterFactory

DATA = Path(__file__).resolve().parent / "data"
IMPORT_DATA = DATA / "import"
FIELDS = [
    "kicker", "title", "subtitle", "source", "first", "last", "paragraphs",
    "bylines", "caption",
]  # fmt: skip


def roster():
    return json.loads((IMPORT_DATA / "roster.json").read_text(encoding="utf-8"))


def edition_date():
    return datetime.date.fromisoformat(roster()["edition_date"])


def load_roster(settings=None):
    """Create the fixtures' district; with pytest's ``settings``, make it ours."""
    from people.models import Department, Official, Position, Reporter

    data = roster()
    if settings is not None:
        settings.DISTRICT_NAMES = [data["district"]]
    departments = {}
    for item in data["departments"]:
        departments[item["name"]] = Department.objects.create(**item)
    start = datetime.date.fromisoformat(data["position_start"])
    for item in data["officials"]:
        official = Official.objects.create(name=item["name"])
        Position.objects.create(
            official=official,
            title=item["title"],
            rank=item["rank"],
            department=departments[item["department"]],
            start_date=start,
        )
    for item in data["reporters"]:
        Reporter.objects.create(**item)
    return data


def import_fixtures(directory=IMPORT_DATA):
    """[(name, page text, expected)] for every NN-class.txt with its .json."""
    fixtures = []
    for page in sorted(Path(directory).glob("*.txt")):
        expected = page.with_suffix(".json")
        if not expected.exists() or page.stem == "planted-errors":
            continue
        fixtures.append(
            (
                page.stem,
                page.read_text(encoding="utf-8"),
                json.loads(expected.read_text(encoding="utf-8")),
            )
        )
    return fixtures


def extracted(article):
    """A ParsedArticle in the shape of the expected values."""
    paragraphs = article.paragraphs
    return {
        "kicker": article.kicker,
        "title": article.title,
        "subtitle": article.subtitle,
        "source": article.source,
        "first": paragraphs[0] if paragraphs else "",
        "last": paragraphs[-1] if paragraphs else "",
        "paragraphs": len(paragraphs),
        "bylines": [list(credit.as_tuple()) for credit in article.credits],
        "caption": article.image_caption,
    }


def compare(expected, article):
    """{field: (expected, found)} for every field that differs."""
    found = extracted(article) if article is not None else {}
    wrong = {}
    for name in FIELDS:
        want = expected.get(name, "" if name != "bylines" else [])
        got = found.get(name)
        if name == "first":
            ok = got is not None and got.startswith(want)
        elif name == "last":
            ok = got is not None and got.endswith(want)
        else:
            ok = got == want
        if not ok:
            wrong[name] = (want, got)
    return wrong


def match_articles(expected_articles, parsed_articles):
    """Pair expected articles with parsed ones: by title, else by the opening of
    the body, so that one article missed or split does not shift all the others."""
    remaining = list(parsed_articles)
    pairs = {}
    for n, expected in enumerate(expected_articles):
        found = next((a for a in remaining if a.title == expected["title"]), None)
        if found is not None:
            remaining.remove(found)
            pairs[n] = found
    for n, expected in enumerate(expected_articles):
        if n in pairs or not expected.get("first"):
            continue
        found = next(
            (
                a
                for a in remaining
                if a.paragraphs and a.paragraphs[0].startswith(expected["first"])
            ),
            None,
        )
        if found is not None:
            remaining.remove(found)
            pairs[n] = found
    return [(e, pairs.get(n)) for n, e in enumerate(expected_articles)], remaining


def login(user):
    client = Client()
    client.force_login(user)
    return client


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def save_form(client, article, **changes):
    """Open the article's change form, change some fields, and submit it."""
    data = form_data(client.get(change_url(article)))
    data.update(changes)
    return client.post(change_url(article), data)


def png_file(name="photo.png", size=(40, 30), image_format="PNG"):
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, image_format)
    buffer.name = name
    buffer.seek(0)
    return buffer


def public_urls(article):
    official = article.officials.first()
    department = article.departments.first()
    reporter = article.bylines.first().reporter
    tag = article.tags.first()
    day = article.publication_date()
    return [
        reverse("home"),
        reverse("archive"),
        reverse("archive_year", args=[day.year]),
        reverse("archive_month", args=[day.year, day.month]),
        reverse("archive_day", args=[day.year, day.month, day.day]),
        reverse("official_list"),
        official.get_absolute_url(),
        reverse("department_list"),
        department.get_absolute_url(),
        reporter.get_absolute_url(),
        reverse("tag_detail", args=[tag.slug]),
        article.get_absolute_url(),
    ]


class _FormReader(HTMLParser):
    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.data = {}
        self._select = None
        self._textarea = None
        self._text = []

    def _add(self, name, value):
        self.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == self.form_id:
            self.inside = True
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "file", "image", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self._add(name, attrs.get("value", "on" if kind == "checkbox" else ""))
        elif tag == "select" and name:
            self._select = name
            self.data.setdefault(name, [])
        elif tag == "option" and self._select and "selected" in attrs:
            self._add(self._select, attrs.get("value", ""))
        elif tag == "textarea" and name:
            self._textarea = name
            self._text = []

    def handle_data(self, data):
        if self._textarea:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "form" and self.inside:
            self.inside = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea:
            text = "".join(self._text)
            self._add(self._textarea, text[1:] if text.startswith("\n") else text)
            self._textarea = None


def form_data(response, form_id="article_form"):
    """The fields of ``form_id`` in a response, as a dict for ``client.post``."""
    reader = _FormReader(form_id)
    reader.feed(response.content.decode())
    data = {}
    for name, values in reader.data.items():
        if name.startswith(("bylines-__prefix__", "corrections-__prefix__")):
            continue
        if "__prefix__" in name:
            continue
        data[name] = values if len(values) != 1 else values[0]
    return data


EPAPER_DATA = DATA / "epaper"
EPAPER_DAY = datetime.date(2024, 3, 6)


def epaper_stories():
    """The e-paper's fixture pages (copy we wrote): [(number, name, [Story…])…]."""
    pages = json.loads((EPAPER_DATA / "stories.json").read_text(encoding="utf-8"))
    return [
        (p["number"], p["name"], [Story(**s) for s in p["stories"]])
        for p in pages["pages"]
    ]


def epaper_pdfs(day=EPAPER_DAY, pages=None):
    """The fixture pages as PDFs: [(file name, bytes, [Placed…])…]."""
    made = []
    for number, name, stories in pages or epaper_stories():
        data, placed = make_page(
            stories, paper="青禾日报", day=day, page_number=number, page_name=name
        )
        made.append((f"第{number}版.pdf", data, placed))
    return made


def epaper_articles(day=EPAPER_DAY, status=Article.Status.PUBLISHED, pages=None):
    """An article for every fixture story, placed on its page: {title: Article}."""
    articles = {}
    for number, name, stories in pages or epaper_stories():
        for order, story in enumerate(stories, 1):
            articles[story.title] = ArticleFactory(
                kicker=story.kicker,
                title=story.title,
                subtitle=story.subtitle,
                body=paragraphs_to_html("\n\n".join(story.paragraphs)),
                edition_date=day,
                page_number=number,
                page_name=name,
                page_order=order,
                status=status,
            )
            add_bylines(articles[story.title], story.byline)
    return articles


def add_bylines(article, printed):
    """Bylines as printed (“记者 林小禾 通讯员 周望舒”): role word, then names."""
    words, role, order = printed.split(), "", 0
    for word in words:
        if word in ("记者", "通讯员", "实习生"):
            role = word
            continue
        reporter = Reporter.objects.filter(name=word).first() or ReporterFactory(
            name=word
        )
        Byline.objects.create(
            article=article, reporter=reporter, label=role, order=order
        )
        order += 1


def epaper_edition(day=EPAPER_DAY, publish=True, status=Article.Status.PUBLISHED):
    """The fixture edition imported from its PDFs, its articles placed and (by
    default) published: (Edition, {title: Article}, [(name, bytes, placed)…])."""
    articles = epaper_articles(day, status)
    pdfs = epaper_pdfs(day)
    result = import_pages(day=day, files=[(n, d) for n, d, _ in pdfs])
    if publish:
        result.edition.published = True
        result.edition.save()
    return result.edition, articles, pdfs


AXE = Path(__file__).resolve().parents[1] / "node_modules" / "axe-core" / "axe.min.js"


def axe_violations(page):
    """axe-core's serious and critical WCAG 2.1 AA findings on a Playwright page
    (its context needs bypass_csp: axe is injected as an inline script)."""
    if not AXE.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{AXE} is missing: CI must run npm install")
        pytest.skip(f"{AXE} is missing (npm install)")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', "
        "'best-practice']})"
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(n["target"][0] for n in v["nodes"][:3])
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def epaper_edition_of(day, articles, publish=True):
    """A one-page edition of ``day`` printing ``articles`` (their own headlines and
    body), imported and (by default) published."""
    stories = [
        Story(
            title=a.title,
            kicker=a.kicker,
            subtitle=a.subtitle,
            paragraphs=body_paragraphs(a.body),
        )
        for a in articles
    ]
    data, _ = make_page(stories, paper="青禾日报", day=day, page_number=1)
    result = import_pages(day=day, files=[("第1版.pdf", data)])
    result.edition.published = publish
    result.edition.save()
    return result.edition


class LinkServer:
    """A local HTTP server on 127.0.0.1 with pages of every kind a link checker
    meets; it counts the requests it got and the most it served at once.

    /live 200 · /dead 404 · /gone 410 · /head-refused (HEAD 405, GET 200) ·
    /moved (301 to /live) · /away (302 to the same server named ``localhost``:
    another site) · /loop (redirects to itself) · /slow (answers after
    ``slow_seconds``) · /wait (answers after 0.2 s, for counting concurrency).
    """

    def __init__(self, slow_seconds=3):
        self.slow_seconds = slow_seconds
        self.requests = []
        self.active = 0
        self.most_at_once = 0
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_HEAD(self):
                server.answer(self, "HEAD")

            def do_GET(self):
                server.answer(self, "GET")

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.httpd.block_on_close = False  # a slow answer need not hold up the test
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def url(self, path, host="127.0.0.1"):
        return f"http://{host}:{self.port}{path}"

    def answer(self, handler, method):
        path = handler.path.split("?")[0]
        with self._lock:
            self.requests.append((method, path))
            self.active += 1
            self.most_at_once = max(self.most_at_once, self.active)
        status, location, delay = self.route(path, method)
        if delay:
            time.sleep(delay)
        # Done before the answer goes out: once the client has it, it may send the
        # next request at once, before this thread would get round to counting.
        with self._lock:
            self.active -= 1
        try:
            handler.send_response(status)
            if location:
                handler.send_header("Location", location)
            handler.send_header("Content-Length", "2")
            handler.end_headers()
            if method == "GET":
                handler.wfile.write(b"ok")
        except (BrokenPipeError, ConnectionResetError):
            pass

    def route(self, path, method):
        if path == "/head-refused":
            return (405 if method == "HEAD" else 200), "", 0
        routes = {
            "/live": (200, "", 0),
            "/dead": (404, "", 0),
            "/gone": (410, "", 0),
            "/moved": (301, "/live", 0),
            "/away": (302, self.url("/live", host="localhost"), 0),
            "/loop": (302, "/loop", 0),
            "/slow": (200, "", self.slow_seconds),
            "/wait": (200, "", 0.2),
        }
        if path.startswith("/wait"):
            return routes["/wait"]
        return routes.get(path, (404, "", 0))

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()
