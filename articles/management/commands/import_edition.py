"""Import a plain-text page of the printed paper as draft articles.

    python manage.py import_edition page.txt --date 2023-11-24 --page 1 --page-name 要闻

Articles are created as drafts (never published), with bylines, print placement
and the officials and departments the text mentions. The import is all or nothing;
importing the same page again skips the articles it already created. --dry-run
prints what would be created without saving anything.
"""

import datetime
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from articles.importer import EditionError, decode, import_edition
from articles.linking import find_entities


class Command(BaseCommand):
    help = "把一个版面的纯文本导入为草稿稿件。"

    def add_arguments(self, parser):
        parser.add_argument("path", help="UTF-8 纯文本文件")
        parser.add_argument("--date", required=True, help="见报日期 YYYY-MM-DD")
        parser.add_argument("--page", type=int, default=None, help="版次")
        parser.add_argument("--page-name", default="", help="版名，如 要闻")
        parser.add_argument("--user", default=None, help="记为创建人的用户名")
        parser.add_argument("--dry-run", action="store_true", help="只显示将创建什么")

    def handle(self, *args, **options):
        try:
            edition_date = datetime.date.fromisoformat(options["date"])
        except ValueError as exc:
            raise CommandError(f"日期格式应为 YYYY-MM-DD：{options['date']}") from exc
        path = Path(options["path"])
        if not path.is_file():
            raise CommandError(f"找不到文件：{path}")
        actor = None
        if options["user"]:
            actor = get_user_model().objects.filter(username=options["user"]).first()
            if actor is None:
                raise CommandError(f"没有用户 {options['user']}")
        try:
            result = import_edition(
                decode(path.read_bytes()),
                edition_date=edition_date,
                page_number=options["page"],
                page_name=options["page_name"],
                actor=actor,
                dry_run=options["dry_run"],
            )
        except EditionError as exc:
            raise CommandError(f"{path}：{exc}") from exc
        verb = "将创建" if options["dry_run"] else "已创建"
        for item in result.created:
            self.stdout.write(f"{verb}草稿：{item.title}")
            if options["verbosity"] >= 1:
                self.describe(item)
        for item, existing in result.skipped:
            self.stdout.write(f"已存在，跳过：{item.title}（稿件 {existing.pk}）")
        for reporter in result.new_reporters:
            self.stdout.write(
                f"新建作者：{reporter.name}（{reporter.get_kind_display()}）"
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb} {len(result.created)} 篇，跳过 {len(result.skipped)} 篇。"
            )
        )

    def describe(self, item):
        if getattr(item, "pk", None):
            bylines = item.byline_text()
            officials = "、".join(o.name for o in item.officials.all())
            departments = "、".join(d.name for d in item.departments.all())
            first = item.display_summary(40)
            subtitle = item.subtitle
        else:
            bylines = " ".join(f"{role.label} {name}" for role, name in item.bylines)
            found = find_entities(" ".join([item.title, item.subtitle, item.body_text]))
            officials = "、".join(o.name for o in found[0])
            departments = "、".join(d.name for d in found[1])
            first = item.paragraphs[0][:40]
            subtitle = item.subtitle
        if subtitle:
            self.stdout.write(f"    副题：{subtitle}")
        self.stdout.write(f"    署名：{bylines or '—'}")
        self.stdout.write(f"    正文：{first}…")
        self.stdout.write(f"    领导：{officials or '—'}　部门：{departments or '—'}")
