"""The PostgreSQL format: ``pg_dump --format=custom`` of the database, the media
files and a signed manifest, in one .tar.gz.

A thin wrapper over the PostgreSQL client programs: they are what an operator
would run by hand, stream any size of database in constant memory, and need no
further dependency. The command lines come from ``DATABASES['default']``; the
password goes in ``PGPASSWORD``, never on the command line (where ``ps`` shows
it). pg_dump writes to a temporary file from a snapshot exported by this process,
so the manifest's row counts are those of the dump.

A custom-format dump is code for pg_restore (it may hold any SQL), so ``restore``
takes only an archive this site made: the manifest (format, migration state, row
counts, the dump's SHA-256) is signed with ``SECRET_KEY`` (``django.core.signing``,
so ``SECRET_KEY_FALLBACKS`` also verify), and the dump is checked against it
before pg_restore sees it. pg_restore runs in a single transaction and stops at
the first error: a failed restore leaves the database as it was.
"""

import hashlib
import json
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from django.apps import apps
from django.core import signing
from django.core.cache import cache
from django.db import connection, connections, transaction
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from newsroom.caching.versions import bump_version

from .archive import (
    CHUNK,
    BackupError,
    MediaWriter,
    add_file,
    add_media,
    add_member,
    megabytes,
    new_archive,
    read_text,
)
from .jsonformat import database_name, summary

FORMAT = "newsroom-backup/pg-1"
DUMP = "database.dump"
SALT = "newsroom.backup.manifest"
# How long pg_restore waits for a table another session holds (the running site)
# before it gives up, rather than hanging.
LOCK_TIMEOUT = "30s"
OPTION_VARIABLES = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "passfile": "PGPASSFILE",
    "service": "PGSERVICE",
}


def _program(name):
    found = shutil.which(name)
    if found is None:
        raise BackupError(
            f"找不到 {name}：请安装与数据库服务器同一大版本或更新的 PostgreSQL "
            "客户端（Debian/Ubuntu：apt install postgresql-client），"
            "或把它所在的目录加入 PATH。"
        )
    return found


def _connection():
    """Arguments and environment that reach ``DATABASES['default']``."""
    settings_dict = connection.settings_dict
    args = ["--no-password"]
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if settings_dict.get(key):
            args += [option, str(settings_dict[key])]
    env = dict(os.environ)
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = settings_dict["PASSWORD"]
    for option, variable in OPTION_VARIABLES.items():
        if settings_dict.get("OPTIONS", {}).get(option):
            env[variable] = str(settings_dict["OPTIONS"][option])
    return args + ["--dbname", settings_dict["NAME"]], env


def _failure(program, code, errors):
    text = "\n".join(errors[-8:]).strip()
    if "version mismatch" in text:
        return BackupError(
            f"{program} 的版本比数据库服务器旧，无法导出：请安装与服务器同一大版本"
            f"或更新的 PostgreSQL 客户端。\n{text}"
        )
    if "unsupported version" in text:
        return BackupError(
            f"{program} 的版本比生成备份的 pg_dump 旧：请安装更新的 PostgreSQL 客户端。"
            f"\n{text}"
        )
    if "lock timeout" in text:
        return BackupError(
            "数据库正被其他连接占用（等待锁超时）：请先停止网站和后台任务再恢复。"
            f"\n{text}"
        )
    return BackupError(f"{program} 失败（退出码 {code}）：\n{text}")


def _counts():
    """Rows per model (of the tables there are: a restore may go into a database
    that has not been migrated)."""
    tables = set(connection.introspection.table_names())
    counts = {}
    for model in apps.get_models():
        if model._meta.db_table in tables and not model._meta.proxy:
            counts[model._meta.label_lower] = model._base_manager.count()
    return counts


def _migrations():
    applied = {}
    for app, name in sorted(MigrationRecorder(connection).applied_migrations()):
        applied.setdefault(app, []).append(name)
    return applied


def _dump(path, progress):
    """pg_dump into ``path`` from one snapshot; return the rows it holds."""
    program = _program("pg_dump")
    args, env = _connection()
    if connection.in_atomic_block:
        raise BackupError("备份不能在事务中运行。")
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        counts, migrations = _counts(), _migrations()
        command = [program, "--format=custom", "--no-owner", "--no-privileges"]
        command += [f"--snapshot={snapshot}", "--file", str(path), *args]
        with tempfile.TemporaryFile() as errors:
            process = subprocess.Popen(command, env=env, stderr=errors)
            while process.poll() is None:
                size = path.stat().st_size if path.exists() else 0
                progress.update(
                    f"正在导出数据库… {megabytes(size)}（{progress.elapsed()}）"
                )
                time.sleep(0.1)
            errors.seek(0)
            lines = errors.read().decode(errors="replace").splitlines()
        if process.returncode:
            raise _failure("pg_dump", process.returncode, lines)
    return counts, migrations


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        while chunk := stream.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def sign(text):
    return signing.Signer(salt=SALT).signature(text)


def backup(path, progress):
    """Write a PostgreSQL archive; return (articles, media files, media bytes)."""
    with tempfile.TemporaryDirectory() as directory:
        dump = Path(directory) / DUMP
        counts, migrations = _dump(dump, progress)
        size = dump.stat().st_size
        progress.line(f"已导出数据库：{megabytes(size)}（{progress.elapsed()}）")
        manifest = {
            "format": FORMAT,
            "created_at": timezone.now().isoformat(),
            "database": connection.settings_dict["NAME"],
            "server_version": connection.pg_version,
            "migrations": migrations,
            "counts": counts,
            "dump": {"name": DUMP, "bytes": size, "sha256": sha256(dump)},
        }
        text = json.dumps(manifest, ensure_ascii=False, indent=1)
        # The dump is compressed already (by pg_dump, in its own process); the
        # outer gzip would only spend time on it.
        with new_archive(path, compresslevel=1) as archive:
            add_member(archive, "FORMAT", FORMAT.encode())
            add_member(archive, "manifest.json", text.encode())
            add_member(archive, "manifest.sig", sign(text).encode())
            add_file(archive, DUMP, dump)
            files, media_bytes = add_media(archive, progress)
    return sum(counts.values()), files, media_bytes


def read_manifest(archive, members, path):
    """The manifest, refused unless this site's SECRET_KEY signed it."""
    if "manifest.json" not in members or DUMP not in members:
        raise BackupError(f"{path} 不完整：缺少清单或数据库文件。")
    if "manifest.sig" not in members:
        raise BackupError(f"{path} 没有签名，拒绝恢复：只恢复本站生成的备份。")
    text = read_text(archive, members["manifest.json"])
    signature = read_text(archive, members["manifest.sig"]).strip()
    try:
        signing.Signer(salt=SALT).unsign(f"{text}:{signature}")
    except signing.BadSignature as error:
        raise BackupError(
            f"{path} 的签名不符，拒绝恢复：它不是本站生成的，或已被改动，或本站的 "
            "SECRET_KEY（.env）与备份时不同。"
        ) from error
    manifest = json.loads(text)
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{path} 的备份格式不受支持。")
    return manifest


def _newer_migrations(manifest):
    """Migrations the archive's database has and this code does not."""
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    return sorted(
        f"{app}.{name}"
        for app, names in manifest["migrations"].items()
        for name in names
        if (app, name) not in known
    )


class PgRestore:
    """A verified PostgreSQL archive: signature, checksum, the dump's table of
    contents and the media names, all checked before ``apply`` changes anything."""

    overwrites = True

    def __init__(self, path, archive, members, media):
        if connection.vendor != "postgresql":
            raise BackupError(
                f"{path} 是 PostgreSQL 格式的备份，只能恢复到 PostgreSQL 数据库。"
                "要在 SQLite 和 PostgreSQL 之间搬迁，请用 backup --format json。"
            )
        self.archive, self.media = archive, media
        self.manifest = read_manifest(archive, members, path)
        newer = _newer_migrations(self.manifest)
        if newer:
            raise BackupError(
                "备份来自更新版本的系统（含本系统没有的迁移 "
                f"{'、'.join(newer[:3])}）：请先升级代码再恢复。"
            )
        self.directory = tempfile.TemporaryDirectory()
        self.dump = Path(self.directory.name) / DUMP
        try:
            self._extract(members[DUMP])
            self.entries = self._list()
        except BaseException:
            self.directory.cleanup()
            raise

    def _extract(self, member):
        digest = hashlib.sha256()
        source = self.archive.extractfile(member)
        with open(self.dump, "wb") as copy:
            while chunk := source.read(CHUNK):
                digest.update(chunk)
                copy.write(chunk)
        if digest.hexdigest() != self.manifest["dump"]["sha256"]:
            raise BackupError("备份中的数据库文件与清单的校验和不符：已损坏或被改动。")

    def _list(self):
        result = subprocess.run(
            [_program("pg_restore"), "--list", str(self.dump)],
            capture_output=True,
            text=True,
        )
        if result.returncode:
            raise _failure("pg_restore --list", result.returncode, [result.stderr])
        return [line for line in result.stdout.splitlines() if line and line[0] != ";"]

    def close(self):
        self.archive.close()
        self.directory.cleanup()

    def describe(self):
        counts = self.manifest["counts"]
        size = sum(member.size for member in self.media.values())
        return [
            f"PostgreSQL 格式的备份，生成于 {self.manifest['created_at'][:19]}，"
            f"数据库 {megabytes(self.manifest['dump']['bytes'])}、"
            f"{len(self.entries):,} 项",
            f"{sum(counts.values()):,} 条记录：{summary(counts)}",
            f"媒体文件 {len(self.media):,} 个（{megabytes(size)}）",
            f"将整库替换数据库 {database_name()}，其中现有 "
            f"{sum(_counts().values()):,} 条记录",
        ]

    def apply(self, progress):
        """Media first, then the database in one transaction; if either fails the
        media written are taken back. Return (rows, media files)."""
        writer = MediaWriter(self.directory.name)
        try:
            writer.write_all(self.archive, self.media, progress)
            self._restore(progress)
        except BaseException:
            writer.take_back()
            raise
        connections.close_all()
        apps.get_model("contenttypes", "ContentType").objects.clear_cache()
        cache.clear()
        bump_version()  # and every page a shared cache (Varnish) holds
        return sum(self.manifest["counts"].values()), len(self.media)

    def _restore(self, progress):
        args, env = _connection()
        env["PGOPTIONS"] = f"{env.get('PGOPTIONS', '')} -c lock_timeout={LOCK_TIMEOUT}"
        command = [_program("pg_restore"), "--clean", "--if-exists", "--no-owner"]
        command += ["--no-privileges", "--single-transaction", "--exit-on-error"]
        command += ["--verbose", *args, str(self.dump)]
        connections.close_all()  # this process holds no lock on what is replaced
        lines, steps = [], 0
        process = subprocess.Popen(
            command, env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL
        )
        for raw in process.stderr:
            lines.append(raw.decode(errors="replace").rstrip())
            del lines[:-20]
            steps += 1
            progress.update(
                f"正在恢复数据库… 第 {steps:,} 步（{progress.elapsed()}）"
                f"{lines[-1].removeprefix('pg_restore: ')[:60]}"
            )
        if process.wait():
            error = _failure("pg_restore", process.returncode, lines)
            raise BackupError(f"{error}\n数据库未作改动（整个恢复在一个事务中）。")
        progress.line(f"已恢复数据库（{progress.elapsed()}）")
