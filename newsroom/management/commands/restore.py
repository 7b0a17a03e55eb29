"""``manage.py restore``: an archive back into the database (newsroom.backup)."""

from django.core.management.base import BaseCommand, CommandError

from newsroom.backup import BackupError, restore


class Command(BaseCommand):
    help = "从 backup 生成的文件恢复全部数据和媒体文件（先 migrate 好数据库）。"

    def add_arguments(self, parser):
        parser.add_argument("path", help="备份文件路径")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="清空数据库中现有的数据，再恢复备份",
        )
        parser.add_argument(
            "--with-accounts",
            action="store_true",
            help="一并恢复备份中的员工和超级用户账号（默认拒绝含这类账号的备份）",
        )

    def handle(self, *args, path, replace=False, with_accounts=False, **options):
        try:
            objects, files = restore(path, replace=replace, with_accounts=with_accounts)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"已恢复 {objects} 条记录、{files} 个媒体文件。")
