"""The portable format: ``data.json`` (every row, as ``dumpdata`` writes it) and
``media/``, for moving between SQLite and PostgreSQL.

The rows are serialized model by model straight from ``.iterator()`` into a
temporary file (many-to-many values prefetched a chunk at a time), so writing a
backup needs no more memory for 100,000 articles than for 100. Natural keys for
content types and permissions let it load into any freshly migrated database.
What is rebuilt or transient is left out: content types and permissions (made by
``migrate``), sessions and login-attempt records.

``restore`` trusts nothing in the archive. Before anything changes it checks the
members' names, that every row is of a model this site has, that every row passes
its model's field validation (lengths, choices, required values), and that the
archive brings no staff or superuser accounts unless ``--with-accounts`` is given;
content is cleaned as a save would clean it (``clean_restored_fields``: the
article body goes through the sanitizer). Then it loads the database and writes
the media files in one go: if anything fails, the rows roll back and the files it
wrote are removed (or put back as they were), so the site is as it was. The rows
are read whole, hence ``BACKUP_MAX_DATA_BYTES``.
"""

import json
import tempfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core import management, serializers
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.serializers.base import DeserializationError
from django.db import DEFAULT_DB_ALIAS, connection, router, transaction
from django.db.models import Q

from newsroom.caching.versions import bump_version

from .archive import (
    BackupError,
    MediaWriter,
    add_file,
    add_media,
    add_member,
    megabytes,
    new_archive,
    read_text,
)

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


def dumped_models():
    """The models ``dumpdata --exclude EXCLUDED`` writes, in its order."""
    app_list = {
        config: None
        for config in apps.get_app_configs()
        if config.models_module is not None and config.label not in EXCLUDED
    }
    return [
        model
        for model in serializers.sort_dependencies(app_list.items(), allow_cycles=True)
        if model._meta.label_lower not in EXCLUDED
        and not model._meta.proxy
        and router.allow_migrate_model(DEFAULT_DB_ALIAS, model)
    ]


def _rows(models, progress, total):
    done = 0
    for model in models:
        many = [
            field.name
            for field in model._meta.concrete_model._meta.local_many_to_many
            if field.serialize and field.remote_field.through._meta.auto_created
        ]
        queryset = model._default_manager.order_by(model._meta.pk.name)
        for obj in queryset.prefetch_related(*many).iterator(chunk_size=2000):
            yield obj
            done += 1
            progress.update(f"正在导出数据 {done:,}/{total:,} 条")


def write_data(stream, progress):
    """Every row as ``dumpdata`` would write it, streamed; return the count."""
    models = dumped_models()
    total = sum(model._default_manager.count() for model in models)
    serializers.get_serializer("exactjson")().serialize(
        _rows(models, progress, total),
        stream=stream,
        use_natural_foreign_keys=True,
        indent=None,
    )
    return total


class _Quiet:
    def update(self, text):
        pass


def dump_data():
    """Every row, as one JSON string (for small databases and the tests)."""
    with tempfile.TemporaryFile("w+", encoding="utf-8") as stream:
        write_data(stream, _Quiet())
        stream.seek(0)
        return stream.read()


def backup(path, progress):
    """Write a JSON archive; return (objects, media files, media bytes)."""
    with tempfile.TemporaryDirectory() as directory, new_archive(path) as archive:
        data = Path(directory) / "data.json"
        with open(data, "w", encoding="utf-8") as stream:
            objects = write_data(stream, progress)
        progress.line(f"已导出 {objects:,} 条记录（{progress.elapsed()}）")
        add_member(archive, "FORMAT", FORMAT.encode())
        add_file(archive, "data.json", data)
        files, size = add_media(archive, progress)
    return objects, files, size


def _well_formed(row):
    return (
        isinstance(row, dict)
        and isinstance(row.get("model"), str)
        and isinstance(row.get("fields", {}), dict)
    )


def read_rows(archive, members, path):
    """The archive's rows, refused if too large or not a list of records."""
    if "data.json" not in members:
        raise BackupError(f"{path} 不是本系统的备份文件。")
    if members["data.json"].size > settings.BACKUP_MAX_DATA_BYTES:
        raise BackupError(
            f"备份中的数据有 {members['data.json'].size:,} 字节，超过上限 "
            f"{settings.BACKUP_MAX_DATA_BYTES:,}（BACKUP_MAX_DATA_BYTES）。"
        )
    data = read_text(archive, members["data.json"], limit=float("inf"))
    try:
        rows = json.loads(data)
    except ValueError as error:
        raise BackupError(f"备份中的数据已损坏：{error}") from error
    if not isinstance(rows, list) or not all(_well_formed(r) for r in rows):
        raise BackupError("备份中的数据已损坏：不是记录的列表。")
    return rows


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


def summary(counts):
    """「稿件 100,000、部门 80 …」: the newsroom's own kinds of row first, the
    largest first."""
    parts = []
    for label, count in sorted(
        [(label, count) for label, count in counts.items() if count],
        key=lambda item: (item[0].split(".")[0] not in settings.PROJECT_APPS, -item[1]),
    )[:8]:
        try:
            name = apps.get_model(label)._meta.verbose_name_plural
        except LookupError:
            name = label
        parts.append(f"{name} {count:,}")
    return "、".join(parts)


def database_name():
    settings_dict = connection.settings_dict
    where = settings_dict.get("HOST") or ""
    if settings_dict.get("PORT"):
        where += f":{settings_dict['PORT']}"
    return f"{settings_dict['NAME']}" + (f"（{where}）" if where else "")


class JsonRestore:
    """A checked JSON archive, ready to load (``apply``) or only to report."""

    def __init__(self, path, archive, members, media, *, replace, with_accounts):
        self.archive, self.media, self.replace = archive, media, replace
        self.rows = check_rows(
            read_rows(archive, members, path), with_accounts=with_accounts
        )
        self._refuse()
        # Only --replace removes anything; otherwise the rows go into a database
        # without content and nothing is overwritten.
        self.overwrites = replace

    def _refuse(self):
        if _holds_content() and not self.replace:
            raise BackupError("数据库中已有内容。确认要用备份覆盖时，请加 --replace。")
        if not self.replace and _overwrites_accounts(self.rows):
            raise BackupError(
                "备份中的账号会覆盖数据库中现有的账号。"
                "确认要用备份覆盖时，请加 --replace。"
            )

    def close(self):
        self.archive.close()

    def describe(self):
        counts = {}
        for row in self.rows:
            counts[row["model"]] = counts.get(row["model"], 0) + 1
        size = sum(member.size for member in self.media.values())
        target = (
            f"将清空数据库 {database_name()} 中的现有数据，再写入"
            if self.replace
            else f"将写入数据库 {database_name()}（其中尚无内容）"
        )
        return [
            f"JSON 格式的备份，{len(self.rows):,} 条记录：{summary(counts)}",
            f"媒体文件 {len(self.media):,} 个（{megabytes(size)}）",
            target,
        ]

    def apply(self, progress):
        """Load the rows and write the media in one go; return (objects, files)."""
        with tempfile.TemporaryDirectory() as directory:
            fixture = Path(directory) / "backup.exactjson"
            fixture.write_text(json.dumps(self.rows), encoding="utf-8")
            writer = MediaWriter(directory)
            try:
                with transaction.atomic():
                    self._refuse()
                    if self.replace:
                        management.call_command("flush", interactive=False, verbosity=0)
                    progress.update(f"正在载入 {len(self.rows):,} 条记录…")
                    management.call_command("loaddata", str(fixture), verbosity=0)
                    progress.line(f"已载入 {len(self.rows):,} 条记录")
                    writer.write_all(self.archive, self.media, progress)
            except BaseException:
                writer.take_back()
                raise
        cache.clear()
        bump_version()  # and every page a shared cache (Varnish) holds
        return len(self.rows), len(self.media)
