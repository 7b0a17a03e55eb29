"""``manage.py restore``: an archive back into the database (newsroom.backup).

The archive is checked fully first; then, before anything is overwritten, the
operator confirms (or gives --noinput). Without a terminal and without --noinput
the command refuses rather than wait for an answer nobody can give.
"""

import sys

from django.core.management.base import BaseCommand, CommandError

from newsroom.backup import BackupError, Progress, open_restore
from newsroom.backup.jsonformat import database_name


class Command(BaseCommand):
    help = (
        "从 backup 生成的文件恢复全部数据和媒体文件（JSON 格式先 migrate 好数据库；"
        "pg 格式整库替换，需与备份时相同的 SECRET_KEY）。"
    )
    stealth_options = ("stdin",)

    def add_arguments(self, parser):
        parser.add_argument("path", help="备份文件路径")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="JSON 格式：清空数据库中现有的数据，再恢复备份（pg 格式总是整库替换）",
        )
        parser.add_argument(
            "--with-accounts",
            action="store_true",
            help=(
                "JSON 格式：一并恢复备份中的账号、角色和两步验证"
                "（默认拒绝含这类记录的备份）"
            ),
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="只检查备份文件并报告将恢复的内容，不作任何改动",
        )
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="不询问确认，直接覆盖",
        )

    def handle(self, *args, path, **options):
        progress = Progress(self.stdout, options["verbosity"])
        try:
            plan = open_restore(
                path,
                replace=options["replace"],
                with_accounts=options["with_accounts"],
            )
        except BackupError as error:
            raise CommandError(str(error)) from error
        try:
            for line in plan.describe():
                progress.line(line)
            if options["dry_run"]:
                progress.line(
                    f"备份文件检查通过（{progress.elapsed()}）。试运行：未作任何改动。"
                )
                return
            if plan.overwrites and options["interactive"]:
                self.confirm(options.get("stdin", sys.stdin))
            rows, files = plan.apply(progress)
        except BackupError as error:
            raise CommandError(str(error)) from error
        finally:
            plan.close()
        progress.line(
            f"已恢复 {rows:,} 条记录、{files:,} 个媒体文件"
            f"（用时 {progress.elapsed()}）。"
        )

    def confirm(self, stdin):
        warning = f"这会覆盖数据库 {database_name()} 中的全部数据。"
        if not (hasattr(stdin, "isatty") and stdin.isatty()):
            raise CommandError(
                f"{warning}没有终端可以确认：确认要覆盖时，请加 --noinput。"
                "未作任何改动。"
            )
        self.stdout.write(f"{warning}输入 yes 继续：", ending="")
        self.stdout.flush()
        if stdin.readline().strip().lower() != "yes":
            raise CommandError("已取消，未作任何改动。")
