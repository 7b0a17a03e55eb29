"""Django's Redis cache backend, reusing one client object per connection pool.

The built-in client builds a new ``redis.Redis`` for every operation, and building
one fills a table of some 160 response callbacks: about a tenth of a millisecond,
which on a page served from the cache is a quarter of the whole request. A
``redis.Redis`` is safe to share between threads (each command borrows a
connection from the pool), so one per pool is kept and reused.

Surrogate-key versions (``newsroom.caching.versions``) are short strings read by
the dozen on every page served from the cache: ``get_strings``/``set_strings``
store them as plain strings in one MGET/MSET, without pickling and key checks.
"""

from django.core.cache.backends import redis


class ReusingRedisCacheClient(redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient

    def get_strings(self, keys):
        """{key: str} of the keys that hold a string set by ``set_strings``."""
        client = self._cache.get_client()
        values = client.mget([self.make_key(key) for key in keys])
        return {k: v.decode() for k, v in zip(keys, values, strict=True) if v}

    def set_strings(self, mapping):
        """Strings kept until replaced (no timeout)."""
        client = self._cache.get_client(write=True)
        client.mset({self.make_key(k): v.encode() for k, v in mapping.items()})
