"""Django's PostgreSQL backend, with the per-request health check skipped for a
connection that answered a moment ago.

With ``CONN_HEALTH_CHECKS`` Django sends ``SELECT 1`` before the first query of
every request that reuses a persistent connection, so that a connection the server
dropped (a restart, a failover) is replaced instead of failing the request. That
round trip costs a warm article page about a sixth of its time. Like connection
pools do (HikariCP's "alive bypass window"), the check is skipped when the same
connection completed a query less than ``HEALTH_CHECK_BYPASS`` seconds ago: under
load it is always recent; after a quiet spell the check runs as before. A server
that goes away inside that window fails one request per worker, after which Django
closes the broken connection and the next request opens a new one.
"""

import time

from django.db.backends.postgresql import base

HEALTH_CHECK_BYPASS = 1.0  # seconds


class DatabaseWrapper(base.DatabaseWrapper):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.answered_at = None
        self.execute_wrappers.append(self._note_answer)

    def _note_answer(self, execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        self.answered_at = time.monotonic()
        return result

    def connect(self):
        super().connect()
        self.answered_at = None

    def close_if_health_check_failed(self):
        if (
            self.connection is not None
            and not self.health_check_done
            and self.answered_at is not None
            and time.monotonic() - self.answered_at < HEALTH_CHECK_BYPASS
        ):
            self.health_check_done = True
            return
        super().close_if_health_check_failed()
