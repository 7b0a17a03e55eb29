"""Backup and restore of the whole newsroom: every row and every media file.

A backup is one ``.tar.gz`` holding ``data.json`` (``dumpdata`` of every model
with natural keys for content types and permissions, so it loads into any freshly
migrated database, SQLite or PostgreSQL) and ``media/`` (every file in the
default storage, read through the storage API so an S3 bucket is backed up the
same way). What is rebuilt or transient is left out: content types and
permissions (made by ``migrate``), sessions and login-attempt records.

``restore`` trusts nothing in the archive. Before anything changes it checks the
members' names, that every row is of a model this site has, that every row passes
its model's field validation (lengths, choices, required values), and that the
archive brings no staff or superuser accounts unless ``--with-accounts`` is given;
content is cleaned as a save would clean it (``clean_restored_fields``: the
article body goes through the sanitizer). Then it loads the database and writes
the media files in one go: if anything fails, the rows roll back and the files it
wrote are removed (or put back as they were), so the site is as it was.
"""

import io
import json
import re
import shutil
import tarfile
import tempfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core import management, serializers
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.serializers.base import DeserializationError
from django.db import transaction
from django.db.models import Q

EXCLUDED = [
    "contenttypes",
    "auth.permission",
    "sessions",
    "axes",
]
FORMAT = "newsroom-backup/1"
# Rows that decide who may sign in and do what: restored only when asked for
# (--with-accounts), and never over existing accounts without --replace.
ACCOUNT_MODELS = {
    "auth.user",
    "auth.group",
    "otp_totp.totpdevice",
    "otp_static.staticdevice",
    "otp_static.statictoken",
}


class BackupError(Exception):
    pass


# What a media name may not hold: control characters, backslashes, colons.
UNSAFE_NAME = re.compile(r"[\x00-\x1f\x7f\\:]")


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


def _safe_media_name(name):
    """Relative, no traversal, no hidden or empty parts, no control characters."""
    parts = name.split("/")
    return (
        0 < len(name) <= 500
        and not UNSAFE_NAME.search(name)
        and all(
            part and not part.startswith(".") and len(part) <= 200 for part in parts
        )
    )


def _well_formed(row):
    return (
        isinstance(row, dict)
        and isinstance(row.get("model"), str)
        and isinstance(row.get("fields", {}), dict)
    )


def open_archive(path):
    """The archive, its data and its media members, checked before anything loads."""
    try:
        archive = tarfile.open(path, "r:gz")
        members = {m.name: m for m in archive.getmembers() if m.isfile()}
    except (OSError, tarfile.TarError, EOFError) as error:
        raise BackupError(f"无法读取备份文件 {path}：{error}") from error
    try:
        if "FORMAT" not in members or "data.json" not in members:
            raise BackupError(f"{path} 不是本系统的备份文件。")
        if archive.extractfile(members["FORMAT"]).read().decode() != FORMAT:
            raise BackupError(f"{path} 的备份格式不受支持。")
        media = {
            name.removeprefix("media/"): member
            for name, member in members.items()
            if name.startswith("media/")
        }
        for name in media:
            if not _safe_media_name(name):
                raise BackupError(f"备份中的文件名不安全：{name[:200]}")
        if members["data.json"].size > settings.BACKUP_MAX_DATA_BYTES:
            raise BackupError(
                f"备份中的数据有 {members['data.json'].size:,} 字节，超过上限 "
                f"{settings.BACKUP_MAX_DATA_BYTES:,}（BACKUP_MAX_DATA_BYTES）。"
            )
        data = archive.extractfile(members["data.json"]).read().decode()
        try:
            rows = json.loads(data)
        except ValueError as error:
            raise BackupError(f"备份中的数据已损坏：{error}") from error
        if not isinstance(rows, list) or not all(_well_formed(r) for r in rows):
            raise BackupError("备份中的数据已损坏：不是记录的列表。")
    except (BackupError, OSError, tarfile.TarError, UnicodeDecodeError) as error:
        archive.close()
        if isinstance(error, BackupError):
            raise
        raise BackupError(f"无法读取备份文件 {path}：{error}") from error
    return archive, rows, media


def restorable_models():
    """Labels of the models a backup may hold: every installed model but those
    ``dumpdata`` leaves out."""
    labels = set()
    for model in apps.get_models():
        label = model._meta.label_lower
        if model._meta.app_label not in EXCLUDED and label not in EXCLUDED:
            labels.add(label)
    return labels


def check_rows(rows, *, with_accounts=False):
    """Refuse, before anything changes, rows of unknown models, accounts with
    power (unless asked for), and rows their model's validation refuses; return
    the rows with their content cleaned as a save would clean it."""
    known = restorable_models()
    unknown = sorted({str(r.get("model")) for r in rows} - known)
    if unknown:
        raise BackupError(f"备份中含有本系统没有的数据类型：{'、'.join(unknown)[:300]}")
    accounts = [r for r in rows if r["model"] in ACCOUNT_MODELS]
    if accounts and not with_accounts:
        powerful = [
            str(r["fields"].get("username", "?"))
            for r in accounts
            if r["model"] == "auth.user"
            and (r["fields"].get("is_superuser") or r["fields"].get("is_staff"))
        ]
        raise BackupError(
            f"备份中含有 {len(accounts)} 条账号、角色或两步验证记录"
            + (f"，其中员工或超级用户 {'、'.join(powerful[:5])}" if powerful else "")
            + "。确认要恢复账号和角色时，请加 --with-accounts。"
        )
    cleaned = []
    for row in rows:
        model = apps.get_model(row["model"])
        clean = getattr(model, "clean_restored_fields", None)
        if clean is not None:
            row = {**row, "fields": clean(dict(row.get("fields") or {}))}
        cleaned.append(row)
    _validate(cleaned)
    return cleaned


def _validate(rows):
    try:
        objects = list(
            serializers.deserialize(
                "exactjson", json.dumps(rows), handle_forward_references=True
            )
        )
    except DeserializationError as error:
        raise BackupError(f"备份中的记录无法读出：{str(error)[:300]}") from error
    problems = []
    for found in objects:
        obj = found.object
        relations = [f.name for f in obj._meta.get_fields() if f.is_relation]
        try:
            obj.clean_fields(exclude=relations)
        except ValidationError as error:
            problems.append(f"{obj._meta.label_lower} {obj.pk}：{error.messages[0]}")
    if problems:
        raise BackupError(
            f"备份中有 {len(problems)} 条记录不合规，未作任何改动："
            + "；".join(problems[:5])
        )


def _holds_content():
    """Whether the database holds anything the newsroom wrote: a row of any model
    of the project's own apps (the roles a migration makes do not count)."""
    for label in settings.PROJECT_APPS:
        for model in apps.get_app_config(label).get_models():
            if model._meta.managed and not model._meta.proxy and model.objects.exists():
                return True
    return False


def _overwrites_accounts(rows):
    user_model = apps.get_model("auth.user")
    ids = [r.get("pk") for r in rows if r["model"] == "auth.user"]
    names = [r["fields"].get("username") for r in rows if r["model"] == "auth.user"]
    return user_model.objects.filter(Q(pk__in=ids) | Q(username__in=names)).exists()


class _MediaWriter:
    """Writes media files so that they can all be taken back: a file it replaced
    is kept aside until the restore has succeeded."""

    def __init__(self, directory):
        self.aside = Path(directory) / "aside"
        self.written, self.replaced = [], []

    def write(self, name, source):
        if default_storage.exists(name):
            kept = self.aside / name
            kept.parent.mkdir(parents=True, exist_ok=True)
            with default_storage.open(name) as old, open(kept, "wb") as copy:
                shutil.copyfileobj(old, copy)
            self.replaced.append(name)
            default_storage.delete(name)
        self.written.append(default_storage.save(name, File(source, name=name)))

    def take_back(self):
        for name in self.written:
            default_storage.delete(name)
        for name in self.replaced:
            with open(self.aside / name, "rb") as kept:
                default_storage.save(name, File(kept, name=name))


def restore(path, *, replace=False, with_accounts=False):
    """Load an archive; return (number of objects, number of media files)."""
    archive, rows, media = open_archive(path)
    with archive, tempfile.TemporaryDirectory() as directory:
        rows = check_rows(rows, with_accounts=with_accounts)
        fixture = Path(directory) / "backup.exactjson"
        fixture.write_text(json.dumps(rows), encoding="utf-8")
        writer = _MediaWriter(directory)
        try:
            with transaction.atomic():
                if _holds_content() and not replace:
                    raise BackupError(
                        "数据库中已有内容。确认要用备份覆盖时，请加 --replace。"
                    )
                if not replace and _overwrites_accounts(rows):
                    raise BackupError(
                        "备份中的账号会覆盖数据库中现有的账号。"
                        "确认要用备份覆盖时，请加 --replace。"
                    )
                if replace:
                    management.call_command("flush", interactive=False, verbosity=0)
                management.call_command("loaddata", str(fixture), verbosity=0)
                # One file at a time from the archive, never all at once.
                for name, member in media.items():
                    writer.write(name, archive.extractfile(member))
        except BaseException:
            writer.take_back()
            raise
    cache.clear()
    return len(rows), len(media)
