"""Send public reads to a read replica when one is configured.

``PublicReadsMiddleware`` marks requests from visitors who are not logged in and
only read (GET/HEAD outside the admin); during such a request the router answers
reads from the ``replica`` database. Everything else — the admin, every write, and
every read made while handling them — uses ``default``, so editors always see what
they just saved. For ``REPLICA_LAG_SECONDS`` after public content changed (in any
process: the content version says when), public reads go to ``default`` too, so
the pages cached right after a publish or a withdrawal are built from the primary,
never from a replica that has not caught up.
"""

from contextvars import ContextVar

from django.conf import settings

from .caching.versions import written_within

_public_read = ContextVar("public_read", default=False)
ADMIN_PREFIX = "/admin/"


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints):
        if _public_read.get() and "replica" in settings.DATABASES:
            return "replica"
        return "default"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"


class PublicReadsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        public = (
            "replica" in settings.DATABASES
            and request.method in ("GET", "HEAD")
            and not request.path.startswith(ADMIN_PREFIX)
            and not request.user.is_authenticated
            and not written_within(settings.REPLICA_LAG_SECONDS)
        )
        token = _public_read.set(public)
        try:
            return self.get_response(request)
        finally:
            _public_read.reset(token)
