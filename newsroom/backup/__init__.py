"""Backup and restore of the whole newsroom: every row and every media file.

A backup is one ``.tar.gz`` holding ``data.json`` (``dumpdata`` of every model
with natural keys for content types and permissions, so it loads into any freshly
migrated database, SQLite or PostgreSQL) and ``media/`` (every file in the
default storage, read through the storage API so an S3 bucket is backed up the
same way). What is rebuilt or transient is left out: content types and
permissions (made by ``migrate``), sessions and login-attempt records.

``restore`` loads an archive into the database in one transaction: if anything in
it fails to load, the database is left exactly as it was.
"""

import io
import json
import tarfile
import tempfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core import management
from django.core.cache import cache
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction

EXCLUDED = [
    "contenttypes",
    "auth.permission",
    "sessions",
    "axes",
]
FORMAT = "newsroom-backup/1"


class BackupError(Exception):
    pass


def dump_data():
    out = io.StringIO()
    management.call_command(
        "dumpdata",
        natural_foreign=True,
        natural_primary=False,
        exclude=EXCLUDED,
        format="exactjson",
        indent=None,
        stdout=out,
    )
    return out.getvalue()


def media_names(directory=""):
    """Every file in the default storage (none when the media root is missing)."""
    try:
        directories, files = default_storage.listdir(directory)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield f"{directory}/{name}" if directory else name
    for sub in sorted(directories):
        yield from media_names(f"{directory}/{sub}" if directory else sub)


def add_member(archive, name, data):
    info = tarfile.TarInfo(name)
    info.size = len(data)
    archive.addfile(info, io.BytesIO(data))


def backup(path):
    """Write the archive; return (number of objects, number of media files)."""
    data = dump_data()
    files = 0
    with tarfile.open(path, "w:gz") as archive:
        add_member(archive, "FORMAT", FORMAT.encode())
        add_member(archive, "data.json", data.encode())
        for name in media_names():
            with default_storage.open(name) as stored:
                add_member(archive, f"media/{name}", stored.read())
            files += 1
    return len(json.loads(data)), files


def open_archive(path):
    """The archive, its data and its media members, checked before anything loads."""
    try:
        archive = tarfile.open(path, "r:gz")
        members = {m.name: m for m in archive.getmembers() if m.isfile()}
    except (OSError, tarfile.TarError) as error:
        raise BackupError(f"无法读取备份文件 {path}：{error}") from error
    if "FORMAT" not in members or "data.json" not in members:
        archive.close()
        raise BackupError(f"{path} 不是本系统的备份文件。")
    if archive.extractfile(members["FORMAT"]).read().decode() != FORMAT:
        archive.close()
        raise BackupError(f"{path} 的备份格式不受支持。")
    media = {
        name.removeprefix("media/"): member
        for name, member in members.items()
        if name.startswith("media/")
    }
    for name in media:
        if name.startswith("/") or ".." in name.split("/"):
            archive.close()
            raise BackupError(f"备份中的文件名不安全：{name}")
    data = archive.extractfile(members["data.json"]).read().decode()
    try:
        count = len(json.loads(data))
    except ValueError as error:
        archive.close()
        raise BackupError(f"备份中的数据已损坏：{error}") from error
    return archive, data, count, media


def _holds_content():
    """Whether the database holds anything the newsroom wrote: a row of any model
    of the project's own apps (the roles a migration makes do not count)."""
    for label in settings.PROJECT_APPS:
        for model in apps.get_app_config(label).get_models():
            if model._meta.managed and not model._meta.proxy and model.objects.exists():
                return True
    return False


def restore(path, *, replace=False):
    """Load an archive; return (number of objects, number of media files)."""
    archive, data, count, media = open_archive(path)
    with archive:
        with transaction.atomic():
            if _holds_content() and not replace:
                raise BackupError(
                    "数据库中已有内容。确认要用备份覆盖时，请加 --replace。"
                )
            if replace:
                management.call_command("flush", interactive=False, verbosity=0)
            with tempfile.TemporaryDirectory() as directory:
                fixture = Path(directory) / "backup.exactjson"
                fixture.write_text(data, encoding="utf-8")
                management.call_command("loaddata", str(fixture), verbosity=0)
        # One file at a time from the archive to the storage, never all at once.
        for name, member in media.items():
            if default_storage.exists(name):
                default_storage.delete(name)
            default_storage.save(name, File(archive.extractfile(member), name=name))
    cache.clear()
    return count, len(media)
