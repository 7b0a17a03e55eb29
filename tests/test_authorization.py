"""Who may do what in the admin: every role × admin address × owner × state.

The expected answers are written out here from the newsroom's rules (DESIGN.md),
not read from the code under test:

- reporters see and work on their own articles only, and only while they are
  drafts or returned; they submit them; they never review, publish, withdraw or
  delete;
- editors and the chief editor see every article, edit drafts, returned, in-review
  and (with a correction note) published ones, review, withdraw, delete and
  recover; with one review level either may publish;
- the site administrator reads articles but changes none; manages people;
- a withdrawn article is edited by nobody; an anonymous visitor reaches nothing.

Each refused write is checked in the database, not by status code alone, and the
change form is posted with tampered status, publication time, review level and
author on every row.
"""

import datetime

import pytest
import reversion
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from articles.models import Article
from newsroom import roles
from tests.factories import ArticleFactory
from tests.helpers import form_data, png_file

pytestmark = pytest.mark.django_db

S = Article.Status
ANONYMOUS = "anonymous"
REPORTER, EDITOR, CHIEF, SITE_ADMIN = (
    roles.REPORTER,
    roles.EDITOR,
    roles.CHIEF_EDITOR,
    roles.SITE_ADMIN,
)
ROLES = [ANONYMOUS, REPORTER, EDITOR, CHIEF, SITE_ADMIN]
REVIEWERS = {EDITOR, CHIEF}
WRITERS = {REPORTER, EDITOR, CHIEF}
STATES = [S.DRAFT, S.IN_REVIEW, S.RETURNED, S.PUBLISHED, S.WITHDRAWN]
OWNERS = ["own", "other"]


def visible(role, own):
    return role in (EDITOR, CHIEF, SITE_ADMIN) or (role == REPORTER and own)


def may_edit(role, own, state):
    if role not in WRITERS or not visible(role, own):
        return False
    if state in (S.DRAFT, S.RETURNED):
        return own or role in REVIEWERS
    return state in (S.IN_REVIEW, S.PUBLISHED) and role in REVIEWERS


def may_delete(role, own, state):
    return role in REVIEWERS


def may_transition(action, role, own, state):
    if action == "submit":
        return state in (S.DRAFT, S.RETURNED) and may_edit(role, own, state)
    if action in ("approve", "return"):
        return state == S.IN_REVIEW and role in REVIEWERS
    if action == "withdraw":
        return state == S.PUBLISHED and role in REVIEWERS
    raise AssertionError(action)


# Each page about one article: the admin address's name, and who may open it.
PAGES = {
    "change": visible,
    "history": visible,
    "revision": visible,
    "preview": visible,
    "signoff": visible,
    "delete": lambda role, own: may_delete(role, own, None) and visible(role, own),
}


def page_url(name, article, version):
    args = [article.pk, version.pk] if name == "revision" else [article.pk]
    return reverse(f"admin:articles_article_{name}", args=args)


@pytest.fixture
def people(make_user):
    """One user per role, and a second reporter who owns the "other" articles."""
    users = {role: make_user(role, f"user-{n}") for n, role in enumerate(ROLES[1:])}
    users["owner"] = make_user(REPORTER, "other-reporter")
    return users


def client_for(people, role):
    client = Client()
    if role != ANONYMOUS:
        client.force_login(people[role])
    return client


def make_article(people, role, owner, state):
    """An article in ``state`` with two versions ("第一版" then "第二版")."""
    author = people[role] if owner == "own" and role != ANONYMOUS else people["owner"]
    published = state in (S.PUBLISHED, S.WITHDRAWN)
    with reversion.create_revision():
        article = ArticleFactory(
            title="第一版",
            author=author,
            status=state,
            published_at=timezone.now() - datetime.timedelta(days=1)
            if published
            else None,
        )
    first = Version.objects.get_for_object(article).get()
    with reversion.create_revision():
        article.title = "第二版"
        article.save()
    return article, first


def is_own(role, owner):
    return owner == "own" and role != ANONYMOUS


CASES = [(r, o, s) for r in ROLES for o in OWNERS for s in STATES]


def case_id(case):
    role, owner, state = case
    return f"{role}-{owner}-{state}"


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_pages(people, case):
    role, owner, state = case
    article, version = make_article(people, role, owner, state)
    client = client_for(people, role)
    own = is_own(role, owner)

    for name, rule in PAGES.items():
        response = client.get(page_url(name, article, version))
        allowed = rule(role, own) if role != ANONYMOUS else False
        assert (response.status_code == 200) == allowed, (name, response.status_code)
        if role == ANONYMOUS:
            assert response.status_code == 302 and "/login/" in response["Location"]


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_editing_with_tampered_fields(people, case):
    role, owner, state = case
    article, _ = make_article(people, role, owner, state)
    client = client_for(people, role)
    url = reverse("admin:articles_article_change", args=[article.pk])
    page = client.get(url)
    data = form_data(page) if page.status_code == 200 else {}
    data.update(
        title="改动后的标题",
        body="<p>改动后的正文</p>",
        correction_note="更正：标题有误",
        # Tampering: none of these is a field of the form.
        status=S.PUBLISHED,
        published_at="2001-01-01 08:00:00",
        review_level="3",
        author=str(people["owner"].pk),
        updated_by=str(people["owner"].pk),
    )
    before = Article.objects.get(pk=article.pk)

    client.post(url, data)

    after = Article.objects.get(pk=article.pk)
    assert (after.title == "改动后的标题") == may_edit(role, is_own(role, owner), state)
    assert after.status == before.status
    assert after.published_at == before.published_at
    assert after.review_level == before.review_level
    assert after.author_id == before.author_id


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_workflow_steps(people, case):
    role, owner, state = case
    own = is_own(role, owner)
    for action in ("submit", "approve", "return", "withdraw"):
        article, _ = make_article(people, role, owner, state)
        url = reverse("admin:articles_article_workflow", args=[article.pk, action])

        client_for(people, role).post(url, {"comment": "理由"})

        changed = Article.objects.get(pk=article.pk).status != state
        assert changed == may_transition(action, role, own, state), action


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_restoring_a_version(people, case):
    role, owner, state = case
    article, first = make_article(people, role, owner, state)
    url = reverse("admin:articles_article_revision", args=[article.pk, first.pk])

    client_for(people, role).post(url, {"note": "恢复原标题"})

    restored = Article.objects.get(pk=article.pk).title == "第一版"
    assert restored == may_edit(role, is_own(role, owner), state)


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_deleting_one_and_in_bulk(people, case):
    role, owner, state = case
    own = is_own(role, owner)
    article, _ = make_article(people, role, owner, state)
    client = client_for(people, role)

    # Deleting is no bulk action (the bulk actions are workflow steps).
    client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "delete_selected", "_selected_action": [article.pk], "post": "yes"},
    )
    assert Article.objects.filter(pk=article.pk).exists()

    client.post(
        reverse("admin:articles_article_delete", args=[article.pk]), {"post": "yes"}
    )
    gone = not Article.objects.filter(pk=article.pk).exists()
    assert gone == (may_delete(role, own, state) and visible(role, own))


@pytest.mark.parametrize("role", ROLES)
def test_recovering_a_deleted_article(people, role):
    article, _ = make_article(people, EDITOR, "other", S.DRAFT)
    with reversion.create_revision():
        article.save()
    version = Version.objects.get_for_object(article).first()
    pk = article.pk
    article.delete()
    client = client_for(people, role)
    allowed = role in REVIEWERS

    listing = client.get(reverse("admin:articles_article_recoverlist"))
    url = reverse("admin:articles_article_recover", args=[version.pk])
    page = client.get(url)
    client.post(url, form_data(page) if page.status_code == 200 else {})

    assert (listing.status_code == 200) == allowed
    assert Article.objects.filter(pk=pk).exists() == allowed


# Addresses that are not about one article: role → allowed?
DESK = {
    "article list": (
        lambda: reverse("admin:articles_article_changelist"),
        {REPORTER, EDITOR, CHIEF, SITE_ADMIN},
    ),
    "new article": (lambda: reverse("admin:articles_article_add"), WRITERS),
    "review queue": (
        lambda: reverse("admin:articles_reviewqueue_changelist"),
        REVIEWERS,
    ),
    "import": (lambda: reverse("admin:articles_article_import"), REVIEWERS),
    "sensitive words": (
        lambda: reverse("admin:articles_sensitiveword_changelist"),
        REVIEWERS,
    ),
    "officials": (
        lambda: reverse("admin:people_official_changelist"),
        {REPORTER, EDITOR, CHIEF, SITE_ADMIN},
    ),
    "new official": (lambda: reverse("admin:people_official_add"), {SITE_ADMIN}),
    "new department": (lambda: reverse("admin:people_department_add"), {SITE_ADMIN}),
    "new reporter": (
        lambda: reverse("admin:people_reporter_add"),
        {REPORTER, EDITOR, CHIEF, SITE_ADMIN},
    ),
    "users": (lambda: reverse("admin:auth_user_changelist"), {SITE_ADMIN}),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", DESK)
def test_desk_pages(people, role, name):
    url, allowed = DESK[name]

    response = client_for(people, role).get(url())

    assert (response.status_code == 200) == (role in allowed), response.status_code


@pytest.mark.parametrize("role", ROLES)
def test_uploading_an_image(people, role):
    response = client_for(people, role).post(
        reverse("admin:articles_article_upload_image"), {"image": png_file()}
    )

    assert (response.status_code == 200) == (role in WRITERS)


@pytest.mark.parametrize("role", ROLES)
def test_adding_an_article_with_tampered_fields(people, role):
    client = client_for(people, role)
    url = reverse("admin:articles_article_add")
    page = client.get(url)
    data = form_data(page) if page.status_code == 200 else {}
    data.update(
        title="新稿件",
        body="<p>正文</p>",
        status=S.PUBLISHED,
        published_at="2001-01-01 08:00:00",
        author=str(people["owner"].pk),
    )

    client.post(url, data)

    created = Article.objects.filter(title="新稿件").first()
    assert (created is not None) == (role in WRITERS)
    if created:
        assert created.status == S.DRAFT and created.published_at is None
        assert created.author == people[role]


# Accounts, groups and permissions: role → what each may do (newsroom/admin.py).
ACCOUNTS = {
    "list users": ({SITE_ADMIN}, lambda p: reverse("admin:auth_user_changelist")),
    "add a user": ({SITE_ADMIN}, lambda p: reverse("admin:auth_user_add")),
    "change a reporter": (
        {SITE_ADMIN},
        lambda p: reverse("admin:auth_user_change", args=[p["owner"].pk]),
    ),
    "change a superuser": (
        set(),
        lambda p: reverse("admin:auth_user_change", args=[p["root"].pk]),
    ),
    "change a site admin": (
        set(),
        lambda p: reverse("admin:auth_user_change", args=[p["other-admin"].pk]),
    ),
    "set a superuser's password": (
        set(),
        lambda p: reverse("admin:auth_user_password_change", args=[p["root"].pk]),
    ),
    "add a group": (set(), lambda p: reverse("admin:auth_group_add")),
    # Read-only to site admins: single permissions and roles are the superuser's
    # (tests/newsroom/test_accounts.py posts the changes an attacker would).
    "see the roles": ({SITE_ADMIN}, lambda p: reverse("admin:auth_group_changelist")),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", ACCOUNTS)
def test_accounts_groups_and_permissions(
    people, role, name, make_user, django_user_model
):
    people["root"] = django_user_model.objects.create_superuser(
        "root", "root@example.com", "a-long-root-password"
    )
    people["other-admin"] = make_user(SITE_ADMIN, "other-admin")
    allowed, url = ACCOUNTS[name]

    response = client_for(people, role).get(url(people))

    assert (response.status_code == 200) == (role in allowed), response.status_code
