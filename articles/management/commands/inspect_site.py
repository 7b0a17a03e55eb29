"""迎检自查：按《政府网站与政务新媒体检查指标》检查本站——栏目更新、已发布稿件的
审校、链接、网站标识与安全——打印报告（中文），发现不合格项时以非零状态退出，
便于定时任务（cron）报警。报告同时保存，可在后台“迎检自查”页面查看、打印和导出。

    manage.py inspect_site                      # 全部检查
    manage.py inspect_site --no-external-links  # 不访问外部网站
    manage.py inspect_site --xlsx report.xlsx   # 另存 Excel
"""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils import timezone

from articles import inspection
from articles.inspection.excel import workbook
from articles.inspection.report import FAIL, PASS, SECTIONS, checks_of

MARKS = {PASS: "✓ 合格", FAIL: "✗ 不合格", "warn": "! 提示"}


class Command(BaseCommand):
    help = (
        "迎检自查：检查栏目更新、稿件审校、链接和网站标识，有不合格项时退出状态为 1。"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-external-links",
            action="store_true",
            help="不检查外部链接（不访问其他网站），只用已保存的结果之外的检查。",
        )
        parser.add_argument("--xlsx", help="把报告另存为 Excel 文件。")
        parser.add_argument(
            "--rows",
            type=int,
            default=20,
            help="每个检查项最多列出的明细条数（默认 20；-v 2 全部列出）。",
        )

    def handle(self, *args, **options):
        verbosity = options["verbosity"]

        def progress(label, seconds):
            if verbosity >= 2:
                self.stderr.write(f"  {label}：{seconds} 秒")

        report = inspection.run(
            external_links=not options["no_external_links"], progress=progress
        )
        if verbosity:
            self.print_report(report, None if verbosity >= 2 else options["rows"])
        if options["xlsx"]:
            Path(options["xlsx"]).write_bytes(workbook(report))
            if verbosity:
                self.stdout.write(f"Excel 报告已保存：{options['xlsx']}")
        if report.failures:
            sys.exit(1)

    def print_report(self, report, limit):
        when = timezone.localtime(report.created_at)
        self.stdout.write(f"迎检自查报告　{when:%Y-%m-%d %H:%M}（北京时间）")
        section = None
        for check in checks_of(report):
            if check.section != section:
                section = check.section
                number = SECTIONS.index(section) + 1
                self.stdout.write(f"\n{number}. {section}")
            line = f"  {MARKS[check.status]}  {check.name}：{check.rule}"
            self.stdout.write(line)
            if check.detail:
                self.stdout.write(f"      {check.detail}")
            rows = check.rows if limit is None else check.rows[:limit]
            for row in rows:
                self.stdout.write("      - " + "　".join(str(v) for v in row if v))
            if len(rows) < len(check.rows):
                self.stdout.write(f"      …… 另有 {len(check.rows) - len(rows)} 条")
        verdict = "不合格" if report.failures else "合格"
        self.stdout.write(
            f"\n结论：{verdict}。不合格 {report.failures} 项，"
            f"提示 {report.warnings} 项，用时 {report.seconds} 秒。"
        )
