import io
import logging
import logging.handlers

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.test import RequestFactory

from articles.models import Article, Byline
from people.models import Department, Official, Position, Reporter

pytestmark = pytest.mark.django_db


def counts():
    return {
        model.__name__: model.objects.count()
        for model in [Department, Official, Position, Reporter, Article, Byline]
    }


def test_demo_loader_is_idempotent_and_prints_the_demo_passwords(capsys):
    call_command("load_demo", force=True)
    first = counts()
    output = capsys.readouterr().out
    call_command("load_demo", force=True)

    assert counts() == first
    assert first["Article"] >= 20
    assert "demo-editor-2023" in output
    for username, password in [
        ("reporter", "demo-reporter-2023"),
        ("editor", "demo-editor-2023"),
        ("admin", "demo-admin-2023"),
    ]:
        request = RequestFactory().post("/admin/login/")
        assert authenticate(request, username=username, password=password) is not None


def test_demo_has_the_papers_leaders_with_their_titles_and_public_articles(client):
    call_command("load_demo", force=True)

    secretary = Official.objects.get(name="樊惠林")
    assert secretary.current_title() == "区委书记"
    assert Official.objects.get(name="王潜").current_title() == "区委常委、副区长"
    assert [o.name for o in Official.objects.current()][:3] == [
        "樊惠林",
        "虎荣鑫",
        "吕安民",
    ]
    assert Reporter.objects.filter(name="孙扩龙", kind="correspondent").exists()
    assert Department.objects.get(name="区商务局").parent.name == "区政府"

    public = Article.objects.published()
    assert public.count() >= 18
    assert Article.objects.scheduled().count() == 1
    assert Article.objects.filter(status="draft").count() == 1
    home = client.get("/")
    assert home.status_code == 200
    assert public.first().title in home.content.decode()


def test_loading_the_demo_keeps_audit_lines_off_the_console(caplog):
    """make run's output is the demo's summary and accounts, not audit JSON: the
    events still reach the audit file's handler (AUDIT_LOG_FILE)."""
    audit_file = logging.handlers.BufferingHandler(capacity=10_000)
    audit_logger = logging.getLogger("newsroom.audit")
    audit_logger.addHandler(audit_file)
    try:
        with caplog.at_level(logging.INFO):
            call_command("load_demo", force=True, stdout=io.StringIO())
    finally:
        audit_logger.removeHandler(audit_file)

    assert any('"event": "roles"' in r.getMessage() for r in audit_file.buffer)
    assert not [r for r in caplog.records if r.name == "newsroom.audit"]
    assert audit_logger.propagate  # back to the console afterwards
