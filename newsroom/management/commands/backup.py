"""``manage.py backup``: the whole newsroom into one archive (newsroom.backup)."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from newsroom.backup import backup


class Command(BaseCommand):
    help = "备份全部数据和媒体文件到一个 .tar.gz 文件（用 restore 恢复）。"

    def add_arguments(self, parser):
        parser.add_argument(
            "path",
            nargs="?",
            help="备份文件路径；默认 newsroom-备份时间.tar.gz",
        )

    def handle(self, *args, path=None, **options):
        path = path or f"newsroom-{timezone.localtime():%Y%m%d-%H%M%S}.tar.gz"
        objects, files = backup(path)
        self.stdout.write(f"已备份 {objects} 条记录、{files} 个媒体文件到 {path}")
