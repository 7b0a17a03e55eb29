"""Make a day's e-paper edition from the layout system's PDFs.

    python manage.py import_pages 2023-12-06 第1版.pdf 第2版.pdf
    python manage.py import_pages 2023-12-06 edition.pdf --pages 8 --number 186
    python manage.py import_pages 2023-12-06 1.pdf 2.pdf --text 1.txt --text 2.txt

One PDF per page (numbered by the number in each file's name, else in the order
given) or one whole-edition PDF (split into its pages). Each page is rendered
once to a picture and a thumbnail, and the articles placed on it (见报日期 and
版次) get proposed regions from its text layer; ``--text`` imports the pages'
copy as drafts first, so they are placed and found. A bad file (encrypted,
broken, empty, too large, the wrong number of pages) stops the import before
anything is stored. ``--publish`` shows the edition to readers at once;
``--dry-run`` only checks the files.
"""

import datetime
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from articles.epaper import pages
from articles.epaper.pdf import PdfError


class Command(BaseCommand):
    help = "用排版系统导出的版面 PDF 生成一期数字报。"

    def add_arguments(self, parser):
        parser.add_argument("date", help="出版日期 YYYY-MM-DD")
        parser.add_argument("paths", nargs="+", metavar="path", help="版面 PDF")
        parser.add_argument("--text", action="append", default=[], help="版面文字")
        parser.add_argument("--pages", type=int, default=None, help="本期版数")
        parser.add_argument("--first", type=int, default=1, help="第一个 PDF 的版次")
        parser.add_argument("--number", type=int, default=None, help="期号")
        parser.add_argument("--total-number", type=int, default=None, help="总期号")
        parser.add_argument("--user", default=None, help="记为导入人的用户名")
        parser.add_argument("--publish", action="store_true", help="导入后即发布")
        parser.add_argument("--dry-run", action="store_true", help="只检查文件")

    def handle(self, *args, date, paths, **options):
        try:
            day = datetime.date.fromisoformat(date)
        except ValueError as exc:
            raise CommandError(f"日期格式应为 YYYY-MM-DD：{date}") from exc
        missing = [p for p in [*paths, *options["text"]] if not Path(p).is_file()]
        if missing:
            raise CommandError(f"找不到文件：{'、'.join(missing)}")
        actor = None
        if options["user"]:
            actor = get_user_model().objects.filter(username=options["user"]).first()
            if actor is None:
                raise CommandError(f"没有用户 {options['user']}")
        pdfs = [(Path(p).name, Path(p).read_bytes()) for p in paths]
        texts = [(Path(p).name, Path(p).read_bytes()) for p in options["text"]]
        try:
            if options["dry_run"]:
                numbered = pages.read_files(
                    pdfs, expected=options["pages"], first=options["first"]
                )
                self.stdout.write(f"检查通过：{len(numbered)} 个版面，未保存。")
                return
            imported, result = pages.import_day(
                day=day,
                pdfs=pdfs,
                texts=texts,
                actor=actor,
                expected=options["pages"],
                first=options["first"],
                number=options["number"],
                total_number=options["total_number"],
            )
        except PdfError as exc:
            raise CommandError(str(exc)) from exc
        edition = result.edition
        if options["publish"] and not edition.published:
            edition.published = True
            edition.save()
        for page in result.pages:
            if options["verbosity"] >= 1:
                regions = page.regions.count()
                self.stdout.write(f"{page}：{regions} 个热区")
        drafts = sum(len(r.drafts) for r in imported)
        if drafts:
            self.stdout.write(f"版面文字导入了 {drafts} 篇草稿。")
        for number in result.without_text:
            self.stdout.write(
                self.style.WARNING(
                    f"第{number}版的 PDF 没有文字层（可能是扫描件），"
                    "无法自动标出稿件区域，请在后台手工画出。"
                )
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"{edition}：{len(result.pages)} 个版面，自动标出 {result.proposed} "
                f"个热区，渲染和标注用时 {result.seconds:.2f} 秒"
                + ("，已发布。" if edition.published else "，尚未发布。")
            )
        )
