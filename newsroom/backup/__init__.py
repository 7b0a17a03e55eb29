"""Backup and restore of the whole newsroom: every row and every media file.

Two formats, each one ``.tar.gz`` with the media files (read through the storage
API, so an S3 bucket is backed up the same way):

- ``pg`` (the default on PostgreSQL, ``postgres.py``): ``pg_dump --format=custom``
  of the whole database and a manifest signed with ``SECRET_KEY``. Time and memory
  do not grow with the newsroom beyond what pg_dump and pg_restore need; it
  restores only on a PostgreSQL site with the same ``SECRET_KEY``.
- ``json`` (the only one on SQLite, ``jsonformat.py``): every row as ``dumpdata``
  writes it, for moving between SQLite and PostgreSQL; every row is checked before
  anything is restored.

``open_restore`` checks an archive fully before anything changes and answers what
it would restore (``describe``; ``restore --dry-run`` stops there); ``apply``
restores it, all or nothing, and empties the cache.
"""

import tarfile
import zlib

from django.db import connection

from . import jsonformat, postgres
from .archive import BackupError, Progress, add_member, media_names, read_archive
from .archive import MediaWriter as _MediaWriter
from .archive import read_text as _read_text
from .jsonformat import FORMAT, check_rows, dump_data

__all__ = [
    "FORMAT",
    "BackupError",
    "Progress",
    "_MediaWriter",
    "add_member",
    "backup",
    "check_rows",
    "dump_data",
    "media_names",
    "open_restore",
    "restore",
]
FORMATS = {"pg": postgres, "json": jsonformat}
UNREADABLE = (OSError, EOFError, tarfile.TarError, zlib.error)


class _Silent:
    def update(self, text):
        pass

    def line(self, text):
        pass

    def elapsed(self):
        return ""


def default_format():
    return "pg" if connection.vendor == "postgresql" else "json"


def backup(path, *, format=None, progress=None):
    """Write the archive; return (rows, media files, media bytes)."""
    format = format or default_format()
    if format == "pg" and connection.vendor != "postgresql":
        raise BackupError(
            "pg 格式只能备份 PostgreSQL 数据库；"
            f"本站用的是 {connection.vendor}，请用 --format json。"
        )
    try:
        return FORMATS[format].backup(path, progress or _Silent())
    except OSError as error:  # a media file unreadable, the disk full…
        raise BackupError(f"备份失败，没有留下备份文件：{error}") from error


def open_restore(path, *, replace=False, with_accounts=False):
    """The checked archive (JsonRestore or PgRestore): nothing has changed yet."""
    archive, members, media = read_archive(path)
    try:
        if "FORMAT" not in members:
            raise BackupError(f"{path} 不是本系统的备份文件。")
        kind = _read_text(archive, members["FORMAT"])
        if kind == jsonformat.FORMAT:
            return jsonformat.JsonRestore(
                path,
                archive,
                members,
                media,
                replace=replace,
                with_accounts=with_accounts,
            )
        if kind == postgres.FORMAT:
            return postgres.PgRestore(path, archive, members, media)
        raise BackupError(f"{path} 的备份格式不受支持。")
    except UNREADABLE as error:
        archive.close()
        raise BackupError(f"无法读取备份文件 {path}：{error}") from error
    except BaseException:
        archive.close()
        raise


def restore(path, *, replace=False, with_accounts=False, progress=None):
    """Check and load an archive; return (rows, media files)."""
    plan = open_restore(path, replace=replace, with_accounts=with_accounts)
    try:
        return plan.apply(progress or _Silent())
    finally:
        plan.close()
