"""A restore trusts nothing in the archive.

A crafted archive once created a superuser and an unsanitised body, and bad media
names crashed after the database had committed.
"""

import io
import json
import tarfile

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command

from articles.models import Article
from newsroom.backup import FORMAT, _MediaWriter, add_member
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db
User = get_user_model()


def crafted(path, rows, media=()):
    with tarfile.open(path, "w:gz") as archive:
        add_member(archive, "FORMAT", FORMAT.encode())
        add_member(archive, "data.json", json.dumps(rows).encode())
        for name, data in media:
            add_member(archive, f"media/{name}", data)
    return str(path)


def user_row(pk, username, **flags):
    return {
        "model": "auth.user",
        "pk": pk,
        "fields": {
            "username": username,
            "password": "pbkdf2_sha256$1$x$y",
            "is_superuser": flags.get("is_superuser", False),
            "is_staff": flags.get("is_staff", False),
            "is_active": True,
            "first_name": "",
            "last_name": "",
            "email": "",
            "date_joined": "2023-11-24T00:00:00Z",
            "groups": [],
            "user_permissions": [],
        },
    }


def article_row(pk, **fields):
    base = {
        "title": "恢复的稿件",
        "slug": "hui-fu",
        "body": "<p>正文</p>",
        "status": "draft",
        "created_at": "2023-11-24T00:00:00Z",
        "updated_at": "2023-11-24T00:00:00Z",
    }
    return {"model": "articles.article", "pk": pk, "fields": {**base, **fields}}


def test_a_superuser_in_the_archive_is_refused_without_with_accounts(tmp_path):
    path = crafted(tmp_path / "a.tar.gz", [user_row(7, "intruder", is_superuser=True)])

    with pytest.raises(CommandError, match="--with-accounts"):
        call_command("restore", path, stdout=io.StringIO())
    assert not User.objects.filter(username="intruder").exists()

    call_command("restore", path, "--with-accounts", stdout=io.StringIO())
    assert User.objects.get(username="intruder").is_superuser


def group_row(group, *permissions):
    return {
        "model": "auth.group",
        "pk": group.pk,
        "fields": {"name": group.name, "permissions": list(permissions)},
    }


def test_roles_and_devices_are_account_rows_too(tmp_path, make_user):
    """Found by a hostile tester: without --with-accounts an archive could give
    记者 the power to publish, overwrite the superuser's row, or plant a known
    two-factor secret for an editor."""
    from django.contrib.auth.models import Group

    reporter = make_user("记者", "reporter")
    editor = make_user("编辑", "editor")
    root = User.objects.create_superuser("root", "r@example.com", "a-long-password")
    escalations = [
        [
            group_row(
                Group.objects.get(name="记者"),
                ["publish_article", "articles", "article"],
            )
        ],
        [user_row(root.pk, "root")],
        [
            {
                "model": "otp_totp.totpdevice",
                "pk": 1,
                "fields": {
                    "user": editor.pk,
                    "name": "x",
                    "confirmed": True,
                    "key": "3132333435363738393031323334353637383930",
                },
            }
        ],
    ]
    for n, rows in enumerate(escalations):
        with pytest.raises(CommandError, match="--with-accounts"):
            call_command("restore", crafted(tmp_path / f"{n}.tar.gz", rows))
    reporter = User.objects.get(pk=reporter.pk)
    assert not reporter.has_perm("articles.publish_article")
    assert User.objects.get(pk=root.pk).is_superuser


def test_accounts_never_overwrite_existing_ones_without_replace(tmp_path):
    root = User.objects.create_superuser("root", "r@example.com", "a-long-password")
    path = crafted(tmp_path / "a.tar.gz", [user_row(root.pk, "someone")])

    with pytest.raises(CommandError, match="--replace"):
        call_command("restore", path, "--with-accounts")
    assert User.objects.get(pk=root.pk).check_password("a-long-password")


def test_rows_of_the_wrong_shape_are_refused(tmp_path):
    rows = [{"model": "articles.article", "pk": 1, "fields": ["a", "b"]}]
    with pytest.raises(CommandError, match="已损坏"):
        call_command("restore", crafted(tmp_path / "a.tar.gz", rows))


def test_an_oversized_data_file_is_refused_before_it_is_read(tmp_path, settings):
    settings.BACKUP_MAX_DATA_BYTES = 100
    rows = [article_row(n) for n in range(1, 5)]
    with pytest.raises(CommandError, match="BACKUP_MAX_DATA_BYTES"):
        call_command("restore", crafted(tmp_path / "a.tar.gz", rows))


@pytest.mark.parametrize(
    "model", ["sessions.session", "evil.payload", "axes.accessattempt"]
)
def test_rows_of_unknown_models_are_refused(tmp_path, model):
    rows = [article_row(1), {"model": model, "pk": 1, "fields": {}}]
    with pytest.raises(CommandError, match="没有的数据类型"):
        call_command("restore", crafted(tmp_path / "a.tar.gz", rows))
    assert not Article.objects.exists()


def test_a_body_is_sanitised_on_restore(tmp_path):
    body = '<p onclick="steal()">正文<script>alert(1)</script></p><img src=x onerror=y>'
    call_command("restore", crafted(tmp_path / "a.tar.gz", [article_row(3, body=body)]))
    stored = Article.objects.get(pk=3).body
    assert (
        "script" not in stored and "onclick" not in stored and "onerror" not in stored
    )
    assert "正文" in stored


@pytest.mark.parametrize(
    "fields",
    [{"title": "长" * 300}, {"status": "hacked"}, {"title": None}, {"slug": "a b/c"}],
)
def test_rows_that_fail_validation_change_nothing(tmp_path, fields):
    ArticleFactory(title="现有稿件")
    path = crafted(tmp_path / "a.tar.gz", [article_row(5, **fields)])

    with pytest.raises(CommandError, match="不合规"):
        call_command("restore", path, "--replace", "--noinput")
    assert Article.objects.get().title == "现有稿件"


@pytest.mark.parametrize(
    "name",
    ["../evil.py", "/etc/passwd", "a/../../b", ".hidden", "a\\b", "a//b", "C:evil"],
)
def test_bad_media_names_are_refused_before_any_change(tmp_path, name):
    ArticleFactory(title="现有稿件")
    path = crafted(tmp_path / "a.tar.gz", [article_row(6)], media=[(name, b"x")])

    with pytest.raises(CommandError, match="文件名不安全"):
        call_command("restore", path, "--replace", "--noinput")
    assert Article.objects.get().title == "现有稿件"


# Committed rows, as in real use: PostgreSQL cannot truncate a table with row
# triggers still pending in the same transaction.
@pytest.mark.django_db(transaction=True)
def test_a_media_failure_leaves_database_and_files_as_they_were(tmp_path, monkeypatch):
    ArticleFactory(title="现有稿件")
    default_storage.save("articles/keep.png", ContentFile(b"old picture"))
    path = crafted(
        tmp_path / "a.tar.gz",
        [article_row(9)],
        media=[("articles/keep.png", b"new picture"), ("articles/second.png", b"2")],
    )
    original = _MediaWriter.write

    def fail_on_second(self, name, source):
        if name.endswith("second.png"):
            raise OSError("磁盘已满")
        return original(self, name, source)

    monkeypatch.setattr(_MediaWriter, "write", fail_on_second)

    with pytest.raises(OSError):
        call_command("restore", path, "--replace", "--noinput")

    assert Article.objects.get().title == "现有稿件"
    with default_storage.open("articles/keep.png") as kept:
        assert kept.read() == b"old picture"
    assert not default_storage.exists("articles/second.png")
