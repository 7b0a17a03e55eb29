"""A bounded load test: readers and editors at once, on gunicorn + PostgreSQL.

    make loadtest                    # 50 users for 2 minutes, 20,000 articles

Serves the site with gunicorn (threaded workers, DEBUG off), creates one editor
account and one draft article per editor, and runs locust headless with
tests/load/locustfile.py: readers browse by date, official and department and
search, while editors log in, edit their article again and again and publish it.
Afterwards it checks that nothing was lost — every save locust saw confirmed is
the article's title in the database, every editor's article is published and
public — and writes the per-page figures to docs/loadtest.md.
"""

import csv
import json
import os
import platform
import secrets
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client

from articles.models import Article
from newsroom import roles

from .bench import prepare_dataset, start_gunicorn

PORT = 8766


class Command(BaseCommand):
    requires_system_checks = []  # a tool run beside the site, not the site
    help = "并发压测（locust）：读者浏览与编辑改稿、签发同时进行，结果写入 docs。"

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=20_000)
        parser.add_argument("--users", type=int, default=50)
        parser.add_argument("--duration", default="2m")
        parser.add_argument("--editors", type=int, default=5)
        parser.add_argument(
            "--output", default=str(Path(settings.BASE_DIR) / "docs" / "loadtest.md")
        )

    def handle(self, *args, **options):
        if connection.vendor != "postgresql":
            raise CommandError("压测需要 PostgreSQL：请设置 DATABASE_URL。")
        prepare_dataset(options["articles"], self.stdout)
        password = secrets.token_urlsafe(16)
        editors = self.editors(options["editors"], password)
        with tempfile.TemporaryDirectory() as directory:
            log = Path(directory) / "saves.jsonl"
            log.touch()
            prefix = Path(directory) / "locust"
            server = self.serve()
            try:
                self.run_locust(options, editors, password, log, prefix)
            finally:
                server.send_signal(signal.SIGTERM)
                server.wait(timeout=30)
            rows = self.read_stats(prefix)
            self.errors = self.read_failures(prefix)
            lost = self.check_nothing_lost(log, editors)
        self.write(options, rows, lost, self.confirmed)
        failures = sum(row["failures"] for row in rows if row["name"] != "Aggregated")
        if failures or lost:
            raise CommandError(
                f"压测失败：{failures} 个请求出错，{len(lost)} 处修改丢失。"
            )

    def editors(self, count, password):
        user_model = get_user_model()
        group = Group.objects.get(name=roles.EDITOR)
        found = []
        # A previous run's articles go; each run starts from fresh drafts.
        Article.objects.filter(author__username__startswith="load-editor-").delete()
        for n in range(count):
            user, _ = user_model.objects.update_or_create(
                username=f"load-editor-{n}",
                defaults={"is_staff": True, "is_active": True},
            )
            user.set_password(password)
            user.save()
            user.groups.set([group])
            article = Article.objects.create(
                title=f"压测稿件（{user.username}）",
                body="<p>压测用稿件正文。</p>",
                author=user,
                updated_by=user,
            )
            found.append((user.username, article.pk))
        return found

    @staticmethod
    def serve():
        # Threaded workers, with idle connections kept open longer than a simulated
        # user waits between requests: gunicorn's default of 2 s would close them
        # just as the next request is sent, and the client would see a reset.
        return start_gunicorn(
            PORT,
            ["--workers", "4", "--threads", "4", "--worker-class", "gthread",
             "--keep-alive", "30"],
            # The simulated editors sign in with a password only.
            {"PUBLIC_PAGE_CACHE": "0", "FRAGMENT_CACHE": "1",
             "TWO_FACTOR_REQUIRED": "0"},
        )  # fmt: skip

    def run_locust(self, options, editors, password, log, prefix):
        locust = Path(sys.executable).with_name("locust")
        if not locust.exists():
            raise CommandError("需要 locust：用 make loadtest 运行")
        env = {
            **os.environ,
            "LOAD_EDITORS": ",".join(f"{u}:{a}" for u, a in editors),
            "LOAD_PASSWORD": password,
            "LOAD_LOG": str(log),
            "PYTHONPATH": str(settings.BASE_DIR),
        }
        self.stdout.write(f"locust：{options['users']} 个用户，{options['duration']} …")
        started = time.monotonic()
        subprocess.run(
            [str(locust), "-f", "tests/load/locustfile.py", "--headless",
             "-u", str(options["users"]), "-r", "10", "-t", options["duration"],
             "--host", f"http://127.0.0.1:{PORT}", "--csv", str(prefix),
             "--only-summary", "--loglevel", "WARNING"],
            env=env, cwd=settings.BASE_DIR, check=False,
        )  # fmt: skip
        self.elapsed = time.monotonic() - started

    @staticmethod
    def read_stats(prefix):
        rows = []
        with open(f"{prefix}_stats.csv", encoding="utf-8") as stats:
            for row in csv.DictReader(stats):
                rows.append(
                    {
                        "name": row["Name"],
                        "method": row["Type"],
                        "requests": int(row["Request Count"]),
                        "failures": int(row["Failure Count"]),
                        "median": row["50%"],
                        "p95": row["95%"],
                        "p99": row["99%"],
                        "rps": float(row["Requests/s"]),
                    }
                )
        return rows

    @staticmethod
    def read_failures(prefix):
        with open(f"{prefix}_failures.csv", encoding="utf-8") as failures:
            return [
                f"{row['Method']} {row['Name']}：{row['Error']}"
                f"（{row['Occurrences']} 次）"
                for row in csv.DictReader(failures)
            ]

    def check_nothing_lost(self, log, editors):
        """Every confirmed save is what the database holds; every article is public."""
        attempts, confirmed, published = {}, {}, set()
        for line in log.open(encoding="utf-8"):
            entry = json.loads(line)
            pk = entry["article"]
            if entry.get("published"):
                published.add(pk)
            elif "attempt" in entry:
                attempts.setdefault(pk, []).append(entry["attempt"])
            else:
                confirmed[pk] = entry["title"]
        lost = []
        client = Client()
        for username, pk in editors:
            article = Article.objects.get(pk=pk)
            if pk in confirmed:
                # The last confirmed save, or one sent after it whose answer the
                # end of the run cut off.
                tried = attempts[pk]
                allowed = tried[tried.index(confirmed[pk]) :]
                if article.title not in allowed:
                    lost.append(
                        f"{pk}：库中是“{article.title}”，最后确认的是“{confirmed[pk]}”"
                    )
            if pk not in published:
                continue
            if article.status != Article.Status.PUBLISHED:
                lost.append(
                    f"{pk}（{username}）签发未生效：{article.get_status_display()}"
                )
            elif client.get(article.get_absolute_url()).status_code != 200:
                lost.append(f"{pk} 已签发却打不开")
        self.published = len(published)
        self.confirmed = sum(1 for line in log.open() if '"title"' in line)
        for problem in lost:
            self.stderr.write(problem)
        return lost

    def write(self, options, rows, lost, saves):
        lines = [
            "# 并发压测（locust）",
            "",
            f"命令：`make loadtest`（{options['users']} 个并发用户，"
            f"{options['duration']}，{options['articles']:,} 篇稿件，PostgreSQL，"
            "gunicorn 4 进程 × 4 线程，页面缓存关闭，locust 与服务在同一台机器）。",
            f"机器：{platform.machine()}，{os.cpu_count()} 核；"
            f"用时 {self.elapsed:.0f} 秒。",
            "",
            "读者（九成用户）浏览首页、稿件、按日期、领导、部门和检索；"
            f"编辑（{options['editors']} 人）登录后反复修改自己的稿件，"
            "第三次修改后送审并签发。",
            "",
            "| 页面 | 方法 | 请求数 | 出错 | 中位数 ms | p95 ms | p99 ms | 请求/秒 |",
            "|---|---|---:|---:|---:|---:|---:|---:|",
        ]
        for row in rows:
            lines.append(
                f"| {row['name']} | {row['method']} | {row['requests']} | "
                f"{row['failures']} | {row['median']} | {row['p95']} | {row['p99']} | "
                f"{row['rps']:.1f} |"
            )
        lines += [
            "",
            f"确认成功的保存 {saves} 次，签发 {self.published} 篇；"
            f"丢失的修改或未生效的签发：{len(lost)}。",
            "",
        ]
        if self.errors:
            lines += ["出错的请求：", ""] + [f"- {e}" for e in self.errors] + [""]
        Path(options["output"]).write_text("\n".join(lines), encoding="utf-8")
        self.stdout.write("\n".join(lines))
