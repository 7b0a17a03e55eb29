"""Bad input reported as 500s, each answered now with 400/404 or a form error
(the fuzz test, tests/test_fuzz.py, walks every route; these name the cases)."""

import datetime
import json

import pytest
from django.test import Client
from django.urls import reverse

from articles.editorial.importer import Page, ParsedArticle, import_edition, store
from articles.models import Article, ArticleAutosave
from newsroom import roles
from tests.factories import ArticleFactory, OfficialFactory
from tests.helpers import login

pytestmark = pytest.mark.django_db


@pytest.fixture
def client():
    return Client(raise_request_exception=False)


@pytest.mark.parametrize(
    "path",
    [
        "/archive/0/",
        "/archive/2023/0/",
        "/archive/2023/13/",
        "/archive/2023/2/30/",
        "/archive/" + "9" * 30 + "/",
        "/archive/9999/12/31/",
        "/archive/1/1/1/",
    ],
)
def test_archive_dates_outside_the_calendar_are_not_found(client, path):
    assert client.get(path).status_code == 404


@pytest.mark.parametrize(
    "dates",
    [
        {"start": "9999-12-31"},
        {"end": "9999-12-31"},
        {"start": "0001-01-01"},
        {"end": "0001-01-01"},
        {"start": "0001-01-01", "end": "9999-12-31"},
    ],
)
def test_search_dates_at_the_ends_of_the_calendar_are_a_form_error(client, dates):
    ArticleFactory(title="生态环境稿件")
    response = client.get(reverse("search"), {"q": "生态环境", **dates})
    assert response.status_code == 200
    assert "请检查检索条件" in response.content.decode()


def test_a_cursor_with_huge_numbers_is_not_found(client):
    ArticleFactory()
    huge = "9" * 30
    assert client.get(f"/archive/?after={huge}-{huge}").status_code == 404
    assert client.get(f"/archive/?before=1-{huge}").status_code == 404


@pytest.mark.parametrize("target", ["x", "javascript:alert(1)", "//evil.example/"])
def test_the_display_switch_goes_home_for_any_other_target(client, target):
    response = client.get(reverse("display_mode"), {"next": target})
    assert response.status_code == 302
    assert response["Location"] == "/"


@pytest.mark.parametrize(
    "path",
    ["/officials/%00/", "/tags/a%00b/", "/feeds/officials/%00/", "/search/?q=%00"],
)
def test_nul_in_a_path_or_query_is_a_bad_request(client, path):
    OfficialFactory()
    assert client.get(path).status_code == 400


def test_nul_in_a_form_post_is_a_bad_request(make_user):
    staff = login(make_user(roles.EDITOR, "editor"))
    response = staff.post(
        reverse("admin:people_department_add"),
        "name=a%00b&slug=x",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 400


@pytest.mark.parametrize("object_id", ["abc", "-1", "0", "9" * 30, "9" * 5000, "1.5"])
@pytest.mark.parametrize("view", ["change", "workflow/submit", "preview", "history"])
def test_non_integer_ids_in_the_desk_are_not_found(make_user, object_id, view):
    staff = login(make_user(roles.EDITOR, "editor"))
    staff.raise_request_exception = False
    url = f"/admin/articles/article/{object_id}/{view}/"
    response = staff.post(url) if view.startswith("workflow") else staff.get(url)
    assert response.status_code in (302, 404)


@pytest.mark.parametrize(
    "body",
    [
        b"[1, 2]",
        b'"text"',
        b"null",
        b'{"data": [1]}',
        b'{"data": "x"}',
        b'{"article": "abc", "data": {}}',
        b'{"article": 99999999999999999999999999, "data": {}}',
        b'{"article": -1, "data": {}}',
        b"{not json",
    ],
)
def test_malformed_autosave_is_refused(make_user, body):
    staff = login(make_user(roles.REPORTER, "reporter"))
    response = staff.post(
        reverse("admin:articles_article_autosave"),
        body,
        content_type="application/json",
    )
    assert response.status_code in (400, 403, 404)
    assert json.loads(response.content)["error"]


def test_an_autosave_holding_nul_is_kept_without_it(make_user):
    reporter = make_user(roles.REPORTER, "reporter")
    response = login(reporter).post(
        reverse("admin:articles_article_autosave"),
        {"data": {"title": "标\u0000题"}},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert ArticleAutosave.objects.get(user=reporter).data["title"] == "标题"


@pytest.mark.parametrize(
    "fields",
    [
        {"subtitle": "副题很长" * 60},
        {"kicker": "引题" * 120},
        {"source": "本报讯" * 30},
        {"captions": ["图片说明" * 100]},
    ],
)
def test_an_import_whose_fields_exceed_the_columns_keeps_the_text(monkeypatch, fields):
    """The parser keeps headline lines short, but what it hands the store is
    checked against the columns too (PostgreSQL refuses a long value outright)."""
    parsed = Page(
        articles=[
            ParsedArticle(
                title="区里召开专题会议",
                paragraphs=["区里召开专题会议，研究部署有关工作。"],
                line=1,
                end_line=3,
                **fields,
            )
        ]
    )
    monkeypatch.setattr(store, "parse_page", lambda text, roster=(): parsed)

    result = import_edition("（任意文字）", edition_date=datetime.date(2023, 11, 24))

    (article,) = result.drafts
    stored = Article.objects.get(pk=article.pk)
    assert "研究部署有关工作" in stored.body
    assert stored.import_notes  # flagged for a person, with the reason
    for name in ("subtitle", "kicker", "source", "image_caption"):
        limit = Article._meta.get_field(name).max_length
        assert len(getattr(stored, name)) <= limit
