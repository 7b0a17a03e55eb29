"""Import a page of the printed paper as draft articles.

    python manage.py import_edition page.txt --date 2023-11-24 --page 1 --page-name 要闻
    python manage.py import_edition pages/*.docx --date 2023-11-24


The page is plain text (UTF-8 or GBK/GB18030) or a Word document (.docx). Articles
are created as drafts (never published), with bylines, captions, print placement
and the officials and departments the text mentions; text the importer cannot
place becomes a draft flagged 需人工处理. Importing the same page again skips the
articles it already created. --dry-run prints what would be created, with the
editorial checks' findings, without saving anything.

Several files are several pages of one edition, imported one after another, each
in its own transaction; each page's number (and name) comes from its file name, as
layout systems export them: ``01要闻.txt``, ``第2版.docx``, ``A03-经济.txt``. A file
that cannot be imported is reported and the others go on; the command then ends
with an error naming how many failed.
"""

import datetime
import re
import time
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from articles.editorial.importer import EditionError, import_edition, read

# A page's number in its file name: the last number of one to three digits (a date
# before it has longer or more numbers); its name, the CJK text after it or around.
PAGE_NUMBER = re.compile(r"(?<!\d)\d{1,3}(?!\d)")
PAGE_NAME = re.compile(r"[\u4e00-\u9fff]+")


def page_from_name(path):
    """``01要闻.txt`` → (1, "要闻"); ``20231124-第3版.docx`` → (3, ""); a name
    without such a number → (None, "")."""
    numbers = list(PAGE_NUMBER.finditer(path.stem))
    if not numbers or not 1 <= int(numbers[-1][0]) <= 999:
        return None, ""
    last = numbers[-1]
    after = PAGE_NAME.findall(path.stem[last.end() :].removeprefix("版"))
    before = PAGE_NAME.findall(path.stem[: last.start()].removesuffix("第"))
    name = "".join(after) or "".join(before).removeprefix("第")
    return int(last[0]), name.removesuffix("版")[:50]


class Command(BaseCommand):
    help = "把一个版面的纯文本导入为草稿稿件。"

    def add_arguments(self, parser):
        parser.add_argument(
            "paths",
            nargs="+",
            metavar="path",
            help="纯文本（UTF-8、GBK）或 Word 文档（.docx）；多个文件即多个版面",
        )
        parser.add_argument("--date", required=True, help="见报日期 YYYY-MM-DD")
        parser.add_argument(
            "--page", type=int, default=None, help="版次（只导入一个文件时）"
        )
        parser.add_argument("--page-name", default="", help="版名，如 要闻")
        parser.add_argument("--user", default=None, help="记为创建人的用户名")
        parser.add_argument("--dry-run", action="store_true", help="只显示将创建什么")

    def handle(self, *args, paths, **options):
        try:
            edition_date = datetime.date.fromisoformat(options["date"])
        except ValueError as exc:
            raise CommandError(f"日期格式应为 YYYY-MM-DD：{options['date']}") from exc
        if options["page"] is not None and not 1 <= options["page"] <= 999:
            raise CommandError(f"版次应为 1–999：{options['page']}")
        if options["page"] is not None and len(paths) > 1:
            raise CommandError(
                "--page 只能用于一个文件；多个版面请分别指定或去掉 --page。"
            )
        if len(options["page_name"]) > 50:
            raise CommandError("版名最多 50 个字。")
        missing = [path for path in paths if not Path(path).is_file()]
        if missing:
            raise CommandError(f"找不到文件：{'、'.join(missing)}")
        actor = None
        if options["user"]:
            actor = get_user_model().objects.filter(username=options["user"]).first()
            if actor is None:
                raise CommandError(f"没有用户 {options['user']}")
        if len(paths) == 1:
            self.import_page(Path(paths[0]), edition_date, actor, options)
            return
        failed = []
        started = time.monotonic()
        for number, path in enumerate(paths, 1):
            self.stdout.write(
                self.style.MIGRATE_HEADING(f"[{number}/{len(paths)}] {path}")
            )
            page, page_name = page_from_name(Path(path))
            if page is None:
                self.stdout.write(
                    self.style.WARNING(
                        "文件名里没有版次，稿件不记版次（可在后台补上）。"
                    )
                )
            page_options = {**options, "page": page}
            page_options["page_name"] = page_name or options["page_name"]
            try:
                self.import_page(Path(path), edition_date, actor, page_options)
            except CommandError as error:
                self.stderr.write(str(error))
                failed.append(path)
        elapsed = time.monotonic() - started
        self.stdout.write(f"{len(paths)} 个文件用时 {elapsed:.1f} 秒。")
        if failed:
            raise CommandError(
                f"{len(failed)} 个文件没有导入：{'、'.join(failed)}；其余已处理。"
            )

    def import_page(self, path, edition_date, actor, options):
        data = path.read_bytes()
        if not data.strip():
            raise CommandError(f"{path}：文件是空的，没有可导入的内容。")
        try:
            result = import_edition(
                read(data, path.name),
                edition_date=edition_date,
                page_number=options["page"],
                page_name=options["page_name"],
                actor=actor,
                dry_run=options["dry_run"],
            )
        except EditionError as exc:
            raise CommandError(f"{path}：{exc}") from exc
        verb = "将创建" if options["dry_run"] else "已创建"
        for row in result.rows:
            if row.skipped:
                self.stdout.write(
                    f"已存在，跳过：{row.item.title}（稿件 {row.article.pk}）"
                )
                continue
            self.stdout.write(f"{verb}草稿：{row.item.title}")
            if options["verbosity"] >= 1:
                self.describe(row)
        for block in result.page.unplaced:
            self.stdout.write(
                self.style.WARNING(
                    f"需人工处理（第 {block.line}–{block.end_line} 行）：{block.reason}"
                )
            )
        for reporter in result.new_reporters:
            self.stdout.write(
                f"新建作者：{reporter.name}（{reporter.get_kind_display()}）"
            )
        if options["verbosity"] >= 2:
            for line, _, text in result.page.furniture:
                self.stdout.write(f"版面信息（第 {line} 行，不导入）：{text}")
        created = len(result.rows) - len(result.skipped)
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb} {created} 篇，需人工处理 {len(result.page.unplaced)} 段，"
                f"跳过 {len(result.skipped)} 篇。"
            )
        )

    def describe(self, row):
        item = row.item
        if item.kicker:
            self.stdout.write(f"    引题：{item.kicker}")
        if item.subtitle:
            self.stdout.write(f"    副题：{item.subtitle}")
        bylines = " ".join(f"{c.printed_role()} {c.name}" for c in item.credits)
        officials = "、".join(o.name for o in row.officials)
        departments = "、".join(d.name for d in row.departments)
        first = item.paragraphs[0][:40] if item.paragraphs else ""
        self.stdout.write(f"    电头：{item.source or '—'}　署名：{bylines or '—'}")
        self.stdout.write(f"    正文：{first}…（{len(item.paragraphs)} 段）")
        if item.captions:
            self.stdout.write(f"    图片说明：{item.image_caption}")
        self.stdout.write(f"    领导：{officials or '—'}　部门：{departments or '—'}")
        for finding in row.findings:
            label = "必须修改" if finding.severity == "block" else "提示"
            self.stdout.write(self.style.WARNING(f"    审校{label}：{finding.message}"))
        for note in item.notes:
            self.stdout.write(self.style.WARNING(f"    导入提示：{note}"))
