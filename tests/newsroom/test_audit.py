"""The security audit trail: who did what and when, without secrets, unforgeable."""

import json
import logging

import pytest
from django.test import Client
from django.urls import reverse

from articles import services
from articles.models import Article
from newsroom import roles
from tests.factories import ArticleFactory
from tests.helpers import login

pytestmark = pytest.mark.django_db

LOGIN = reverse("admin:login")
PASSWORD = "a-long-test-password"


@pytest.fixture
def audit(caplog):
    """The audit events written during the test, parsed."""
    caplog.set_level(logging.INFO, logger="newsroom.audit")

    def events(kind=None):
        found = []
        for record in caplog.records:
            if record.name != "newsroom.audit":
                continue
            line = record.getMessage()
            assert "\n" not in line and "\r" not in line  # one event, one line
            event = json.loads(line)
            if kind is None or event["event"] == kind:
                found.append(event)
        return found

    return events


def post_login(client, username, password, address="10.0.0.7"):
    return client.post(
        LOGIN,
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
    )


def test_login_and_logout_are_recorded_with_who_where_and_when(make_user, audit):
    make_user(roles.EDITOR, "editor")
    client = Client()

    assert post_login(client, "editor", PASSWORD).status_code == 302
    session_key = client.cookies["sessionid"].value
    client.post(reverse("admin:logout"), REMOTE_ADDR="10.0.0.7")

    [entry] = audit("login")
    assert entry["user"] == "editor" and entry["ip"] == "10.0.0.7"
    assert entry["at"].endswith("+08:00")  # Asia/Shanghai
    assert audit("logout")[0]["user"] == "editor"
    everything = json.dumps(audit(), ensure_ascii=False)
    assert PASSWORD not in everything and session_key not in everything


def test_failures_and_the_lockout_are_recorded_without_the_password(
    make_user, audit, settings
):
    make_user(roles.REPORTER, "reporter")
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        post_login(client, "reporter", "guessed-secret-123")

    failures = audit("login_failed")
    assert len(failures) == settings.AXES_FAILURE_LIMIT
    assert {f["user"] for f in failures} == {"reporter"}
    assert {f["ip"] for f in failures} == {"10.0.0.7"}
    [lockout] = audit("lockout")
    assert lockout["user"] == "reporter" and lockout["ip"] == "10.0.0.7"
    assert "guessed-secret-123" not in json.dumps(audit())


def test_a_crafted_username_cannot_forge_a_log_line(audit):
    forged = 'x"}\n{"event": "login", "user": "chief"}\r\n\x1b[2J'

    post_login(Client(), forged, "whatever-password")

    [entry] = audit("login_failed")
    assert entry["user"] == forged  # kept exactly, inside one JSON string
    assert audit("login") == []


def test_refusals_in_the_admin_are_recorded(make_user, audit):
    reporter = make_user(roles.REPORTER, "reporter")
    queue = reverse("admin:articles_reviewqueue_changelist")

    assert login(reporter).get(queue).status_code == 403

    [entry] = audit("denied")
    assert entry["user"] == "reporter" and entry["path"] == queue


def test_a_refused_workflow_step_is_recorded(make_user, audit):
    reporter = make_user(roles.REPORTER, "reporter")
    article = ArticleFactory(author=reporter, status=Article.Status.IN_REVIEW)

    with pytest.raises(services.WorkflowError):
        services.article_approve(article=article, actor=reporter)

    [entry] = audit("denied")
    assert entry["user"] == "reporter"
    assert entry["action"] == "approve" and entry["article"] == article.pk


def test_publish_withdraw_and_delete_are_recorded(
    make_user, audit, django_capture_on_commit_callbacks, settings
):
    settings.REVIEW_LEVELS = 1
    reporter = make_user(roles.REPORTER, "reporter")
    chief = make_user(roles.CHIEF_EDITOR, "chief")
    article = ArticleFactory(
        author=reporter, status=Article.Status.IN_REVIEW, title="区里的消息"
    )

    with django_capture_on_commit_callbacks(execute=True):
        services.article_approve(article=article, actor=chief)
    with django_capture_on_commit_callbacks(execute=True):
        services.article_withdraw(article=article, actor=chief, reason="数据有误")
    response = login(chief).post(
        reverse("admin:articles_article_delete", args=[article.pk]), {"post": "yes"}
    )

    assert response.status_code == 302
    [published] = audit("publish")
    assert published["user"] == "chief" and published["article"] == article.pk
    assert published["to_status"] == "published"
    assert audit("withdraw")[0]["from_status"] == "published"
    [deleted] = audit("delete")
    assert deleted["user"] == "chief" and deleted["title"] == "区里的消息"


def test_a_step_rolled_back_is_not_recorded_as_done(make_user, audit, settings):
    settings.REVIEW_LEVELS = 1
    chief = make_user(roles.CHIEF_EDITOR, "chief")
    article = ArticleFactory(status=Article.Status.IN_REVIEW)

    # Inside the test's transaction nothing commits: the event must wait for it.
    services.article_approve(article=article, actor=chief)

    assert audit("publish") == []
