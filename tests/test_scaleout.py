"""Scale-out: public reads on the replica, admin on the primary, shared cache.

CI runs this file with DATABASE_REPLICA_URL and CACHE_URL (Redis) set; without a
replica configured the router tests have nothing to route and are skipped.
"""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connections
from django.test.utils import CaptureQueriesContext

from tests.factories import ArticleFactory

needs_replica = pytest.mark.skipif(
    "replica" not in settings.DATABASES, reason="DATABASE_REPLICA_URL not set"
)


@pytest.fixture
def close_replica():
    yield
    connections["replica"].close()


@needs_replica
@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_anonymous_public_reads_go_to_the_replica(client, close_replica):
    # Committed data: the replica is another connection to the same database.
    ArticleFactory(title="副本上的稿件")

    with CaptureQueriesContext(connections["replica"]) as replica:
        response = client.get("/archive/")

    assert "副本上的稿件" in response.content.decode()
    assert any("articles_article" in q["sql"] for q in replica.captured_queries)


@needs_replica
@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_the_admin_reads_and_writes_on_the_primary(admin_client, close_replica):
    ArticleFactory()

    with CaptureQueriesContext(connections["replica"]) as replica:
        response = admin_client.get("/admin/articles/article/")

    assert response.status_code == 200
    assert replica.captured_queries == []


@pytest.mark.skipif(
    "redis" not in settings.CACHES["default"]["BACKEND"].lower(),
    reason="CACHE_URL not Redis",
)
def test_the_cache_is_shared_redis():
    cache.set("scaleout-check", {"值": 1}, 30)
    assert cache.get("scaleout-check") == {"值": 1}
    assert (
        settings.CACHES["default"]["BACKEND"]
        == "django.core.cache.backends.redis.RedisCache"
    )
