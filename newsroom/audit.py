"""The security audit trail: who did what, from where, and when.

Each event is one line of JSON on the ``newsroom.audit`` logger: JSON escapes
newlines and control characters, so a crafted username or title cannot forge a
second line. Only the fields named here are written — never a password, a session
key or a cookie.

Events: ``login``, ``logout``, ``login_failed``, ``lockout``, ``denied`` (any 403
in the admin, and refused workflow steps), the workflow steps (``submit``,
``approve``, ``publish``, ``return``, ``withdraw``, …), ``restore`` and ``delete``,
``roles`` (an account's roles changed) and ``account`` (superuser, staff or active
status changed) — the last two from the user model's signals, so a change made in
the shell or a command is recorded too.
"""

import json
import logging
from contextlib import contextmanager
from contextvars import ContextVar

from django.contrib.auth import signals as auth_signals
from django.db.models import signals
from django.dispatch import receiver
from django.utils import timezone

from .security import client_ip

logger = logging.getLogger("newsroom.audit")
# The request being answered, for events recorded from model signals.
current_request = ContextVar("audit_request", default=None)
ACCOUNT_FLAGS = ("is_superuser", "is_staff", "is_active")


@contextmanager
def off_the_console():
    """While a command whose output a person reads runs (``load_demo``), audit
    events go only to the audit file (AUDIT_LOG_FILE), not to the console."""
    propagate = logger.propagate
    logger.propagate = False
    try:
        yield
    finally:
        logger.propagate = propagate


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
        token = current_request.set(request)
        try:
            response = self.get_response(request)
        finally:
            current_request.reset(token)
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


def _roles_changed(sender, instance, action, pk_set, model, **kwargs):
    if action not in ("post_add", "post_remove", "pre_clear"):
        return
    if action == "pre_clear":
        names = list(instance.groups.values_list("name", flat=True))
    else:
        names = list(model.objects.filter(pk__in=pk_set).values_list("name", flat=True))
    if names:
        change = {"post_add": "added", "post_remove": "removed"}.get(action, "removed")
        record(
            "roles",
            request=current_request.get(),
            account=instance.get_username(),
            **{change: "、".join(sorted(names))},
        )


def _flags_before(sender, instance, update_fields=None, **kwargs):
    if update_fields is not None and not set(update_fields) & set(ACCOUNT_FLAGS):
        instance._audit_flags = None  # e.g. last_login at each login: nothing to see
        return
    old = sender.objects.filter(pk=instance.pk).values(*ACCOUNT_FLAGS).first()
    instance._audit_flags = old


def _flags_after(sender, instance, created, update_fields=None, **kwargs):
    old = getattr(instance, "_audit_flags", None)
    if old is None and not created:
        return
    old = old or {}
    changed = {
        flag: getattr(instance, flag)
        for flag in ACCOUNT_FLAGS
        if old.get(flag, False if created else None) != getattr(instance, flag)
    }
    if changed and (not created or changed.get("is_superuser")):
        record(
            "account",
            request=current_request.get(),
            account=instance.get_username(),
            created=created,
            **changed,
        )


def connect_accounts(user_model):
    """Called from NewsroomConfig.ready(): record every change of roles and of the
    account flags that give power."""
    signals.m2m_changed.connect(
        _roles_changed, sender=user_model.groups.through, dispatch_uid="audit-roles"
    )
    signals.pre_save.connect(_flags_before, sender=user_model, dispatch_uid="audit-f")
    signals.post_save.connect(_flags_after, sender=user_model, dispatch_uid="audit-f")


def connect_axes():
    """Called from NewsroomConfig.ready(): axes' signals module loads its models."""
    from axes.signals import user_locked_out

    @receiver(user_locked_out, weak=False)
    def _locked_out(sender, request, username, ip_address, **kwargs):
        record("lockout", request=request, username=str(username or "?")[:150])
