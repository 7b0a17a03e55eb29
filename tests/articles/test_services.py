import datetime
import itertools

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from articles import services
from articles.models import Article, ReviewLog
from newsroom import roles
from tests.factories import ArticleFactory, full_article
from tests.helpers import public_urls

pytestmark = pytest.mark.django_db

S = Article.Status
STATES = [S.DRAFT, S.IN_REVIEW, S.RETURNED, S.PUBLISHED, S.WITHDRAWN]
ACTIONS = ["submit", "recall", "approve", "return", "unschedule", "withdraw"]
ACTORS = ["author", "other_reporter", "editor", "chief", "site_admin", "no_role"]

# Who may do what, from which states, with one review level. Anything not listed
# must be refused.
ALLOWED = {
    ("author", "submit"): {S.DRAFT, S.RETURNED},
    # Only the author takes back a submission, and only while nobody has signed.
    ("author", "recall"): {S.IN_REVIEW},
    ("editor", "submit"): {S.DRAFT, S.RETURNED},
    ("chief", "submit"): {S.DRAFT, S.RETURNED},
    ("editor", "approve"): {S.IN_REVIEW},
    ("chief", "approve"): {S.IN_REVIEW},
    ("editor", "return"): {S.IN_REVIEW},
    ("chief", "return"): {S.IN_REVIEW},
    ("editor", "withdraw"): {S.PUBLISHED},
    ("chief", "withdraw"): {S.PUBLISHED},
}
EXPECTED_STATE = {
    "submit": S.IN_REVIEW,
    "approve": S.PUBLISHED,
    "return": S.RETURNED,
    "withdraw": S.WITHDRAWN,
    "recall": S.DRAFT,
    "unschedule": S.IN_REVIEW,
}
# unschedule is allowed for nobody here: these articles have no publication time
# (test_cancelling_a_schedule covers it).


@pytest.fixture
def people(make_user):
    return {
        "author": make_user(roles.REPORTER, "author"),
        "other_reporter": make_user(roles.REPORTER, "other"),
        "editor": make_user(roles.EDITOR, "editor"),
        "chief": make_user(roles.CHIEF_EDITOR, "chief"),
        "site_admin": make_user(roles.SITE_ADMIN, "siteadmin"),
        "no_role": make_user(None, "nobody"),
    }


def article_in(state, author):
    return ArticleFactory(status=state, author=author, published_at=None)


def call(action, article, actor):
    comment = "请补充数据来源" if action in ("return", "withdraw") else ""
    if action == "submit":
        return services.article_submit(article=article, actor=actor, comment=comment)
    if action == "approve":
        return services.article_approve(article=article, actor=actor, comment=comment)
    if action == "return":
        return services.article_return(article=article, actor=actor, comment=comment)
    if action == "recall":
        return services.article_recall(article=article, actor=actor)
    if action == "unschedule":
        return services.article_unschedule(article=article, actor=actor)
    return services.article_withdraw(article=article, actor=actor, reason=comment)


@pytest.mark.parametrize(
    ("actor", "action", "state"), list(itertools.product(ACTORS, ACTIONS, STATES))
)
def test_every_role_every_transition_every_state(people, actor, action, state):
    article = article_in(state, people["author"])
    allowed = state in ALLOWED.get((actor, action), set())

    if allowed:
        result = call(action, article, people[actor])
        assert result.status == EXPECTED_STATE[action]
        log = ReviewLog.objects.get(article=article, action__in=[action, "publish"])
        assert (log.actor, log.from_status, log.to_status) == (
            people[actor],
            state,
            EXPECTED_STATE[action],
        )
    else:
        with pytest.raises(services.WorkflowError) as refused:
            call(action, article, people[actor])
        assert refused.value.message  # a clear message for the user
        article.refresh_from_db()
        assert article.status == state
        assert not ReviewLog.objects.filter(article=article).exists()


@pytest.mark.parametrize(
    ("actor", "action", "state"), list(itertools.product(ACTORS, ACTIONS, STATES))
)
def test_direct_posts_to_the_workflow_url_follow_the_same_rules(
    client, people, actor, action, state
):
    article = article_in(state, people["author"])
    client.force_login(people[actor])
    url = reverse("admin:articles_article_workflow", args=[article.pk, action])

    client.post(url, {"comment": "理由"})

    article.refresh_from_db()
    if state in ALLOWED.get((actor, action), set()):
        assert article.status == EXPECTED_STATE[action]
    else:
        assert article.status == state


def test_workflow_url_refuses_get_and_anonymous(client, people):
    article = article_in(S.DRAFT, people["author"])
    url = reverse("admin:articles_article_workflow", args=[article.pk, "submit"])

    assert client.post(url).status_code == 302  # anonymous: to the login page
    client.force_login(people["author"])
    assert client.get(url).status_code == 403
    article.refresh_from_db()
    assert article.status == S.DRAFT


@pytest.mark.parametrize("blank", ["", "   "])
def test_returning_and_withdrawing_need_a_comment(people, blank):
    in_review = article_in(S.IN_REVIEW, people["author"])
    published = ArticleFactory(author=people["author"])

    with pytest.raises(services.WorkflowError, match="退回意见"):
        services.article_return(
            article=in_review, actor=people["editor"], comment=blank
        )
    with pytest.raises(services.WorkflowError, match="撤稿理由"):
        services.article_withdraw(
            article=published, actor=people["editor"], reason=blank
        )


def test_inactive_editor_cannot_act(people):
    people["editor"].is_active = False
    people["editor"].save()
    article = article_in(S.IN_REVIEW, people["author"])

    with pytest.raises(services.WorkflowError):
        services.article_approve(article=article, actor=people["editor"])


def test_anonymous_user_cannot_act(people):
    article = article_in(S.DRAFT, people["author"])
    with pytest.raises(services.WorkflowError):
        services.article_submit(article=article, actor=AnonymousUser())


class TestThreeLevels:
    @pytest.fixture(autouse=True)
    def three_levels(self, settings):
        settings.REVIEW_LEVELS = 3

    @pytest.fixture
    def staff(self, make_user, people):
        return {**people, "editor2": make_user(roles.EDITOR, "editor2")}

    def test_each_level_is_signed_by_a_different_person(self, staff):
        article = article_in(S.DRAFT, staff["author"])
        services.article_submit(article=article, actor=staff["author"])

        article = services.article_approve(article=article, actor=staff["editor"])
        assert (article.status, article.review_level) == (S.IN_REVIEW, 1)
        with pytest.raises(services.WorkflowError, match="其他人"):
            services.article_approve(article=article, actor=staff["editor"])

        article = services.article_approve(article=article, actor=staff["editor2"])
        assert (article.status, article.review_level) == (S.IN_REVIEW, 2)
        with pytest.raises(services.WorkflowError, match="总编辑"):
            services.article_approve(article=article, actor=staff["editor2"])

        article = services.article_approve(article=article, actor=staff["chief"])
        assert article.status == S.PUBLISHED
        signed = article.review_logs.filter(action__in=["approve", "publish"])
        assert [(log.level, log.actor.username) for log in signed] == [
            (1, "editor"),
            (2, "editor2"),
            (3, "chief"),
        ]

    def test_an_editor_cannot_sign_their_own_article(self, staff):
        article = article_in(S.DRAFT, staff["editor"])
        services.article_submit(article=article, actor=staff["editor"])

        with pytest.raises(services.WorkflowError, match="作者"):
            services.article_approve(article=article, actor=staff["editor"])

    def test_returning_starts_a_new_round_of_signatures(self, staff):
        article = article_in(S.DRAFT, staff["author"])
        services.article_submit(article=article, actor=staff["author"])
        services.article_approve(article=article, actor=staff["editor"])
        services.article_return(
            article=article, actor=staff["editor2"], comment="改标题"
        )
        article.refresh_from_db()
        assert (article.status, article.review_level) == (S.RETURNED, 0)

        services.article_submit(article=article, actor=staff["author"])
        article = services.article_approve(article=article, actor=staff["editor"])

        assert article.review_level == 1

    def test_sign_off_sheet_lists_each_level(self, staff, client):
        article = article_in(S.DRAFT, staff["author"])
        services.article_submit(article=article, actor=staff["author"])
        for signer in ("editor", "editor2", "chief"):
            services.article_approve(
                article=article, actor=staff[signer], comment=f"{signer}同意"
            )
        client.force_login(staff["editor"])

        html = client.get(
            reverse("admin:articles_article_signoff", args=[article.pk])
        ).content.decode()

        for text in ["初审", "复审", "终审", "editor同意", "editor2同意", "chief同意"]:
            assert text in html


def test_two_levels_need_the_chief_for_the_final_signature(settings, make_user, people):
    settings.REVIEW_LEVELS = 2
    editor2 = make_user(roles.EDITOR, "editor2")
    article = article_in(S.DRAFT, people["author"])
    services.article_submit(article=article, actor=people["author"])
    services.article_approve(article=article, actor=people["editor"])

    with pytest.raises(services.WorkflowError, match="终审"):
        services.article_approve(article=article, actor=editor2)
    article = services.article_approve(article=article, actor=people["chief"])
    assert article.status == S.PUBLISHED


def test_scheduled_article_appears_only_when_its_time_comes(people, time_machine):
    now = datetime.datetime(2024, 3, 1, 8, tzinfo=datetime.UTC)
    time_machine.move_to(now, tick=False)
    article = ArticleFactory(
        status=S.IN_REVIEW,
        author=people["author"],
        published_at=now + datetime.timedelta(hours=3),
    )

    article = services.article_approve(article=article, actor=people["editor"])

    assert article.status == S.PUBLISHED
    assert article.is_scheduled()
    assert not Article.objects.published().exists()
    time_machine.move_to(now + datetime.timedelta(hours=3, seconds=1), tick=False)
    assert list(Article.objects.published()) == [article]


def test_approving_without_a_time_publishes_now(people, time_machine):
    now = datetime.datetime(2024, 3, 1, 8, tzinfo=datetime.UTC)
    time_machine.move_to(now, tick=False)
    article = article_in(S.IN_REVIEW, people["author"])

    article = services.article_approve(article=article, actor=people["editor"])

    assert article.published_at == now
    assert article.is_published()


def test_withdrawing_removes_the_article_from_every_public_page(client, people):
    article = full_article(title="即将撤下的稿件", author=people["author"])
    urls = public_urls(article)
    assert "即将撤下的稿件" in client.get(urls[0]).content.decode()

    services.article_withdraw(
        article=article, actor=people["editor"], reason="内容有误"
    )

    for url in urls:
        assert "即将撤下的稿件" not in client.get(url).content.decode(), url
    assert client.get(article.get_absolute_url()).status_code == 404


def test_every_transition_keeps_a_version(people):
    from reversion.models import Version

    article = article_in(S.DRAFT, people["author"])
    services.article_submit(article=article, actor=people["author"])
    services.article_approve(article=article, actor=people["editor"])

    versions = Version.objects.get_for_object(article)
    assert versions.count() == 2
    assert versions.first().revision.user == people["editor"]


def test_editors_are_emailed_on_submit_and_the_author_on_return_and_publish(
    people, mailoutbox, django_capture_on_commit_callbacks
):
    article = article_in(S.DRAFT, people["author"])

    with django_capture_on_commit_callbacks(execute=True):
        services.article_submit(article=article, actor=people["author"])
    recipients = sorted(address for mail in mailoutbox for address in mail.to)
    assert recipients == ["chief@example.com", "editor@example.com"]
    assert "待审" in mailoutbox[0].subject

    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.article_return(
            article=article, actor=people["editor"], comment="补充数据"
        )
    assert [mail.to for mail in mailoutbox] == [["author@example.com"]]
    assert "补充数据" in mailoutbox[0].body

    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.article_submit(article=article, actor=people["author"])
        mailoutbox.clear()
        services.article_approve(article=article, actor=people["editor"])
    published = [mail for mail in mailoutbox if "发布" in mail.subject]
    assert [mail.to for mail in published] == [["author@example.com"]]


def test_notifications_wait_for_the_commit(people, mailoutbox):
    article = article_in(S.DRAFT, people["author"])
    services.article_submit(article=article, actor=people["author"])
    # pytest-django's test transaction never commits, so nothing was sent.
    assert mailoutbox == []


def test_recall_only_before_anyone_has_signed(settings, people, make_user):
    settings.REVIEW_LEVELS = 2
    article = article_in(S.DRAFT, people["author"])
    services.article_submit(article=article, actor=people["author"])
    services.article_approve(article=article, actor=people["editor"])

    with pytest.raises(services.WorkflowError) as refused:
        services.article_recall(article=article, actor=people["author"])

    assert "已有审稿人签字" in refused.value.message
    article.refresh_from_db()
    assert article.status == S.IN_REVIEW


def test_recall_makes_a_draft_the_author_may_edit_again(people):
    article = article_in(S.DRAFT, people["author"])
    article = services.article_submit(article=article, actor=people["author"])
    assert not services.can_edit(people["author"], article)

    article = services.article_recall(article=article, actor=people["author"])

    assert (article.status, article.review_level, article.submitted_at) == (
        S.DRAFT,
        0,
        None,
    )
    assert services.can_edit(people["author"], article)
    assert article.review_logs.last().action == "recall"
    assert not Article.objects.in_review().exists()


def test_cancelling_a_schedule(people, time_machine):
    time_machine.move_to(datetime.datetime(2026, 12, 1, 9, tzinfo=datetime.UTC))
    later = datetime.datetime(2026, 12, 2, 0, 30, tzinfo=datetime.UTC)
    article = article_in(S.DRAFT, people["author"])
    article.published_at = later
    article.save()
    services.article_submit(article=article, actor=people["author"])
    article = services.article_approve(article=article, actor=people["editor"])
    assert article.is_scheduled()
    assert services.WORKFLOW["approve"].done(article) == (
        "已定时签发，将于 2026-12-02 08:30 自动发布。"
    )
    with pytest.raises(services.WorkflowError):
        services.article_unschedule(article=article, actor=people["author"])

    article = services.article_unschedule(article=article, actor=people["editor"])

    assert (article.status, article.published_at) == (S.IN_REVIEW, None)
    assert services.next_level(article) == services.review_levels()
    log = article.review_logs.last()
    assert (log.action, log.comment) == ("unschedule", "原定 2026-12-02 08:30 发布")
    time_machine.move_to(later + datetime.timedelta(hours=1))
    assert not Article.objects.published().exists()
    # A live article is withdrawn, not unscheduled.
    article = services.article_approve(article=article, actor=people["editor"])
    with pytest.raises(services.WorkflowError) as refused:
        services.article_unschedule(article=article, actor=people["editor"])
    assert "不是定时签发" in refused.value.message


def test_a_cancelled_schedule_is_signed_again_by_the_chief(
    settings, people, make_user, time_machine
):
    settings.REVIEW_LEVELS = 3
    time_machine.move_to(datetime.datetime(2026, 12, 1, 9, tzinfo=datetime.UTC))
    editor2 = make_user(roles.EDITOR, "editor2")
    article = article_in(S.DRAFT, people["author"])
    article.published_at = datetime.datetime(2026, 12, 2, tzinfo=datetime.UTC)
    article.save()
    services.article_submit(article=article, actor=people["author"])
    for signer in (people["editor"], editor2, people["chief"]):
        article = services.article_approve(article=article, actor=signer)
    assert article.is_scheduled()

    article = services.article_unschedule(article=article, actor=people["chief"])
    assert services.next_level(article) == 3
    with pytest.raises(services.WorkflowError):  # 终审 still takes the chief
        services.article_approve(article=article, actor=people["editor"])
    article = services.article_approve(article=article, actor=people["chief"])

    assert article.status == S.PUBLISHED and article.is_published()
