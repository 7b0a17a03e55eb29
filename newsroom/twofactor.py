"""Two-factor login for staff (django-otp: TOTP, with recovery codes).

With ``TWO_FACTOR_REQUIRED`` on (the default when DEBUG is off), everyone who can
sign, publish or manage accounts — editors, chief editors, site admins and
superusers — must enrol an authenticator app before the admin opens for them, and
anyone who has enrolled (reporters may) enters a code after the password at every
login. Enrolment shows a QR code and the secret, takes one code to confirm it, and
then shows ten one-time recovery codes, once. Each enrolment, each recovery code
used and each refused code is a line in the audit log.

The password step is Django's own admin login (django-axes still counts its
failures); ``TwoFactorMiddleware`` then sends a signed-in user who is not yet
verified to ``/admin/otp/setup/`` or ``/admin/otp/verify/``, and lets nothing else
in the admin through until they are.
"""

from base64 import b32encode

import segno
from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp import devices_for_user, user_has_device
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import audit

POWERS = (
    "articles.review_article",
    "articles.publish_article",
    "articles.withdraw_article",
    "articles.delete_article",
    "articles.correct_article",
    "auth.change_user",
)
RECOVERY_CODES = 10
# What an unverified user may still reach in the admin.
OPEN_PATHS = ("/admin/login/", "/admin/logout/", "/admin/otp/", "/admin/jsi18n/")


def must_enrol(user):
    """Whether ``user`` needs a second factor to use the admin."""
    if not settings.TWO_FACTOR_REQUIRED or not user.is_authenticated:
        return False
    return user.is_superuser or any(user.has_perm(p) for p in POWERS)


def needs_code(user):
    return user.is_authenticated and (must_enrol(user) or user_has_device(user))


class TwoFactorMiddleware:
    """After django_otp's OTPMiddleware: keeps unverified staff out of the admin."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        # is_verified() reads the session; needs_code() may query the devices, so
        # it is asked only of those not yet verified.
        if (
            path.startswith("/admin/")
            and not path.startswith(OPEN_PATHS)
            and not request.user.is_verified()
            and needs_code(request.user)
        ):
            target = "otp_verify" if user_has_device(request.user) else "otp_setup"
            return redirect(f"{reverse(target)}?next={request.get_full_path()}")
        return self.get_response(request)


class CodeForm(forms.Form):
    code = forms.CharField(
        label="动态验证码",
        max_length=16,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}
        ),
    )

    def clean_code(self):
        return "".join(self.cleaned_data["code"].split())


def _next(request):
    target = request.POST.get("next") or request.GET.get("next") or "/admin/"
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return "/admin/"
    return target


def _staff_only(view):
    def wrapped(request, *args, **kwargs):
        if not request.user.is_active or not request.user.is_staff:
            return redirect_to_login(request.get_full_path(), reverse("admin:login"))
        return view(request, *args, **kwargs)

    return login_required(wrapped, login_url="admin:login")


def _recovery_codes(user):
    device, _ = StaticDevice.objects.get_or_create(user=user, name="恢复码")
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    return codes


@_staff_only
def setup(request):
    """Enrol an authenticator app: scan, type one code, keep the recovery codes."""
    if user_has_device(request.user) and not request.user.is_verified():
        return redirect(f"{reverse('otp_verify')}?next={_next(request)}")
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(
            user=request.user, name="身份验证器", confirmed=False
        )
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            with transaction.atomic():
                TOTPDevice.objects.filter(user=request.user, confirmed=True).delete()
                device.confirmed = True
                device.save()
                codes = _recovery_codes(request.user)
            otp_login(request, device)
            audit.record("otp_enrolled", request=request)
            return render(
                request,
                "admin/otp/recovery.html",
                _context(request, "保存恢复码", codes=codes),
            )
        audit.record("otp_refused", request=request, step="setup")
        form.add_error(
            "code",
            _refusal(device, "验证码不正确，请核对手机上显示的 6 位数字后重试。"),
        )
    qr = segno.make(device.config_url, error="m")
    context = _context(
        request,
        "启用两步验证",
        form=form,
        qr_svg=qr.svg_inline(scale=5, title="扫描此二维码"),
        secret=_spaced(device),
        required=must_enrol(request.user),
    )
    return render(request, "admin/otp/setup.html", context)


def _context(request, title, **extra):
    """The admin's own page context (site title, user tools) for a code page."""
    return {
        **admin.site.each_context(request),
        "title": title,
        "next": _next(request),
        **extra,
    }


def _refusal(device, message):
    """After refused codes django-otp makes the next try wait (1, 2, 4… s)."""
    if device is not None and not device.verify_is_allowed()[0]:
        return f"{message}连续输错后须稍等几秒再试。"
    return message


def _spaced(device):
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@_staff_only
def verify(request):
    """The second step of a login: a code from the app, or a recovery code."""
    if not user_has_device(request.user):
        return redirect(f"{reverse('otp_setup')}?next={_next(request)}")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        for device in devices_for_user(request.user):
            if device.verify_token(code):
                otp_login(request, device)
                if isinstance(device, StaticDevice):
                    left = device.token_set.count()
                    audit.record("otp_recovery_used", request=request, left=left)
                return redirect(_next(request))
        audit.record("otp_refused", request=request, step="verify")
        totp = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
        form.add_error("code", _refusal(totp, "验证码不正确或已过期。"))
    context = _context(request, "两步验证", form=form)
    return render(request, "admin/otp/verify.html", context)
