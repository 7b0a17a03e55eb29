"""The PostgreSQL format (newsroom/backup/postgres.py), as an operator runs it.

pg_dump and pg_restore are other processes: they see only committed rows, hence
``transaction=True``. Skipped unless DATABASE_URL points at PostgreSQL.
"""

import io
import json
import os
import tarfile

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection

from articles.models import Article
from newsroom.backup import add_member, dump_data, postgres
from tests.factories import ArticleFactory

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="pg_dump needs PostgreSQL"
    ),
    pytest.mark.django_db(transaction=True),
]


def snapshot():
    return sorted(json.dumps(o, sort_keys=True) for o in json.loads(dump_data()))


def backup(path):
    out = io.StringIO()
    call_command("backup", str(path), stdout=out)
    return str(path), out.getvalue()


@pytest.fixture
def newsroom():
    ArticleFactory.create_batch(3)
    article = ArticleFactory(title="备份时的标题")
    default_storage.save("articles/lead.png", ContentFile(b"picture"))
    return article


def rewrite(source, target, change):
    """A copy of an archive with ``change(members)`` applied to {name: bytes}."""
    with tarfile.open(source) as archive:
        members = {m.name: archive.extractfile(m).read() for m in archive}
    change(members)
    with tarfile.open(target, "w:gz") as archive:
        for name, data in members.items():
            add_member(archive, name, data)
    return str(target)


def test_round_trip_brings_back_every_row_and_file(newsroom, tmp_path):
    before = snapshot()
    path, out = backup(tmp_path / "a.tar.gz")
    assert "已导出数据库" in out and "已备份" in out
    # Everything changes: rows edited, added and deleted, a file gone.
    Article.objects.filter(pk=newsroom.pk).update(title="之后改的标题")
    Article.objects.exclude(pk=newsroom.pk).first().delete()
    ArticleFactory(title="之后写的稿件")
    default_storage.delete("articles/lead.png")
    cache.set("page", "stale")

    out = io.StringIO()
    call_command("restore", path, "--noinput", stdout=out)

    assert snapshot() == before
    assert Article.objects.get(pk=newsroom.pk).title == "备份时的标题"
    with default_storage.open("articles/lead.png") as restored:
        assert restored.read() == b"picture"
    assert cache.get("page") is None  # no page built from the old rows survives
    assert "已恢复" in out.getvalue()
    ArticleFactory(title="恢复后写的稿件")  # the sequences came back too


def test_the_manifest_counts_what_the_dump_holds(newsroom, tmp_path):
    path, _ = backup(tmp_path / "a.tar.gz")
    with tarfile.open(path) as archive:
        names = archive.getnames()
        manifest = json.loads(archive.extractfile("manifest.json").read())
    assert names[:4] == ["FORMAT", "manifest.json", "manifest.sig", "database.dump"]
    assert "media/articles/lead.png" in names
    assert manifest["counts"]["articles.article"] == 4
    assert "0001_initial" in manifest["migrations"]["articles"]
    assert len(manifest["dump"]["sha256"]) == 64
    assert os.stat(path).st_mode & 0o077 == 0  # it holds password hashes


def test_a_dry_run_checks_everything_and_changes_nothing(newsroom, tmp_path):
    path, _ = backup(tmp_path / "a.tar.gz")
    Article.objects.filter(pk=newsroom.pk).update(title="之后改的标题")
    default_storage.delete("articles/lead.png")
    after = snapshot()
    out = io.StringIO()

    call_command("restore", path, "--dry-run", stdout=out)

    assert snapshot() == after
    assert not default_storage.exists("articles/lead.png")
    assert "稿件 4" in out.getvalue() and "媒体文件 1 个" in out.getvalue()
    assert "未作任何改动" in out.getvalue()


def test_refusing_the_prompt_changes_nothing(newsroom, tmp_path):
    path, _ = backup(tmp_path / "a.tar.gz")
    Article.objects.filter(pk=newsroom.pk).update(title="之后改的标题")

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    out = io.StringIO()
    with pytest.raises(CommandError, match="已取消"):
        call_command("restore", path, stdin=Terminal("n\n"), stdout=out)
    assert connection.settings_dict["NAME"] in out.getvalue()  # names the database
    with pytest.raises(CommandError, match="--noinput"):
        call_command("restore", path, stdin=io.StringIO(""))
    assert Article.objects.get(pk=newsroom.pk).title == "之后改的标题"


def tamper_dump(members):
    dump = bytearray(members["database.dump"])
    dump[len(dump) // 2] ^= 0xFF
    members["database.dump"] = bytes(dump)


def tamper_manifest(members):
    manifest = json.loads(members["manifest.json"])
    manifest["dump"]["sha256"] = "0" * 64
    members["manifest.json"] = json.dumps(manifest).encode()


def unsign(members):
    del members["manifest.sig"]


@pytest.mark.parametrize(
    "change, message",
    [
        (tamper_dump, "校验和不符"),
        (tamper_manifest, "签名不符"),
        (unsign, "没有签名"),
    ],
)
def test_an_archive_changed_since_it_was_made_is_refused(
    newsroom, tmp_path, change, message
):
    path, _ = backup(tmp_path / "a.tar.gz")
    Article.objects.filter(pk=newsroom.pk).update(title="之后改的标题")
    changed = rewrite(path, tmp_path / "b.tar.gz", change)

    for dry_run in (["--dry-run"], []):
        with pytest.raises(CommandError, match=message):
            call_command("restore", changed, "--noinput", *dry_run)
    assert Article.objects.get(pk=newsroom.pk).title == "之后改的标题"


def test_an_archive_from_another_secret_key_is_refused(newsroom, tmp_path, settings):
    path, _ = backup(tmp_path / "a.tar.gz")
    Article.objects.filter(pk=newsroom.pk).update(title="之后改的标题")
    settings.SECRET_KEY = "another-site-" + "x" * 50

    with pytest.raises(CommandError, match="SECRET_KEY"):
        call_command("restore", path, "--noinput")
    assert Article.objects.get(pk=newsroom.pk).title == "之后改的标题"


def test_a_truncated_archive_is_refused(newsroom, tmp_path):
    path, _ = backup(tmp_path / "a.tar.gz")
    data = open(path, "rb").read()
    cut = tmp_path / "cut.tar.gz"
    cut.write_bytes(data[: len(data) * 2 // 3])

    with pytest.raises(CommandError, match="无法读取备份文件"):
        call_command("restore", str(cut), "--noinput")
    assert Article.objects.count() == 4


def test_a_failing_pg_restore_leaves_database_and_media_as_they_were(
    newsroom, tmp_path
):
    path, _ = backup(tmp_path / "a.tar.gz")
    Article.objects.filter(pk=newsroom.pk).update(title="之后改的标题")
    default_storage.delete("articles/lead.png")
    with connection.cursor() as cursor:
        # Something pg_restore cannot drop: it fails after some of its work.
        cursor.execute("CREATE VIEW titles AS SELECT title FROM articles_article")
    after = snapshot()

    with pytest.raises(CommandError, match="数据库未作改动"):
        call_command("restore", path, "--noinput", stdout=io.StringIO())

    assert snapshot() == after  # every table, not only the one that failed
    assert Article.objects.get(pk=newsroom.pk).title == "之后改的标题"
    assert not default_storage.exists("articles/lead.png")  # taken back
    with connection.cursor() as cursor:
        cursor.execute("DROP VIEW titles")


def test_without_pg_dump_the_backup_says_so_and_leaves_nothing(
    newsroom, tmp_path, monkeypatch
):
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    with pytest.raises(CommandError, match="找不到 pg_dump"):
        call_command("backup", str(out / "a.tar.gz"))
    assert not list(out.iterdir())


def test_an_old_pg_dump_is_explained_and_the_partial_archive_removed(
    newsroom, tmp_path, monkeypatch
):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "pg_dump"
    fake.write_text(
        "#!/bin/sh\necho 'pg_dump: error: aborting because of server version "
        "mismatch' >&2\nexit 1\n"
    )
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", str(bin_dir))
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(CommandError, match="版本比数据库服务器旧"):
        call_command("backup", str(out / "a.tar.gz"), stdout=io.StringIO())
    assert not list(out.iterdir())


def test_a_failing_dump_names_the_error_and_leaves_no_archive(
    newsroom, tmp_path, monkeypatch
):
    real = postgres._connection

    def wrong_database():
        args, env = real()
        return [*args[:-1], "no_such_database"], env

    monkeypatch.setattr(postgres, "_connection", wrong_database)
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(CommandError, match="pg_dump 失败"):
        call_command("backup", str(out / "a.tar.gz"), stdout=io.StringIO())
    assert not list(out.iterdir())
