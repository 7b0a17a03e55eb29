"""Benchmark the public site on PostgreSQL and write docs/benchmarks.md.

    make bench                       # 100,000 articles
    make bench ARTICLES=20000

    make bench SPREAD=1              # readers over 2,000 pages while editors work
    make bench COMPARE=a86677a       # cold pages, that commit's code beside this one

Generates the dataset if it is not there (bench_data), serves the site with gunicorn
(2 sync workers, DEBUG off, persistent connections), and loads every public page
type with wrk: once with the page cache off and once with it on (Redis). With
--spread, readers over 2,000 pages, quiet and while a writer works, on the app's
page cache and behind Varnish (tests/bench/spread.py). Each
With --compare REV, the cold pages
(nothing cached) of REV's code and of this checkout, served side by side from the
same database and measured page by page in turn. Each
figure is also given as a ratio to the "floor" — a constant 20 KB page through the
same middleware, measured in the same run. SQL queries per request are counted
in-process; worker peak memory is read from /proc.
"""

import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote
from urllib.request import urlopen

import redis
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import pagination
from articles.models import Article, Edition
from people.models import Department, Official
from tests.bench import spread

PORT = 8765
FLOOR_URL = "/bench/floor/"
DEEP_PAGE = 500
FLOOR = "floor (20 KB)"
PAGE_SIZE = 20
# The pages a before/after comparison measures: the front page, a list, a deep
# list and an article (the floor is measured before each).
COMPARE_PAGES = ("home", "article", "archive page 1", f"archive page {DEEP_PAGE}")


def prepare_dataset(total, stdout):
    """``total`` bench articles (generated when the count differs), a vacuumed and
    analysed database and collected static files."""
    # What bench_writer publishes during a spread run is not part of the dataset.
    generated = Article.objects.filter(slug__startswith="bench-")
    have = generated.exclude(slug__startswith="bench-writer").count()
    if have != total:
        stdout.write(f"生成 {total} 篇稿件（现有 {have}）…")
        started = time.monotonic()
        call_command("bench_data", articles=total, clear=True, verbosity=0)
        stdout.write(f"  用时 {time.monotonic() - started:.0f} 秒")
    # Fresh statistics, and a visibility map so that index-only scans skip the heap:
    # straight after a bulk load, pages of 100,000 rows ran five to ten times slower.
    with connection.cursor() as cursor:
        cursor.execute(
            "VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE"
        )
    call_command("collectstatic", interactive=False, verbosity=0)


def start_gunicorn(port, worker_args, extra_env, tree=None):
    """Serve the site as production would (DEBUG off, persistent connections) on
    127.0.0.1:``port``, from this checkout or from ``tree`` (another revision's
    code); return the master process once it accepts connections."""
    tree = tree or settings.BASE_DIR
    with socket.socket() as sock:
        if sock.connect_ex(("127.0.0.1", port)) == 0:
            # Another server there (one left over) would be measured instead.
            raise CommandError(f"端口 {port} 已被占用：请先停掉那里的服务。")
    env = {
        **os.environ,
        "DEBUG": "0",
        "HTTPS": "0",
        "SECRET_KEY": os.environ.get("SECRET_KEY") or "bench-" + "x" * 50,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "CONN_MAX_AGE": "600",
        "DJANGO_SETTINGS_MODULE": "tests.bench.settings",
        "PYTHONPATH": str(tree),
        **extra_env,
    }
    gunicorn = Path(sys.executable).with_name("gunicorn")
    server = subprocess.Popen(
        [str(gunicorn), "newsroom.wsgi", *worker_args,
         "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
        env=env, cwd=tree,
    )  # fmt: skip
    # Ready when both workers have answered: a worker still importing Django on a
    # busy machine would otherwise be measured as a server that answers nothing.
    deadline = time.monotonic() + 60
    answered = 0
    while time.monotonic() < deadline and answered < 4:
        try:
            with urlopen(f"http://127.0.0.1:{port}{FLOOR_URL}", timeout=10) as reply:
                answered += reply.status == 200
        except OSError:
            time.sleep(0.2)
    if answered < 4:
        server.kill()
        raise CommandError("gunicorn 没有启动")
    return server


# Every page is measured three ways. "cold": nothing cached, every request does all
# its work (as the first request after a publish does). "uncached": the page cache
# off, the parts of pages kept per content version warm in each worker's memory (the
# steady state of an install without Redis). "cached": the page cache on, in Redis.
MODES = {
    "cold": {"PUBLIC_PAGE_CACHE": "0", "FRAGMENT_CACHE": "0"},
    "uncached": {"PUBLIC_PAGE_CACHE": "0", "FRAGMENT_CACHE": "1"},
    "cached": {"PUBLIC_PAGE_CACHE": "1"},
}


class Command(BaseCommand):
    requires_system_checks = []  # a tool run beside the site, not the site
    help = "在 PostgreSQL 上对公开页面做基准测试，结果写入 docs/benchmarks.md。"

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=100_000)
        parser.add_argument(
            "--duration", type=int, default=8, help="每个页面的压测秒数"
        )
        parser.add_argument("--connections", type=int, default=8)
        parser.add_argument("--redis", default="redis://127.0.0.1:6379/3")
        parser.add_argument("--output", default=None)
        parser.add_argument(
            "--compare",
            metavar="REV",
            help="冷页面（不缓存）：REV 的代码与当前代码并排测",
        )
        parser.add_argument(
            "--spread",
            action="store_true",
            help="读者分散在 2,000 个页面上，安静时和编辑工作时各测一次",
        )

    def handle(self, *args, **options):
        if connection.vendor != "postgresql":
            raise CommandError("基准测试需要 PostgreSQL：请设置 DATABASE_URL。")
        if not shutil.which("wrk"):
            raise CommandError("需要 wrk（apt-get install wrk）。")
        prepare_dataset(options["articles"], self.stdout)
        docs = Path(settings.BASE_DIR) / "docs"
        if options["compare"]:
            return self.compare(options)
        if options["spread"]:
            options["output"] = options["output"] or str(docs / "benchmarks-spread.md")
            return self.spread(options)
        options["output"] = options["output"] or str(docs / "benchmarks.md")
        urls = self.urls()
        queries = self.count_queries(urls)
        rows = {}
        for mode, env in MODES.items():
            env = {**env, "CACHE_URL": options["redis"]} if mode == "cached" else env
            rows[mode] = self.load(urls, env, options)
        search_alone = self.load(
            {"search (1 client)": urls["search"]},
            {"PUBLIC_PAGE_CACHE": "0"},
            {**options, "connections": 1},
        )
        self.write(options, urls, queries, rows, search_alone)

    # Before and after

    def compare(self, options):
        """The cold pages of ``--compare REV`` and of this checkout, side by side:
        both served at once from the same database, each page measured on one and
        then the other, each against its own floor right before it."""
        output = options["output"] or str(
            Path(settings.BASE_DIR) / "docs" / "benchmarks-cold.md"
        )
        urls = self.urls()
        pages = {name: urls[name] for name in COMPARE_PAGES}
        rev = options["compare"]
        # "published": this checkout as the first request for a page after a
        # publish finds it: its own content rendered, the parts a publish does not
        # purge (side columns, months, profiles) in Redis.
        published = {**MODES["uncached"], "CACHE_URL": options["redis"]}
        redis.Redis.from_url(options["redis"]).flushdb()
        with tempfile.TemporaryDirectory() as tmp:
            tree = self.checkout(rev, Path(tmp) / "before")
            servers = {}
            try:
                for label, where, port, env in (
                    ("before", tree, PORT + 1, MODES["cold"]),
                    ("after", None, PORT, MODES["cold"]),
                    ("published", None, PORT + 2, published),
                ):
                    servers[label] = (start_gunicorn(
                        port, ["--workers", "2", "--worker-class", "sync"],
                        env, tree=where,
                    ), port)  # fmt: skip
                rows = {}
                for name, url in pages.items():
                    for label, (_, port) in servers.items():
                        floor = self.wrk(FLOOR_URL, max(1, options["duration"] // 2),
                                         options, port=port)  # fmt: skip
                        row = self.wrk(url, options["duration"], options, port=port)
                        row["floor"] = floor["rps"]
                        rows[(name, label)] = row
                        self.stdout.write(f"  {label} {name}: {row}")
            finally:
                for server, _ in servers.values():
                    server.send_signal(signal.SIGTERM)
                    server.wait(timeout=30)
        queries = {
            name: self.queries_of(Client(), url, False) for name, url in pages.items()
        }
        self.write_compare(options, rev, output, pages, rows, queries)

    def checkout(self, rev, where):
        """``rev``'s files in ``where``, with its static files collected."""
        where.mkdir(parents=True)
        base = settings.BASE_DIR
        try:
            archive = subprocess.run(["git", "archive", rev], cwd=base,
                                     capture_output=True, check=True).stdout  # fmt: skip
        except subprocess.CalledProcessError as exc:
            raise CommandError(
                f"找不到版本 {rev}：{exc.stderr.decode().strip()}"
            ) from exc
        subprocess.run(["tar", "-x", "-C", str(where)], input=archive, check=True)
        env = {**os.environ, "PYTHONPATH": str(where), "DEBUG": "0",
               "DJANGO_SETTINGS_MODULE": "tests.bench.settings"}  # fmt: skip
        subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
                       cwd=where, env=env, check=True)  # fmt: skip
        return where

    def write_compare(self, options, rev, output, pages, rows, queries):
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=settings.BASE_DIR,
                              capture_output=True, text=True).stdout.strip()  # fmt: skip
        lines = [
            "# Cold pages, before and after",
            "",
            f"Written by `make bench COMPARE={rev} ARTICLES={options['articles']}` on "
            f"{timezone.localtime():%Y-%m-%d %H:%M} (Asia/Shanghai): the code of "
            f"`{rev}` (before) and of this checkout (`{head}`, after), served at once "
            "from the same database; each page is loaded on one and then on the other.",
            "",
            f"- Machine: {os.cpu_count()} cores, {self.memory()} GiB, Python "
            f"{platform.python_version()}, {self.postgres()}; "
            f"{options['articles']:,} published articles",
            "- **Cold**: page cache and parts cache off (`PUBLIC_PAGE_CACHE=0 "
            "FRAGMENT_CACHE=0`): every request does all its work, as after the "
            "cache was emptied.",
            "- **After a publish** (this checkout only): page cache off, parts cache "
            "on in Redis: what the first request for a page a publish purged does — "
            "its own content rendered, the parts a publish leaves alone (side "
            "columns, months, profiles) from the cache.",
            f"- Server: gunicorn, 2 sync workers each; wrk 2 threads, "
            f"{options['connections']} connections, {options['duration']} s per page; "
            "ratio = req/s ÷ the same server's floor (a constant 20 KB page through "
            "the middleware) measured right before the page.",
            "",
            "| page | SQL queries after | cold before req/s | ratio | p99 ms "
            "| cold after req/s | ratio | p99 ms | after ÷ before "
            "| after a publish req/s | ratio | ÷ cold before |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: "
            "| ---: | ---: | ---: |",
        ]
        for name in pages:
            before, after, published = (
                rows[(name, label)] for label in ("before", "after", "published")
            )
            b, a, p = (
                row["rps"] / row["floor"] if row["floor"] else float("nan")
                for row in (before, after, published)
            )
            lines.append(
                f"| {name} | {queries[name]} | {before['rps']:.0f} | {b:.3f} "
                f"| {before['p99']:.1f} | {after['rps']:.0f} | {a:.3f} "
                f"| {after['p99']:.1f} | {a / b:.1f}× | {published['rps']:.0f} "
                f"| {p:.3f} | {p / b:.1f}× |"
            )
        errors = sum(row["errors"] for row in rows.values())
        lines += ["", f"- Errors (non-2xx): {errors}.", "",
                  "URLs: " + ", ".join(f"{n} `{u}`" for n, u in pages.items()), ""]  # fmt: skip
        Path(output).write_text("\n".join(lines), encoding="utf-8")
        self.stdout.write(self.style.SUCCESS(f"已写入 {output}"))
        self.stdout.write("\n".join(lines))

    # Spread

    def spread(self, options):
        """Readers over 2,000 pages, quiet and working: on the app's page cache with
        its parts cache (and Varnish in front of that server), then on the page
        cache alone (what the parts cache adds when pages miss after a publish)."""
        paths = spread.spread_paths()
        duration = max(options["duration"], 60)  # a publish happens in every run
        results, floor = {}, {}
        varnish_port = spread.varnish_port()
        servers = [
            ("app page cache (Redis)", "1", bool(varnish_port)),
            ("app page cache, no parts", "0", False),
        ]
        with tempfile.TemporaryDirectory() as tmp:
            for name, parts, with_varnish in servers:
                env = {
                    "PUBLIC_PAGE_CACHE": "1",
                    "FRAGMENT_CACHE": parts,
                    "CACHE_URL": options["redis"],
                }
                if with_varnish:
                    env["CACHE_PURGE_SERVERS"] = f"http://127.0.0.1:{varnish_port}"
                found, server_floor = self.spread_server(
                    tmp, name, env, varnish_port if with_varnish else None,
                    paths, duration, options,
                )  # fmt: skip
                results.update(found)
                floor = floor or server_floor
        self.write_spread(options, results, floor, FLOOR_URL, bool(varnish_port))

    def spread_server(self, tmp, name, env, varnish_port, paths, duration, options):
        """One gunicorn (and Varnish in front of it when ``varnish_port``): each
        target warmed, then quiet and working; {(target, state): row}, floor."""
        results = {}
        redis.Redis.from_url(options["redis"]).flushdb()
        server = start_gunicorn(PORT, ["--workers", "2", "--worker-class", "sync"], env)
        front = None
        targets = {name: (f"http://127.0.0.1:{PORT}", "X-Cache")}
        writer_env = {**os.environ, **env, "DEBUG": "0", "HTTPS": "0",
                      "DJANGO_SETTINGS_MODULE": "tests.bench.settings"}  # fmt: skip
        try:
            if varnish_port:
                front = spread.varnish_in_front(tmp, PORT, varnish_port)
                targets["Varnish in front"] = (front.url, "X-Varnish-Cache")
            floor = self.wrk(FLOOR_URL, 10, options)
            for target, (base, header) in targets.items():
                spread.wrk(base + "/", paths, header, 20, options["connections"])
                for state in ("quiet", "working"):
                    worker = (
                        spread.writer(writer_env, duration)
                        if state == "working"
                        else None
                    )
                    output = spread.wrk(base + "/", paths, header, duration,
                                        options["connections"])  # fmt: skip
                    if worker:
                        worker.wait(timeout=120)
                    row = self.parse(output)
                    row["hits"] = spread.hits(output)
                    results[(target, state)] = row
                    self.stdout.write(f"  {target} {state}: {row}")
            if front:
                # Hits alone: the front page again and again, from Varnish.
                output = spread.wrk(front.url + "/", ["/"], "X-Varnish-Cache",
                                    10, options["connections"])  # fmt: skip
                results[("Varnish hits only", "quiet")] = {
                    **self.parse(output),
                    "hits": spread.hits(output),
                }
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
            if front:
                front.stop()
        return results, floor

    def write_spread(self, options, results, floor, floor_url, varnish):
        lines = [
            "# Spread benchmark: readers over 2,000 pages while the newsroom works",
            "",
            f"Written by `make bench SPREAD=1 ARTICLES={options['articles']}` on "
            f"{timezone.localtime():%Y-%m-%d %H:%M} (Asia/Shanghai).",
            "",
            f"- Machine: {os.cpu_count()} cores, {self.memory()} GiB, Python "
            f"{platform.python_version()}, {self.postgres()}; "
            f"{options['articles']:,} published articles",
            "- Server: gunicorn, 2 sync workers, page cache and parts in Redis (the "
            '"no parts" rows: page cache only, `FRAGMENT_CACHE=0`); '
            + (
                "Varnish 7 (docs/varnish.vcl) in front for its rows; "
                if varnish
                else ""
            )
            + f"wrk 2 threads, {options['connections']} connections, "
            f"{max(options['duration'], 60)} s per row",
            "- Requests: 2,000 paths, half the front page, /archive/, the 50 newest "
            "articles and 20 leaders' and departments' pages; half older articles, "
            "archive days, other leaders, departments, tags and deep list pages "
            "(tests/bench/spread.py).",
            "- **working**: `bench_writer` saves a draft every 10 s and publishes an "
            "article (with a leader) every 60 s through the workflow, in its own process.",
            f"- Floor (a constant 20 KB page through gunicorn and the middleware, "
            f"`{floor_url}`): {floor['rps']:.0f} req/s.",
            "",
            "| target | state | req/s | × floor | p50 ms | p99 ms | hit rate |",
            "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
        ]
        for (target, state), row in results.items():
            lines.append(
                f"| {target} | {state} | {row['rps']:.0f} | "
                f"{row['rps'] / floor['rps']:.2f} | {row['p50']:.1f} | "
                f"{row['p99']:.1f} | {row['hits']:.1%} |"
            )
        for target in dict.fromkeys(t for t, _ in results):
            quiet = results.get((target, "quiet"))
            working = results.get((target, "working"))
            if quiet and working:
                lines.append("")
                lines.append(
                    f"- {target}: working / quiet = {working['rps'] / quiet['rps']:.2f}"
                )
        lines.append("")
        Path(options["output"]).write_text("\n".join(lines), encoding="utf-8")
        self.stdout.write(self.style.SUCCESS(f"已写入 {options['output']}"))
        self.stdout.write("\n".join(lines))

    # Data

    def urls(self):
        live = Article.objects.published().order_by("-published_at", "-pk")
        deep = live[(DEEP_PAGE - 1) * PAGE_SIZE - 1]
        article = live[PAGE_SIZE * 3]
        edition = article.edition_date.isoformat()
        official = Official.objects.filter(slug__startswith="bench-").order_by("pk")[3]
        department = Department.objects.filter(slug__startswith="bench-").order_by(
            "pk"
        )[5]
        found = {
            FLOOR: "/bench/floor/",
            "home": "/",
            "article": article.get_absolute_url(),
            "archive page 1": "/archive/",
            f"archive page {DEEP_PAGE}": f"/archive/?after={pagination.encode(deep)}",
            "leader": official.get_absolute_url(),
            "department": department.get_absolute_url(),
            "tag": "/tags/bench-1/",
            "search": "/search/?q=招商引资+安全生产",
            "feed": "/feeds/latest/",
        }
        if Edition.objects.published().filter(date=edition).exists():
            # bench_data makes no page PDFs: the e-paper is measured where it has one.
            found["e-paper"] = f"/epaper/{edition}/"
        return found

    def count_queries(self, urls):
        """(cold, warm) SQL queries of each page: with nothing cached, and on a
        second request with the parts of pages cached."""
        client = Client()
        counts = {}
        for name, url in urls.items():
            if url.startswith("/bench/"):
                counts[name] = (0, 0)
                continue
            counts[name] = tuple(
                self.queries_of(client, url, fragments) for fragments in (False, True)
            )
        return counts

    @staticmethod
    def queries_of(client, url, fragments):
        with override_settings(
            PUBLIC_PAGE_CACHE=False,
            FRAGMENT_CACHE=fragments,
            ALLOWED_HOSTS=["*"],
        ):
            client.get(url)
            with CaptureQueriesContext(connection) as captured:
                response = client.get(url)
        if response.status_code != 200:
            raise CommandError(f"{url} 返回 {response.status_code}")
        return len(captured)

    # Load

    def load(self, urls, extra_env, options):
        if "CACHE_URL" in extra_env:
            redis.Redis.from_url(extra_env["CACHE_URL"]).flushdb()
        server = start_gunicorn(
            PORT,
            ["--workers", "2", "--worker-class", "sync"],
            extra_env,
        )
        try:
            results = {}
            for name, url in urls.items():
                results[name] = self.wrk(url, options["duration"], options)
                if FLOOR in urls and name != FLOOR:
                    # This machine's speed drifts over minutes: each page is
                    # compared with the floor measured right before it.
                    floor = self.wrk(
                        urls[FLOOR], max(1, options["duration"] // 2), options
                    )
                    results[name]["floor"] = floor["rps"]
                self.stdout.write(f"  {extra_env} {name}: {results[name]}")
            results["_memory"] = self.worker_memory(server.pid)
            return results
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)

    def wrk(self, url, duration, options, port=PORT):
        full = f"http://127.0.0.1:{port}{quote(url, safe='/?=&+-_.%')}"
        subprocess.run(["wrk", "-t1", "-c2", "-d2s", full], capture_output=True)
        output = subprocess.run(
            ["wrk", f"-t{min(2, options['connections'])}", f"-c{options['connections']}",
             f"-d{duration}s", "--latency", full],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
        return self.parse(output)

    @staticmethod
    def parse(output):
        def latency(label):
            match = re.search(rf"{label}%\s+([\d.]+)(us|ms|s)", output)
            value, unit = float(match.group(1)), match.group(2)
            return (
                value / 1000 if unit == "us" else value * 1000 if unit == "s" else value
            )

        errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
        return {
            "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
            "p50": latency("50"),
            "p99": latency("99"),
            "errors": int(errors.group(1)) if errors else 0,
        }

    @staticmethod
    def worker_memory(master):
        peaks = []
        for status in Path("/proc").glob("[0-9]*/status"):
            try:
                text = status.read_text()
            except OSError:
                continue
            if re.search(rf"^PPid:\s+{master}$", text, re.M):
                peak = re.search(r"^VmHWM:\s+(\d+) kB", text, re.M)
                if peak:
                    peaks.append(int(peak.group(1)) / 1024)
        return max(peaks) if peaks else 0.0

    # Report

    def write(self, options, urls, queries, rows, search_alone):
        floor = {mode: rows[mode][FLOOR]["rps"] for mode in rows}
        base = Path(settings.BASE_DIR).resolve()
        path = Path(options["output"]).resolve()
        shown = path.relative_to(base) if path.is_relative_to(base) else path
        output = "" if shown == Path("docs/benchmarks.md") else f" BENCH_OUTPUT={shown}"
        lines = [
            "# Benchmarks",
            "",
            f"Written by `make bench ARTICLES={options['articles']}{output}` "
            f"(`python manage.py bench --articles {options['articles']}`) on "
            f"{timezone.localtime():%Y-%m-%d %H:%M} (Asia/Shanghai).",
            "",
            f"- Machine: {os.cpu_count()} cores, {self.memory()} GiB, {platform.platform()}, "
            f"Python {platform.python_version()}, {self.postgres()}",
            f"- Data: {options['articles']:,} published articles (bench_data), PostgreSQL",
            f"- Server: gunicorn, 2 sync workers, DEBUG off, CONN_MAX_AGE=600; load: wrk, "
            f"2 threads, {options['connections']} connections, {options['duration']} s per page",
            "- Ratio: req/s divided by the req/s of the floor (a constant 20 KB page "
            "through the full middleware stack) measured right before that page in the "
            "same run; the floor row shows its first measurement.",
            "",
            "- Modes: **cold** — nothing cached, every request does all its work (the "
            "first request after a publish); **uncached** — page cache off, parts of pages "
            "(list items, article bodies, side columns, profiles) kept per content version "
            "in each worker's memory; **cached** — the anonymous page cache on, in Redis. "
            "SQL queries: cold / uncached.",
            "",
            "| page | SQL queries | cold req/s | ratio | p99 ms "
            "| uncached req/s | ratio | p50 ms | p99 ms "
            "| cached req/s | ratio | p50 ms | p99 ms |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: "
            "| ---: | ---: | ---: | ---: |",
        ]

        def ratio(row, mode):
            return row["rps"] / row.get("floor", floor[mode])

        for name in urls:
            cold, u, c = (rows[mode][name] for mode in MODES)
            lines.append(
                f"| {name} | {queries[name][0]} / {queries[name][1]} "
                f"| {cold['rps']:.0f} | {ratio(cold, 'cold'):.2f} | {cold['p99']:.1f} "
                f"| {u['rps']:.0f} | {ratio(u, 'uncached'):.2f} "
                f"| {u['p50']:.1f} | {u['p99']:.1f} | {c['rps']:.0f} | {ratio(c, 'cached'):.2f} "
                f"| {c['p50']:.1f} | {c['p99']:.1f} |"
            )  # fmt: skip
        alone = search_alone["search (1 client)"]
        lines += [
            "",
            f"- Search `招商引资 安全生产`, one client at a time (no queueing): "
            f"p50 {alone['p50']:.1f} ms, p99 {alone['p99']:.1f} ms, {alone['rps']:.0f} req/s.",
            "- Worker peak memory (VmHWM): "
            + ", ".join(f"{mode} {rows[mode]['_memory']:.0f} MB" for mode in MODES)
            + ".",
            f"- Errors (non-2xx): {sum(r['errors'] for m in rows.values() for k, r in m.items() if k != '_memory')}.",
            "",
            "URLs: " + ", ".join(f"{name} `{url}`" for name, url in urls.items()),
            "",
            "Other data volumes: `docs/benchmarks*.md` (100,000 articles in "
            "benchmarks.md, 20,000 in benchmarks-20k.md).",
            "",
        ]
        Path(options["output"]).write_text("\n".join(lines), encoding="utf-8")
        self.stdout.write(self.style.SUCCESS(f"已写入 {options['output']}"))
        self.stdout.write("\n".join(lines))

    @staticmethod
    def memory():
        text = Path("/proc/meminfo").read_text()
        return round(int(re.search(r"MemTotal:\s+(\d+)", text).group(1)) / 1024 / 1024)

    @staticmethod
    def postgres():
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            return f"PostgreSQL {cursor.fetchone()[0].split()[0]}"
