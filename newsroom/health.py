"""Probes for whatever runs the site (systemd, a load balancer, Kubernetes).

- ``/healthz``: the process answers; touches neither the database nor the cache.
- ``/readyz``: the database answers, the cache answers, and every migration has
  been applied; 503 otherwise.

Neither is ever cached, and neither tells the public why it failed: the reason
goes to the log (``newsroom.health``), the response says only "ok" or "not ready".
"""

import logging

from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpResponse
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger(__name__)
PROBE_KEY = "health:probe"


def _plain(text, status=200):
    response = HttpResponse(text, status=status, content_type="text/plain")
    add_never_cache_headers(response)
    return response


def healthz(request):
    return _plain("ok\n")


def _problem():
    """Why the site is not ready, or None."""
    connection = connections[DEFAULT_DB_ALIAS]
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        executor = MigrationExecutor(connection)
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            return "migrations not applied"
    except DatabaseError as error:
        return f"database: {error}"
    try:
        cache.set(PROBE_KEY, "1", timeout=10)
        if cache.get(PROBE_KEY) != "1":
            return "cache: value not kept"
    except Exception as error:  # noqa: BLE001 - any backend's error means not ready
        return f"cache: {error}"
    return None


def readyz(request):
    problem = _problem()
    if problem:
        logger.error("not ready: %s", problem)
        return _plain("not ready\n", status=503)
    return _plain("ok\n")
