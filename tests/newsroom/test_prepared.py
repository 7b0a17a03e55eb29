"""Queries the ORM builds once and runs again with new values (newsroom.prepared)."""

import datetime

import pytest
from django.utils import timezone

from articles.models import Article, live_q
from newsroom.prepared import NotPreparable, Prepared
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_a_prepared_query_answers_what_the_orm_answers_for_each_value():
    articles = [ArticleFactory() for _ in range(5)]
    built = []

    def between(low, high):
        built.append((low, high))
        return Article.objects.filter(pk__gte=low, pk__lte=high).order_by("pk")

    prepared = Prepared(Article, between, low=int, high=int)
    for low, high in [
        (articles[1].pk, articles[3].pk),
        (articles[0].pk, articles[0].pk),
    ]:
        assert list(prepared.raw(low=low, high=high)) == list(between(low, high))
    assert len(built) == 3  # the stand-ins once, then the two comparisons


def test_times_and_dates_reach_each_database_as_it_takes_them():
    ArticleFactory(title="已公开")
    later = ArticleFactory(
        title="一小时后", published_at=timezone.now() + datetime.timedelta(hours=1)
    )
    public = Prepared(
        Article,
        lambda now: Article.objects.filter(live_q(now)).lean(),
        now=datetime.datetime,
    )
    day = Prepared(
        Article,
        lambda day: Article.objects.filter(published_at__date__lte=day).values_list(
            "title"
        ),
        day=datetime.date,
    )

    assert [a.title for a in public.raw(now=timezone.now())] == ["已公开"]
    in_two_hours = timezone.now() + datetime.timedelta(hours=2)
    assert {a.title for a in public.raw(now=in_two_hours)} == {"已公开", later.title}
    assert day.rows(day=datetime.date(2000, 1, 1)) == []
    assert len(day.rows(day=timezone.localdate() + datetime.timedelta(days=1))) == 2


def test_a_value_that_does_not_reach_the_sql_as_a_parameter_is_refused():
    ignored = Prepared(Article, lambda pk: Article.objects.all(), pk=int)
    with pytest.raises(NotPreparable):
        list(ignored.raw(pk=1))
