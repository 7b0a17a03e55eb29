"""The desk's notifications (待办): written after a step commits, for the people
it concerns; e-mail optional; group-chat robots told through a webhook (a local
HTTP server here, never the internet). A failing channel never fails the step."""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.urls import reverse

from articles import services
from articles.models import Article, Notification
from newsroom import roles
from tests.factories import ArticleFactory, ReporterFactory
from tests.helpers import login

pytestmark = pytest.mark.django_db
S = Article.Status
Kind = Notification.Kind


@pytest.fixture
def people(make_user):
    reporter = make_user(roles.REPORTER, "jing", first_name="景静")
    ReporterFactory(name="景静", user=reporter)
    editor = make_user(roles.EDITOR, "wang", last_name="王", first_name="芳")
    return reporter, editor


def draft(author, title="座谈会"):
    return ArticleFactory(status=S.DRAFT, author=author, published_at=None, title=title)


def kinds(user):
    return list(Notification.objects.filter(user=user).values_list("kind", flat=True))


def test_each_step_tells_those_it_concerns(people, django_capture_on_commit_callbacks):
    reporter, editor = people
    article = draft(reporter)
    with django_capture_on_commit_callbacks(execute=True):
        services.article_submit(article=article, actor=reporter)
    assert kinds(editor) == [Kind.SUBMITTED]
    assert kinds(reporter) == []  # not told of their own step
    with django_capture_on_commit_callbacks(execute=True):
        services.article_return(article=article, actor=editor, comment="补充数据")
    notice = Notification.objects.get(user=reporter)
    assert notice.kind == Kind.RETURNED and "补充数据" in notice.text
    with django_capture_on_commit_callbacks(execute=True):
        services.article_submit(article=article, actor=reporter)
        article = services.article_approve(article=article, actor=editor)
    assert sorted(kinds(reporter)) == sorted([Kind.RETURNED, Kind.APPROVED])
    with django_capture_on_commit_callbacks(execute=True):
        services.article_correct(article=article, actor=editor, note="更正人数")
    assert Kind.CORRECTED in kinds(reporter)


def test_nothing_is_written_before_the_commit(people):
    reporter, editor = people
    services.article_submit(article=draft(reporter), actor=reporter)
    assert Notification.objects.count() == 0


def test_a_comment_that_names_someone_tells_them(
    people, make_user, django_capture_on_commit_callbacks
):
    reporter, editor = people
    chief = make_user(roles.CHIEF_EDITOR, "zhao", last_name="赵", first_name="总")
    article = draft(reporter)
    services.article_submit(article=article, actor=reporter)
    with django_capture_on_commit_callbacks(execute=True):
        services.article_return(
            article=article, actor=editor, comment="请@赵总核对领导排序，@景静补充"
        )
    mention = Notification.objects.get(user=chief, kind=Kind.MENTIONED)
    assert "王芳" in mention.text  # the desk's name of who wrote it
    assert Kind.MENTIONED in kinds(reporter)
    assert not Notification.objects.filter(user=editor, kind=Kind.MENTIONED).exists()


def test_email_is_optional(
    people, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.NOTIFY_BY_EMAIL = False
    reporter, editor = people
    with django_capture_on_commit_callbacks(execute=True):
        services.article_submit(article=draft(reporter), actor=reporter)
    assert mailoutbox == []
    assert kinds(editor) == [Kind.SUBMITTED]


class Robot(BaseHTTPRequestHandler):
    received = []
    status = 200
    delay = 0

    def do_POST(self):
        time.sleep(self.delay)
        length = int(self.headers["Content-Length"])
        type(self).received.append(json.loads(self.rfile.read(length)))
        self.send_response(self.status)
        self.end_headers()
        self.wfile.write(b'{"errcode":0}')

    def log_message(self, *args):
        pass


@pytest.fixture
def robot():
    Robot.received = []
    Robot.status = 200
    Robot.delay = 0
    server = HTTPServer(("127.0.0.1", 0), Robot)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def test_the_robots_hear_of_a_submission(
    people, settings, robot, django_capture_on_commit_callbacks
):
    settings.NOTIFY_WEBHOOK_URLS = [f"http://127.0.0.1:{robot.server_port}/send?key=k"]
    reporter, editor = people
    with django_capture_on_commit_callbacks(execute=True):
        services.article_submit(article=draft(reporter, "秋粮收购"), actor=reporter)
    assert len(Robot.received) == 1
    message = Robot.received[0]
    assert message["msgtype"] == "text"
    assert "【待审】秋粮收购" in message["text"]["content"]


def test_a_robot_that_fails_or_is_gone_never_fails_the_step(
    people, settings, robot, caplog, django_capture_on_commit_callbacks
):
    Robot.status = 500
    settings.NOTIFY_WEBHOOK_URLS = [
        f"http://127.0.0.1:{robot.server_port}/send",
        "http://127.0.0.1:9/nobody-listens",
        "ftp://example.invalid/",
    ]
    settings.NOTIFY_WEBHOOK_TIMEOUT = 1
    reporter, editor = people
    article = draft(reporter)
    with django_capture_on_commit_callbacks(execute=True):
        services.article_submit(article=article, actor=reporter)
    article.refresh_from_db()
    assert article.status == S.IN_REVIEW
    assert kinds(editor) == [Kind.SUBMITTED]
    assert caplog.text.count("群机器人通知未能发出") == 2
    assert "机器人地址无效" in caplog.text


def test_the_bell_counts_unread_and_opening_one_marks_it_read(
    people, django_capture_on_commit_callbacks
):
    reporter, editor = people
    article = draft(reporter)
    with django_capture_on_commit_callbacks(execute=True):
        services.article_submit(article=article, actor=reporter)
    client = login(editor)
    home = client.get(reverse("admin:index")).content.decode()
    assert 'aria-label="1 条未读"' in home
    notice = Notification.objects.get(user=editor)
    opened = client.get(reverse("admin:articles_notification_change", args=[notice.pk]))
    assert opened["Location"] == reverse(
        "admin:articles_article_change", args=[article.pk]
    )
    notice.refresh_from_db()
    assert notice.read_at is not None
    home = client.get(reverse("admin:index")).content.decode()
    assert 'aria-label="0 条未读"' in home


def test_nobody_opens_or_lists_anothers_notifications(
    people, django_capture_on_commit_callbacks
):
    reporter, editor = people
    with django_capture_on_commit_callbacks(execute=True):
        services.article_submit(article=draft(reporter), actor=reporter)
    notice = Notification.objects.get(user=editor)
    client = login(reporter)
    url = reverse("admin:articles_notification_change", args=[notice.pk])
    assert client.get(url).status_code == 404
    listing = client.get(reverse("admin:articles_notification_changelist"))
    assert listing.context["cl"].result_count == 0
    for bad in ["x", "0", "99999999999999999999", "1%00"]:
        response = client.get(f"/admin/articles/notification/{bad}/change/")
        assert response.status_code in (302, 400, 404)
    notice.refresh_from_db()
    assert notice.read_at is None


def test_marking_all_read(people, django_capture_on_commit_callbacks):
    reporter, editor = people
    with django_capture_on_commit_callbacks(execute=True):
        services.article_submit(article=draft(reporter, "一"), actor=reporter)
        services.article_submit(article=draft(reporter, "二"), actor=reporter)
    client = login(editor)
    client.post(reverse("admin:articles_notification_read_all"))
    assert not Notification.objects.filter(user=editor, read_at=None).exists()


def test_a_slow_robot_is_given_up_after_the_timeout(
    people, settings, robot, caplog, django_capture_on_commit_callbacks
):
    Robot.delay = 3
    settings.NOTIFY_WEBHOOK_URLS = [f"http://127.0.0.1:{robot.server_port}/send"]
    settings.NOTIFY_WEBHOOK_TIMEOUT = 1
    reporter, editor = people
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        services.article_submit(article=draft(reporter), actor=reporter)
    assert time.monotonic() - started < 2.5
    assert "群机器人通知未能发出" in caplog.text
    assert kinds(editor) == [Kind.SUBMITTED]


def test_the_author_hears_of_a_lower_level_signed(
    people, settings, django_capture_on_commit_callbacks
):
    settings.REVIEW_LEVELS = 2
    reporter, editor = people
    article = draft(reporter, "秋收")
    services.article_submit(article=article, actor=reporter)
    with django_capture_on_commit_callbacks(execute=True):
        services.article_approve(article=article, actor=editor)
    notice = Notification.objects.get(user=reporter)
    assert (notice.kind, notice.text) == (
        Kind.APPROVED,
        "《秋收》已初审通过，等待下一级审核",
    )
