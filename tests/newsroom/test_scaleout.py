"""Scale-out: public reads on the replica, admin on the primary, shared cache.

CI runs this file with DATABASE_REPLICA_URL and CACHE_URL (Redis) set; without a
replica configured the router tests have nothing to route and are skipped.
"""

import time
from concurrent.futures import ThreadPoolExecutor

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
def test_anonymous_public_reads_go_to_the_replica(client, close_replica, settings):
    # Committed data: the replica is another connection to the same database.
    ArticleFactory(title="副本上的稿件")
    settings.REPLICA_LAG_SECONDS = 0  # the write above is old enough

    with CaptureQueriesContext(connections["replica"]) as replica:
        response = client.get("/archive/")

    assert "副本上的稿件" in response.content.decode()
    assert any("articles_article" in q["sql"] for q in replica.captured_queries)


@needs_replica
@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_pages_built_right_after_a_write_read_the_primary(
    client, close_replica, settings, time_machine
):
    """A withdrawal committed here (or in any process) is not undone by a replica
    that has not caught up: for REPLICA_LAG_SECONDS the pages cached after it are
    built from the primary."""
    settings.REPLICA_LAG_SECONDS = 30
    ArticleFactory(title="刚发布的稿件")  # commits: the content version moves

    with CaptureQueriesContext(connections["replica"]) as replica:
        fresh = client.get("/archive/")
    time_machine.move_to(time.time() + 31)
    with CaptureQueriesContext(connections["replica"]) as later:
        client.get("/archive/")

    assert "刚发布的稿件" in fresh.content.decode()
    assert replica.captured_queries == []
    assert any("articles_article" in q["sql"] for q in later.captured_queries)


@needs_replica
@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_the_admin_reads_and_writes_on_the_primary(admin_client, close_replica):
    ArticleFactory()

    with CaptureQueriesContext(connections["replica"]) as replica:
        response = admin_client.get("/admin/articles/article/")

    assert response.status_code == 200
    assert replica.captured_queries == []


needs_redis = pytest.mark.skipif(
    "redis" not in settings.CACHES["default"]["BACKEND"].lower(),
    reason="CACHE_URL not Redis",
)


@needs_redis
def test_the_cache_is_shared_redis():
    cache.set("scaleout-check", {"值": 1}, 30)
    assert cache.get("scaleout-check") == {"值": 1}
    assert (
        settings.CACHES["default"]["BACKEND"]
        == "newsroom.caching.redis_backend.RedisCache"
    )


@needs_redis
def test_one_redis_client_serves_every_operation_in_each_thread():
    client = cache._cache.get_client()
    assert cache._cache.get_client(write=True) is client

    def work(n):
        key = f"scaleout-thread-{n}"
        cache.set(key, n, 30)
        cache.set_many({f"{key}-a": n, f"{key}-b": -n}, 30)
        return (
            cache.get(key),
            cache.get_many([f"{key}-a", f"{key}-b"]),
            # Django keeps one cache object per thread; each reuses its client.
            cache._cache.get_client() is cache._cache.get_client(write=True),
        )

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(work, range(64)))

    for n, (value, many, same) in enumerate(results):
        assert value == n
        assert many == {f"scaleout-thread-{n}-a": n, f"scaleout-thread-{n}-b": -n}
        assert same
