"""Two-factor login for staff who can sign, publish or manage accounts."""

import json
import logging
import re

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from newsroom import roles

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-test-password"


@pytest.fixture(autouse=True)
def required(settings):
    settings.TWO_FACTOR_REQUIRED = True


def password_login(user):
    client = Client()
    response = client.post(
        reverse("admin:login"),
        {"username": user.username, "password": PASSWORD, "next": "/admin/"},
    )
    assert response.status_code == 302
    return client


def code_for(device):
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


def enrol(client):
    page = client.get(reverse("otp_setup"))
    device = TOTPDevice.objects.get(confirmed=False)
    done = client.post(reverse("otp_setup"), {"code": code_for(device)})
    return page, device, done


@pytest.mark.parametrize("role", [roles.EDITOR, roles.CHIEF_EDITOR, roles.SITE_ADMIN])
def test_powerful_roles_must_enrol_before_the_admin_opens(make_user, role, caplog):
    user = make_user(role, "staff")
    client = password_login(user)

    blocked = client.get("/admin/articles/article/")
    assert blocked.status_code == 302
    assert blocked["Location"].startswith(reverse("otp_setup"))

    with caplog.at_level(logging.INFO, logger="newsroom.audit"):
        page, device, done = enrol(client)
    assert "<svg" in page.content.decode() and "密钥" in page.content.decode()
    codes = re.findall(r"<code>(\w+)</code>", done.content.decode())
    assert len(codes) == 10
    assert client.get("/admin/").status_code == 200
    events = [
        json.loads(r.getMessage())["event"]
        for r in caplog.records
        if r.name == "newsroom.audit"
    ]
    assert "otp_enrolled" in events


def test_a_wrong_code_is_refused_and_the_admin_stays_shut(make_user):
    client = password_login(make_user(roles.EDITOR, "editor"))
    client.get(reverse("otp_setup"))

    refused = client.post(reverse("otp_setup"), {"code": "000000"})

    assert "验证码不正确" in refused.content.decode()
    assert not TOTPDevice.objects.filter(confirmed=True).exists()
    assert client.get("/admin/").status_code == 302


def test_every_later_login_asks_for_a_code(make_user):
    user = make_user(roles.EDITOR, "editor")
    _, device, _ = enrol(password_login(user))

    client = password_login(user)
    blocked = client.get("/admin/")
    assert blocked["Location"].startswith(reverse("otp_verify"))
    assert client.post(reverse("otp_verify"), {"code": "123456"}).status_code == 200
    assert client.get("/admin/").status_code == 302

    device.refresh_from_db()
    device.throttling_failure_count = 0
    device.throttling_failure_timestamp = None
    device.last_t = -1
    device.save()
    verified = client.post(
        reverse("otp_verify"), {"code": code_for(device), "next": "/admin/"}
    )
    assert verified.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_a_recovery_code_works_once(make_user):
    user = make_user(roles.SITE_ADMIN, "sysadmin")
    _, _, done = enrol(password_login(user))
    code = re.findall(r"<code>(\w+)</code>", done.content.decode())[0]

    first = password_login(user)
    assert first.post(reverse("otp_verify"), {"code": code}).status_code == 302
    assert first.get("/admin/").status_code == 200
    again = password_login(user)
    assert again.post(reverse("otp_verify"), {"code": code}).status_code == 200
    assert StaticToken.objects.filter(device__user=user).count() == 9


def test_reporters_are_not_required_but_may_enrol(make_user):
    reporter = make_user(roles.REPORTER, "reporter")
    client = password_login(reporter)
    assert client.get("/admin/").status_code == 200

    enrol(client)
    later = password_login(reporter)
    assert later.get("/admin/")["Location"].startswith(reverse("otp_verify"))


def test_nothing_is_asked_when_the_setting_is_off(make_user, settings):
    settings.TWO_FACTOR_REQUIRED = False
    client = password_login(make_user(roles.EDITOR, "editor"))
    assert client.get("/admin/").status_code == 200


def test_the_code_pages_are_for_signed_in_staff_only(client):
    for name in ("otp_setup", "otp_verify"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]


def test_the_next_address_stays_on_the_site(make_user):
    client = password_login(make_user(roles.EDITOR, "editor"))
    client.get(reverse("otp_setup"))
    device = TOTPDevice.objects.get(confirmed=False)
    done = client.post(
        reverse("otp_setup"),
        {"code": code_for(device), "next": "https://evil.example/"},
    )
    assert 'href="https://evil.example/' not in done.content.decode()


def test_a_site_admin_resets_a_lost_authenticator_but_never_sees_its_secret(
    make_user, django_user_model
):
    editor = make_user(roles.EDITOR, "editor")
    _, device, _ = enrol(password_login(editor))
    root = django_user_model.objects.create_superuser("root", "r@example.com", "x" * 20)
    TOTPDevice.objects.create(user=root, name="root", confirmed=True)
    admin = Client()
    admin.force_login(make_user(roles.SITE_ADMIN, "sysadmin"))
    admin.get("/admin/")  # a site admin who has not enrolled is sent to enrol
    listing_url = reverse("admin:otp_totp_totpdevice_changelist")

    assert admin.get(listing_url).status_code == 302  # not verified yet
    session = admin.session
    session["otp_device_id"] = TOTPDevice.objects.create(
        user_id=admin.session["_auth_user_id"], name="mine", confirmed=True
    ).persistent_id
    session.save()

    listing = admin.get(listing_url).content.decode()
    assert "editor" in listing and "root" not in listing
    assert (
        device.key
        not in admin.get(
            reverse("admin:otp_totp_totpdevice_change", args=[device.pk])
        ).content.decode()
    )
    for view in ("config", "qrcode"):
        url = f"/admin/otp_totp/totpdevice/{device.pk}/{view}/"
        assert admin.get(url).status_code in (302, 404)
    admin.post(
        reverse("admin:otp_totp_totpdevice_delete", args=[device.pk]), {"post": "yes"}
    )

    assert not TOTPDevice.objects.filter(pk=device.pk).exists()
    assert not StaticToken.objects.filter(device__user=editor).exists()
    later = password_login(editor)
    assert later.get("/admin/")["Location"].startswith(reverse("otp_setup"))


def test_no_filter_reads_a_devices_secret(make_user):
    """Found by a hostile tester: ?key__startswith=… told a site admin the secret
    one character at a time."""
    editor = make_user(roles.EDITOR, "editor")
    TOTPDevice.objects.create(user=editor, name="e", confirmed=True)
    admin = make_user(roles.SITE_ADMIN, "sysadmin")
    client = Client()
    client.force_login(admin)
    session = client.session
    session["otp_device_id"] = TOTPDevice.objects.create(
        user=admin, name="mine", confirmed=True
    ).persistent_id
    session.save()
    url = reverse("admin:otp_totp_totpdevice_changelist")

    assert client.get(url).status_code == 200
    for query in ("key__startswith=a", "key=0", "user__password__startswith=p"):
        assert client.get(f"{url}?{query}").status_code == 400
