"""The newsroom app: the project's own infrastructure, loaded first."""

from django.apps import AppConfig
from django.contrib.auth import get_user_model
from django.db.models.signals import post_migrate

from . import audit, checks, roles, security  # noqa: F401  (checks registers)


class NewsroomConfig(AppConfig):
    """The project as an app of its own: roles, audit, the public cache, backups,
    the site-wide template tags. It imports nothing from the other apps."""

    name = "newsroom"
    verbose_name = "系统"

    def ready(self):
        # The security audit trail listens to logins, failures and lockouts, and to
        # every change of an account's roles and powers.
        audit.connect_axes()
        audit.connect_accounts(get_user_model())
        security.connect_login_throttle()
        post_migrate.connect(roles.restore_missing_roles, dispatch_uid="newsroom-roles")
