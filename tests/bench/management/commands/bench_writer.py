"""A newsroom at work, for the spread benchmark: a reporter saves a draft every 10 s
and an editor publishes an article every 60 s, through the same model saves and
workflow steps the desk uses (so the same purges go out).

    python manage.py bench_writer --seconds 60
"""

import time

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand
from django.db import transaction

from articles import services
from articles.models import Article
from newsroom import audit, roles
from people.models import Official

BODY = "<p>区里召开专题会议，研究部署近期重点工作，要求各单位压实责任、抓好落实。</p>"


class Command(BaseCommand):
    requires_system_checks = []
    help = "基准测试用：每 10 秒保存一次草稿，每 60 秒签发一篇稿件。"

    def add_arguments(self, parser):
        parser.add_argument("--seconds", type=float, default=60)
        parser.add_argument("--draft-every", type=float, default=10)
        parser.add_argument("--publish-every", type=float, default=60)

    def handle(self, *args, **options):
        # Its workflow steps are audited as the desk's are, but into the audit file
        # (if any), not into the benchmark's output.
        with audit.off_the_console():
            self.work(options)

    def work(self, options):
        roles.sync_roles(Group, Permission)
        User = get_user_model()
        reporter, _ = User.objects.get_or_create(
            username="bench-reporter", defaults={"is_staff": True}
        )
        editor, _ = User.objects.get_or_create(
            username="bench-editor", defaults={"is_staff": True}
        )
        reporter.groups.add(Group.objects.get(name=roles.REPORTER))
        editor.groups.add(Group.objects.get(name=roles.EDITOR))
        draft, _ = Article.objects.get_or_create(
            slug="bench-writer-draft",
            defaults={"title": "基准测试草稿", "body": BODY, "author": reporter},
        )
        official = Official.objects.filter(slug__startswith="bench-").first()
        started = time.monotonic()
        next_draft, next_publish = started, started + options["publish_every"]
        saves = published = 0
        while time.monotonic() - started < options["seconds"]:
            now = time.monotonic()
            if now >= next_draft:
                draft.body = BODY * (1 + saves % 5)
                draft.save()
                saves += 1
                next_draft += options["draft_every"]
            if now >= next_publish:
                self.publish(reporter, editor, official, published)
                published += 1
                next_publish += options["publish_every"]
            time.sleep(0.05)
        self.stdout.write(f"草稿保存 {saves} 次，签发 {published} 篇。")

    @staticmethod
    @transaction.atomic
    def publish(reporter, editor, official, number):
        article = Article.objects.create(
            title=f"基准测试签发稿件{number}",
            slug=f"bench-writer-{time.time_ns()}",
            body=BODY,
            author=reporter,
            status=Article.Status.IN_REVIEW,
        )
        if official:
            article.officials.add(official)
        services.article_approve(article=article, actor=editor, acknowledge=True)
