"""Nothing written is lost: concurrent saves, backup and restore."""

import io
import json
import shutil
import tarfile
import threading
import time
from pathlib import Path

import pytest
import reversion
from django.contrib.auth.models import Group, Permission, User
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from articles.forms import ArticleAdminForm
from articles.models import Article, ArticleAutosave
from newsroom import roles
from newsroom.backup import FORMAT, add_member
from tests.factories import ArticleFactory
from tests.helpers import form_data, png_file


@pytest.mark.django_db(transaction=True)
def test_two_editors_saving_at_once_one_wins_and_the_other_is_refused(
    make_user, monkeypatch
):
    editors = [make_user(roles.EDITOR, f"editor{n}") for n in (1, 2)]
    article = ArticleFactory(title="原标题", status=Article.Status.DRAFT)
    url = reverse("admin:articles_article_change", args=[article.pk])

    # Hold each save open for a moment after its stale check, so that without a
    # lock both checks would pass before either save is written.
    check = ArticleAdminForm._refuse_stale_save

    def slow_check(self, cleaned):
        check(self, cleaned)
        time.sleep(0.3)

    monkeypatch.setattr(ArticleAdminForm, "_refuse_stale_save", slow_check)

    clients, forms = [], []
    for editor in editors:
        client = Client()
        client.force_login(editor)
        clients.append(client)
        forms.append(form_data(client.get(url)))  # both open the same version
    start = threading.Barrier(2)
    results = {}

    def save(n):
        try:
            start.wait()
            data = {**forms[n], "title": f"编辑{n + 1}的标题"}
            results[n] = clients[n].post(url, data)
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(n,)) for n in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    codes = sorted(response.status_code for response in results.values())
    assert codes == [200, 302], codes  # one saved, one shown the form again
    winner = next(n for n, r in results.items() if r.status_code == 302)
    loser = 1 - winner
    article.refresh_from_db()
    assert article.title == f"编辑{winner + 1}的标题"
    assert "保存失败" in results[loser].content.decode()  # the stale-save message
    # The refused edit is not lost: it waits as the loser's autosave.
    kept = ArticleAutosave.objects.get(user=editors[loser], article=article)
    assert kept.data["title"] == f"编辑{loser + 1}的标题"


def snapshot():
    """Every row the backup covers, as dumpdata writes it, in a stable order."""
    from newsroom.backup import dump_data

    return sorted(json.dumps(o, sort_keys=True) for o in json.loads(dump_data()))


@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_round_trip_a_populated_newsroom(
    make_user, settings, tmp_path
):
    from articles import services

    call_command("load_demo", force=True, stdout=io.StringIO())
    editor = make_user(roles.CHIEF_EDITOR, "backup-chief")
    with reversion.create_revision():
        article = ArticleFactory(title="有图的稿件", status=Article.Status.DRAFT)
    article.image.save("lead.png", ContentFile(png_file().getvalue()))
    services.article_submit(article=article, actor=editor)
    ArticleAutosave.objects.create(user=editor, article=article, data={"title": "半稿"})
    before = snapshot()
    media_before = {
        p.relative_to(settings.MEDIA_ROOT): p.read_bytes()
        for p in Path(settings.MEDIA_ROOT).rglob("*")
        if p.is_file()
    }
    archive = tmp_path / "backup.tar.gz"

    call_command("backup", str(archive), "--format=json", stdout=io.StringIO())
    # Disaster: the database emptied, the media folder gone.
    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(settings.MEDIA_ROOT)
    assert not Article.objects.exists()
    out = io.StringIO()
    call_command("restore", str(archive), "--with-accounts", stdout=out)

    assert snapshot() == before
    assert "已恢复" in out.getvalue()
    media_after = {
        p.relative_to(settings.MEDIA_ROOT): p.read_bytes()
        for p in Path(settings.MEDIA_ROOT).rglob("*")
        if p.is_file()
    }
    assert media_after == media_before and media_before
    # The restored site works: its pages, and a restored user's password.
    restored = Article.objects.get(title="有图的稿件")
    assert restored.image.name == article.image.name
    assert Version.objects.get_for_object(restored).exists()
    assert Client().get("/").status_code == 200
    public = Article.objects.published().first()
    assert Client().get(public.get_absolute_url()).status_code == 200
    restored_user = User.objects.get(username="backup-chief")
    assert restored_user.check_password("a-long-test-password")


@pytest.mark.django_db
def test_restore_refuses_bad_archives_and_a_full_database(tmp_path):
    # The roles' groups, as migrate made them (a transactional test run before this
    # one on the same worker flushed them).
    roles.sync_roles(Group, Permission)
    ArticleFactory(title="现有稿件")
    garbage = tmp_path / "garbage.tar.gz"
    garbage.write_bytes(b"not an archive")
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", str(archive), "--format=json", stdout=io.StringIO())

    with pytest.raises(CommandError, match="无法读取备份文件"):
        call_command("restore", str(garbage))
    with pytest.raises(CommandError, match="--with-accounts"):
        call_command("restore", str(archive))  # it holds the roles (groups)
    with pytest.raises(CommandError, match="--replace"):
        call_command("restore", str(archive), "--with-accounts")
    assert Article.objects.get().title == "现有稿件"


@pytest.mark.django_db
def test_a_restore_that_fails_halfway_leaves_the_database_as_it_was(tmp_path):
    ArticleFactory(title="现有稿件")
    broken = tmp_path / "broken.tar.gz"
    rows = [{"model": "articles.article", "pk": 99, "fields": {"title": None}}]
    with tarfile.open(broken, "w:gz") as archive:
        add_member(archive, "FORMAT", FORMAT.encode())
        add_member(archive, "data.json", json.dumps(rows).encode())

    with pytest.raises(Exception):  # noqa: B017 - the database error itself
        call_command("restore", str(broken), "--replace", "--noinput")

    assert Article.objects.get().title == "现有稿件"
