import datetime

import factory
from django.utils import timezone

from articles.demo.loader import Command as DemoLoader
from articles.models import Article, Byline
from people.models import Department, Official, Position, Reporter


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department

    name = factory.Sequence(lambda n: f"测试部门{n}")
    slug = factory.Sequence(lambda n: f"department-{n}")
    kind = Department.Kind.GOVERNMENT


class OfficialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Official

    name = factory.Sequence(lambda n: f"领导{n}")
    slug = factory.Sequence(lambda n: f"official-{n}")


class PositionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Position

    official = factory.SubFactory(OfficialFactory)
    title = "副区长"
    rank = 100
    start_date = datetime.date(2020, 1, 1)
    end_date = None


class ReporterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reporter

    name = factory.Sequence(lambda n: f"记者{n}")
    slug = factory.Sequence(lambda n: f"reporter-{n}")
    kind = Reporter.Kind.REPORTER


class ArticleFactory(factory.django.DjangoModelFactory):
    """A published article, public since yesterday unless told otherwise."""

    class Meta:
        model = Article
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"测试稿件标题{n}")
    body = "<p>区里召开会议，部署重点工作。</p>"
    status = Article.Status.PUBLISHED
    # Only a published article carries a time unless told: signing one in review
    # with a time in the past would be backdating (倒签).
    published_at = factory.LazyAttribute(
        lambda article: (
            timezone.now() - datetime.timedelta(days=1)
            if article.status == Article.Status.PUBLISHED
            else None
        )
    )

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if create and extracted:
            self.tags.set(extracted)


class BylineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Byline

    article = factory.SubFactory(ArticleFactory)
    reporter = factory.SubFactory(ReporterFactory)
    role = Byline.Role.REPORTER
    order = 0


def full_article(**kwargs):
    """A published article with officials, departments, bylines and tags."""
    article = ArticleFactory(**kwargs)
    for rank in (20, 10):
        official = PositionFactory(rank=rank).official
        article.officials.add(official)
    article.departments.add(DepartmentFactory(), DepartmentFactory())
    BylineFactory(article=article, order=0)
    BylineFactory(article=article, order=1, role=Byline.Role.CORRESPONDENT)
    article.tags.add("民生", "安全生产")
    return article


def demo_people():
    """The demo's departments, leaders with their positions and reporters: what the
    checks, the linker and the importer look names up in. Without the demo's
    accounts and articles it takes a tenth of the time of ``load_demo``."""
    loader = DemoLoader()
    departments = loader.load_departments()
    loader.load_officials(departments)
    loader.load_reporters()
