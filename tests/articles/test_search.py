import datetime
import re

import pytest
from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.urls import reverse

from articles import search, services
from articles.editorial.importer import import_edition
from articles.models import Article
from people.models import Official
from tests.factories import (
    ArticleFactory,
    DepartmentFactory,
    OfficialFactory,
    demo_people,
)
from tests.samples import read_sample

pytestmark = pytest.mark.django_db

UTC = datetime.UTC


def publish(article, when):
    Article.objects.filter(pk=article.pk).update(status="published", published_at=when)


@pytest.fixture
def sample_page():
    """The sample page imported and published, as readers would find it."""
    demo_people()
    result = import_edition(
        read_sample(),
        edition_date=datetime.date(2023, 11, 24),
        page_number=1,
    )
    for n, article in enumerate(result.created):
        publish(article, datetime.datetime(2023, 11, 24, 1 + n, tzinfo=UTC))
    return {a.title: a for a in result.created}


def found(client, **params):
    response = client.get(reverse("search"), params)
    assert response.status_code == 200
    return [a.title for a in response.context["articles"]], response


def test_chinese_words_are_found_in_titles_and_bodies(client, sample_page):
    titles, _ = found(client, q="生态环境")
    assert set(titles) >= {
        "区领导调研群众救助、安全生产、森林防火及生态保护工作",
        "既要把经济发展好 又要把生态环境保护好",
    }
    assert "区纪委监委机关2024年第一次工作谋划会召开" not in titles

    titles, _ = found(client, q="招商引资")
    assert titles == ["区领导带队赴上海开展考察招商活动"]


def test_every_word_of_a_two_word_query_must_match(client, sample_page):
    titles, _ = found(client, q="招商引资 上海")
    assert titles == ["区领导带队赴上海开展考察招商活动"]
    titles, _ = found(client, q="招商引资 森林防火")
    assert titles == []


def test_leaders_and_departments_names_stay_whole():
    OfficialFactory(name="樊惠林")
    DepartmentFactory(name="区纪委监委")
    search.forget_user_words()

    assert search.query_words("樊惠林强调") == ["樊惠林", "强调"]
    assert "区纪委监委" in search.query_words("区纪委监委召开会议")


def test_a_new_officials_name_is_kept_whole_once_saved():
    assert "欧阳红军" not in search.query_words("欧阳红军出席")
    Official.objects.create(name="欧阳红军")
    assert search.query_words("欧阳红军出席")[0] == "欧阳红军"


def test_results_highlight_the_words_in_title_and_excerpt(client, sample_page):
    _, response = found(client, q="招商引资")
    html = response.content.decode()

    excerpts = re.findall(r'<p class="item__summary">(.*?)</p>', html)
    assert "<mark>招商引资</mark>" in excerpts[0]


def test_only_public_articles_are_ever_found(client, make_user):
    editor = make_user("编辑", "search-editor")
    ArticleFactory(title="公开的生态环境稿件")
    for state in [
        {"status": "draft"},
        {"status": "in_review"},
        {"status": "returned"},
        {"status": "withdrawn"},
        {"published_at": datetime.datetime(2999, 1, 1, tzinfo=UTC)},
    ]:
        ArticleFactory(title=f"不公开的生态环境稿件{state}", **state)

    titles, _ = found(client, q="生态环境")
    assert titles == ["公开的生态环境稿件"]

    article = Article.objects.get(title="公开的生态环境稿件")
    services.article_withdraw(article=article, actor=editor, reason="撤回")
    assert found(client, q="生态环境")[0] == []


def test_the_index_follows_edits(client):
    article = ArticleFactory(title="区里召开会议", body="<p>部署冬季供暖工作。</p>")
    assert found(client, q="冬季供暖")[0] == ["区里召开会议"]

    article.body = "<p>部署森林防火工作。</p>"
    article.save()

    assert found(client, q="冬季供暖")[0] == []
    assert found(client, q="森林防火")[0] == ["区里召开会议"]


def test_filters_by_date_official_and_department(client):
    official = OfficialFactory(name="樊惠林")
    department = DepartmentFactory(name="区商务局")
    early = ArticleFactory(
        title="早先的招商稿件",
        body="<p>招商引资工作。</p>",
        published_at=datetime.datetime(2023, 11, 1, 2, tzinfo=UTC),
    )
    late = ArticleFactory(
        title="后来的招商稿件",
        body="<p>招商引资工作。</p>",
        published_at=datetime.datetime(2023, 11, 20, 2, tzinfo=UTC),
    )
    early.officials.add(official)
    late.departments.add(department)

    assert found(client, q="招商引资", start="2023-11-10")[0] == ["后来的招商稿件"]
    assert found(client, q="招商引资", end="2023-11-10")[0] == ["早先的招商稿件"]
    assert found(client, q="招商引资", official=official.slug)[0] == ["早先的招商稿件"]
    assert found(client, q="招商引资", department=department.slug)[0] == [
        "后来的招商稿件"
    ]
    _, bad = found(client, q="招商引资", start="not-a-date")
    assert "请检查检索条件" in bad.content.decode()


def test_empty_query_shows_the_form_only(client):
    ArticleFactory()
    titles, response = found(client, q="")
    assert titles == []
    assert "共找到" not in response.content.decode()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="ranking and GIN index")
def test_postgresql_ranks_by_relevance_and_uses_the_gin_index(client):
    ArticleFactory(
        title="一次提到",
        body="<p>生态环境。</p><p>" + "其他内容。" * 50 + "</p>",
        published_at=datetime.datetime(2023, 11, 2, tzinfo=UTC),
    )
    ArticleFactory(
        title="生态环境保护专题",
        body="<p>生态环境生态环境生态环境。</p>",
        published_at=datetime.datetime(2023, 11, 1, tzinfo=UTC),
    )
    titles, _ = found(client, q="生态环境")
    assert titles == ["生态环境保护专题", "一次提到"]

    # On a handful of rows the planner prefers the status index for published();
    # the search condition itself must be answerable from the GIN index.
    query = SearchQuery(
        search.tsquery(["生态环境"]), config="simple", search_type="raw"
    )
    queryset = Article.objects.filter(search_vector=query)
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        plan = queryset.explain()
        cursor.execute("SET enable_seqscan = on")
    assert "article_search_vector_gin" in plan
