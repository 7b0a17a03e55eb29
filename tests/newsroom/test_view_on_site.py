"""The admin's "view on site" shortcut tells nothing about articles that are not
public: a reporter once read every article's title from its redirect (the slug)
and learnt which ids exist."""

import pytest
from django.contrib.contenttypes.models import ContentType

from articles.models import Article
from newsroom import roles
from tests.factories import ArticleFactory, DepartmentFactory
from tests.helpers import login

pytestmark = pytest.mark.django_db
S = Article.Status


def shortcut(model, pk):
    content_type = ContentType.objects.get_for_model(model)
    return f"/admin/r/{content_type.pk}/{pk}/"


@pytest.mark.parametrize(
    "state",
    [
        {"status": S.DRAFT},
        {"status": S.IN_REVIEW},
        {"status": S.WITHDRAWN},
        {"published_at": "2999-01-01T00:00:00+08:00"},
    ],
)
@pytest.mark.parametrize("role", [roles.REPORTER, roles.EDITOR])
def test_a_non_public_article_is_not_found(make_user, role, state):
    hidden = ArticleFactory(title="秘密的标题", slug="mi-mi-de-biao-ti", **state)
    client = login(make_user(role, "staff"))

    response = client.get(shortcut(Article, hidden.pk))

    assert response.status_code == 404
    assert "mi-mi" not in response.get("Location", "")
    assert "秘密" not in response.content.decode()
    missing = client.get(shortcut(Article, hidden.pk + 1000))
    assert missing.status_code == 404  # the same answer: no oracle


def test_a_public_article_and_a_department_are_shown(make_user):
    article = ArticleFactory()
    department = DepartmentFactory()
    client = login(make_user(roles.REPORTER, "staff"))

    assert client.get(shortcut(Article, article.pk))["Location"] == (
        article.get_absolute_url()
    )
    assert client.get(shortcut(type(department), department.pk)).status_code == 302


@pytest.mark.parametrize("pk", ["abc", "0", "-1", "9" * 30, "%ED%A0%80"])
def test_hostile_ids_are_not_found(make_user, pk):
    client = login(make_user(roles.REPORTER, "staff"))
    assert client.get(shortcut(Article, pk)).status_code == 404
    assert client.get(f"/admin/r/999999/{pk}/").status_code == 404
    assert client.get(shortcut(Article, "%00")).status_code == 400


def test_visitors_are_sent_to_log_in(client):
    article = ArticleFactory()
    response = client.get(shortcut(Article, article.pk))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
