"""backup and restore as an operator runs them, on any database: the JSON format,
--dry-run, the confirmation, progress, and a PostgreSQL archive where it cannot go.
"""

import io
import json
import tarfile

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.management import CommandError, call_command
from django.db import connection

from articles.models import Article
from newsroom.backup import add_member, postgres
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


class Terminal(io.StringIO):
    """What a person types at the prompt."""

    def isatty(self):
        return True


def json_backup(path):
    call_command("backup", str(path), "--format", "json", stdout=io.StringIO())
    return str(path)


def test_a_dry_run_checks_and_reports_but_changes_nothing(tmp_path):
    ArticleFactory(title="备份时的标题")
    archive = json_backup(tmp_path / "a.tar.gz")
    Article.objects.update(title="之后改的标题")
    out = io.StringIO()

    call_command(
        "restore", archive, "--replace", "--with-accounts", "--dry-run", stdout=out
    )

    assert Article.objects.get().title == "之后改的标题"
    assert "稿件 1" in out.getvalue() and "未作任何改动" in out.getvalue()


def test_a_dry_run_refuses_what_the_restore_would_refuse(tmp_path):
    ArticleFactory()
    archive = json_backup(tmp_path / "a.tar.gz")
    with pytest.raises(CommandError, match="--replace"):
        call_command("restore", archive, "--with-accounts", "--dry-run")


# Committed rows: PostgreSQL cannot flush tables with row triggers still pending.
@pytest.mark.django_db(transaction=True)
def test_overwriting_asks_first_and_no_means_nothing_changes(tmp_path):
    ArticleFactory(title="备份时的标题")
    archive = json_backup(tmp_path / "a.tar.gz")
    Article.objects.update(title="之后改的标题")
    options = ["--replace", "--with-accounts"]

    out = io.StringIO()
    with pytest.raises(CommandError, match="已取消"):
        call_command("restore", archive, *options, stdin=Terminal("no\n"), stdout=out)
    assert "输入 yes 继续" in out.getvalue()
    assert Article.objects.get().title == "之后改的标题"

    # No terminal to ask (cron, a pipe): refused at once rather than hanging.
    with pytest.raises(CommandError, match="--noinput"):
        call_command("restore", archive, *options, stdin=io.StringIO("yes\n"))
    assert Article.objects.get().title == "之后改的标题"

    call_command("restore", archive, *options, stdin=Terminal("yes\n"), stdout=out)
    assert Article.objects.get().title == "备份时的标题"


def test_progress_is_shown_and_quiet_at_verbosity_zero(tmp_path):
    ArticleFactory.create_batch(3)
    out = io.StringIO()
    call_command("backup", str(tmp_path / "a.tar.gz"), "--format", "json", stdout=out)
    assert "已导出" in out.getvalue() and "已备份" in out.getvalue()
    assert "秒" in out.getvalue()

    quiet = io.StringIO()
    call_command(
        "backup", str(tmp_path / "b.tar.gz"), "--format=json", "-v0", stdout=quiet
    )
    assert quiet.getvalue() == ""
    assert tarfile.open(tmp_path / "b.tar.gz").getmember("data.json").size > 0


def test_the_json_backup_streams_rows_as_dumpdata_writes_them(tmp_path):
    ArticleFactory.create_batch(3)
    expected = io.StringIO()
    call_command(
        "dumpdata",
        natural_foreign=True,
        exclude=["contenttypes", "auth.permission", "sessions", "axes"],
        format="exactjson",
        stdout=expected,
    )
    archive = tarfile.open(json_backup(tmp_path / "a.tar.gz"))
    written = json.loads(archive.extractfile("data.json").read())
    assert written == json.loads(expected.getvalue())


def test_a_backup_that_fails_halfway_leaves_no_archive(tmp_path, monkeypatch):
    default_storage.save("articles/a.png", ContentFile(b"a"))
    out = tmp_path / "out"
    out.mkdir()

    def unreadable(self, name, mode="rb"):
        raise OSError("存储不可用")

    monkeypatch.setattr(FileSystemStorage, "open", unreadable)
    with pytest.raises(CommandError, match="存储不可用"):
        call_command(
            "backup", str(out / "a.tar.gz"), "--format=json", stdout=io.StringIO()
        )
    assert not list(out.iterdir())


@pytest.mark.skipif(connection.vendor == "postgresql", reason="SQLite refuses pg")
def test_sqlite_neither_writes_nor_restores_the_postgresql_format(tmp_path):
    ArticleFactory(title="现有稿件")
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(CommandError, match="--format json"):
        call_command("backup", str(out / "a.tar.gz"), "--format", "pg")
    assert not list(out.iterdir())  # no half-written archive

    manifest = json.dumps({"format": postgres.FORMAT, "dump": {"sha256": "0"}})
    path = tmp_path / "pg.tar.gz"
    with tarfile.open(path, "w:gz") as archive:
        add_member(archive, "FORMAT", postgres.FORMAT.encode())
        add_member(archive, "manifest.json", manifest.encode())
        add_member(archive, "manifest.sig", postgres.sign(manifest).encode())
        add_member(archive, "database.dump", b"PGDMP")
    with pytest.raises(CommandError, match="只能恢复到 PostgreSQL"):
        call_command("restore", str(path), "--noinput")
    assert Article.objects.get().title == "现有稿件"
