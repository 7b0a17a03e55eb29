"""The security audit trail: who did what, from where, and when.

Each event is one line of JSON on the ``newsroom.audit`` logger: JSON escapes
newlines and control characters, so a crafted username or title cannot forge a
second line. Only the fields named here are written — never a password, a session
key or a cookie.

Events: ``login``, ``logout``, ``login_failed``, ``lockout``, ``denied`` (any 403
in the admin, and refused workflow steps), the workflow steps (``submit``,
``approve``, ``publish``, ``return``, ``withdraw``, …), ``restore`` and ``delete``.
"""

import json
import logging

from django.contrib.auth import signals as auth_signals
from django.dispatch import receiver
from django.utils import timezone

from .security import client_ip

logger = logging.getLogger("newsroom.audit")


def _username(user):
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return user.get_username()


def record(event, *, request=None, user=None, **details):
    """Write one audit event. ``details`` values must be plain text or numbers."""
    if user is None and request is not None:
        user = getattr(request, "user", None)
    entry = {
        "at": timezone.localtime().isoformat(timespec="seconds"),
        "event": event,
        "user": details.pop("username", None) or _username(user),
        "ip": client_ip(request) if request is not None else None,
        **details,
    }
    if request is not None:
        entry.setdefault("path", request.path)
        entry.setdefault("method", request.method)
    logger.info(json.dumps(entry, ensure_ascii=False, default=str))


class AuditDenialsMiddleware:
    """Records every refusal (403) in the admin, whichever layer refused."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 403 and request.path.startswith("/admin/"):
            record("denied", request=request)
        return response


@receiver(auth_signals.user_logged_in)
def _logged_in(sender, request, user, **kwargs):
    record("login", request=request, user=user)


@receiver(auth_signals.user_logged_out)
def _logged_out(sender, request, user, **kwargs):
    record("logout", request=request, user=user)


@receiver(auth_signals.user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs):
    # Django has already masked the password in ``credentials``; only the
    # username is taken from it.
    record(
        "login_failed",
        request=request,
        username=str(credentials.get("username", ""))[:150] or "?",
    )


def connect_axes():
    """Called from NewsroomConfig.ready(): axes' signals module loads its models."""
    from axes.signals import user_locked_out

    @receiver(user_locked_out, weak=False)
    def _locked_out(sender, request, username, ip_address, **kwargs):
        record("lockout", request=request, username=str(username or "?")[:150])
