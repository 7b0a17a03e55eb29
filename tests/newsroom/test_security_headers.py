import pytest
from django.urls import reverse

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def policy(response):
    return dict(
        part.strip().split(" ", 1)
        for part in response["Content-Security-Policy"].split(";")
    )


def test_public_pages_have_a_strict_content_security_policy(client):
    article = ArticleFactory()
    for url in ["/", article.get_absolute_url(), "/search/?q=会议", "/feeds/latest/"]:
        response = client.get(url)
        csp = policy(response)
        assert csp["script-src"] == "'self'", url
        assert csp["style-src"] == "'self'", url
        assert csp["object-src"] == "'none'"
        assert csp["frame-ancestors"] == "'none'"
        assert "unsafe" not in response["Content-Security-Policy"], url
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert response["X-Frame-Options"] == "DENY"


def test_the_admin_has_its_own_policy_that_still_forbids_other_origins(admin_client):
    response = admin_client.get(reverse("admin:articles_article_add"))
    csp = policy(response)

    assert "'unsafe-inline'" in csp["script-src"]  # the editor's import map
    assert csp["default-src"] == "'self'"
    assert csp["object-src"] == "'none'"
    assert csp["frame-ancestors"] == "'none'"


def test_cached_public_pages_keep_the_policy(client, settings):
    settings.PUBLIC_PAGE_CACHE = True
    ArticleFactory()
    client.get("/")
    hit = client.get("/")
    assert hit["X-Cache"] == "hit"
    assert policy(hit)["script-src"] == "'self'"
