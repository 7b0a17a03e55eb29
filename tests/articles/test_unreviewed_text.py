"""Nothing a reporter types reaches the public site unreviewed, and reporters do
not learn the tags of others' unpublished articles.

A reporter once created a tag and a reporter profile and so made public pages
with their text (/tags/<slug>/, /reporters/<slug>/).
"""

import pytest
from django.urls import reverse
from taggit.models import Tag

from articles.models import Article
from newsroom import roles
from people.models import Reporter
from tests.factories import ArticleFactory, BylineFactory, ReporterFactory
from tests.helpers import login

pytestmark = pytest.mark.django_db
S = Article.Status


@pytest.fixture
def reporter(make_user):
    return make_user(roles.REPORTER, "reporter", first_name="景静")


def test_a_tag_made_in_the_admin_has_no_public_page(reporter, client):
    staff = login(reporter)
    staff.post(reverse("admin:taggit_tag_add"), {"name": "未经审核的话", "slug": "wei"})
    assert Tag.objects.filter(slug="wei").exists()

    assert client.get("/tags/wei/").status_code == 404

    ArticleFactory(status=S.DRAFT).tags.add("未经审核的话")
    assert client.get("/tags/wei/").status_code == 404
    ArticleFactory(title="审过的稿件").tags.add("未经审核的话")
    page = client.get("/tags/wei/")
    assert page.status_code == 200 and "审过的稿件" in page.content.decode()


def test_a_reporter_profile_has_a_page_only_with_a_public_article(reporter, client):
    login(reporter).post(
        reverse("admin:people_reporter_add"),
        {"name": "自封的首席", "slug": "zi-feng", "kind": "reporter", "unit": ""},
    )
    profile = Reporter.objects.get(slug="zi-feng")

    assert client.get("/reporters/zi-feng/").status_code == 404
    BylineFactory(reporter=profile, article=ArticleFactory(status=S.IN_REVIEW))
    assert client.get("/reporters/zi-feng/").status_code == 404
    BylineFactory(reporter=profile, article=ArticleFactory())
    assert client.get("/reporters/zi-feng/").status_code == 200


def test_a_profile_cannot_be_linked_to_someone_elses_account(reporter, make_user):
    editor = make_user(roles.EDITOR, "li-bianji-9")
    staff = login(reporter)
    url = reverse("admin:people_reporter_add")

    refused = staff.post(
        url, {"name": "冒名", "slug": "mao", "kind": "reporter", "user": editor.pk}
    )
    assert refused.status_code == 200  # the form again, with its error
    assert not Reporter.objects.filter(slug="mao").exists()
    assert "li-bianji-9" not in staff.get(url).content.decode()

    staff.post(
        url, {"name": "景静", "slug": "jj", "kind": "reporter", "user": reporter.pk}
    )
    assert Reporter.objects.get(slug="jj").user == reporter


def names(response):
    return [item["text"] for item in response.json()["results"]]


def test_reporters_list_only_tags_they_may_see(reporter, make_user):
    other = make_user(roles.REPORTER, "other")
    ArticleFactory(status=S.DRAFT, author=other).tags.add("人事调整内情")
    ArticleFactory(status=S.DRAFT, author=reporter).tags.add("我的标签")
    ArticleFactory().tags.add("公开标签")
    Tag.objects.create(name="备用标签", slug="bei")
    staff = login(reporter)

    found = names(staff.get(reverse("admin:articles_article_tag_autocomplete")))
    listing = staff.get(reverse("admin:taggit_tag_changelist")).content.decode()

    assert set(found) == {"我的标签", "公开标签", "备用标签"}
    assert "人事调整内情" not in listing
    assert "我的标签" in listing
    hidden = Tag.objects.get(name="人事调整内情")
    page = staff.get(reverse("admin:taggit_tag_change", args=[hidden.pk]))
    assert page.status_code in (302, 404)
    assert "人事调整内情" not in page.content.decode()

    editor = login(make_user(roles.EDITOR, "editor"))
    assert "人事调整内情" in names(
        editor.get(reverse("admin:articles_article_tag_autocomplete"))
    )


def test_tag_autocomplete_takes_hostile_terms(reporter):
    url = reverse("admin:articles_article_tag_autocomplete")
    for term in ["x" * 10_000, "%", "\\", "%ED%A0%80"]:
        assert login(reporter).get(url, {"term": term}).status_code == 200
    for term in ["\x00", "a\x00b"]:  # refused before the view (newsroom.inputs)
        assert login(reporter).get(url, {"term": term}).status_code == 400


def test_reporter_pages_still_list_their_public_articles(client):
    profile = ReporterFactory(slug="zhen")
    BylineFactory(reporter=profile, article=ArticleFactory(title="真署名的稿件"))
    assert "真署名的稿件" in client.get("/reporters/zhen/").content.decode()
