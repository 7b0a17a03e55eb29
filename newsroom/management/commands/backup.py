"""``manage.py backup``: the whole newsroom into one archive (newsroom.backup)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from newsroom.backup import FORMATS, BackupError, Progress, backup, default_format
from newsroom.backup.archive import megabytes


class Command(BaseCommand):
    help = (
        "备份全部数据和媒体文件到一个 .tar.gz 文件（用 restore 恢复）。"
        "PostgreSQL 上默认用 pg_dump（pg 格式）；--format json 可在 SQLite 和 "
        "PostgreSQL 之间搬迁。"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "path",
            nargs="?",
            help="备份文件路径；默认 newsroom-备份时间.tar.gz",
        )
        parser.add_argument(
            "--format",
            choices=sorted(FORMATS),
            help=(
                "pg：pg_dump 整库（仅 PostgreSQL，其上默认）；"
                "json：可移植格式（SQLite 上默认）"
            ),
        )

    def handle(self, *args, path=None, format=None, **options):
        path = path or f"newsroom-{timezone.localtime():%Y%m%d-%H%M%S}.tar.gz"
        format = format or default_format()
        progress = Progress(self.stdout, options["verbosity"])
        try:
            rows, files, size = backup(path, format=format, progress=progress)
        except BackupError as error:
            raise CommandError(str(error)) from error
        progress.line(
            f"已备份 {rows:,} 条记录、{files:,} 个媒体文件（{megabytes(size)}）到 "
            f"{path}（{format} 格式，用时 {progress.elapsed()}）"
        )
