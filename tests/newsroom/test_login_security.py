"""Brute-force protection on the admin login (django-axes, username + address)."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

LOGIN = reverse("admin:login")
PASSWORD = "a-long-test-password"


@pytest.fixture
def reporter(make_user):
    return make_user("记者", "locked-reporter")


def attempt(client, password, address="10.0.0.1", forwarded=None):
    extra = {"REMOTE_ADDR": address}
    if forwarded:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return client.post(
        LOGIN,
        {"username": "locked-reporter", "password": password, "next": "/admin/"},
        **extra,
    )


def logged_in(response):
    return response.status_code == 302 and response["Location"] == "/admin/"


def test_five_failures_lock_the_username_from_that_address(reporter, settings):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert attempt(client, "wrong").status_code == 200
    assert attempt(client, "wrong").status_code == 429  # the fifth failure locks

    locked = attempt(client, PASSWORD)  # even the right password, for now

    assert locked.status_code == 429
    assert "登录已暂时锁定" in locked.content.decode()


def test_the_real_user_elsewhere_is_not_locked_out(reporter, settings):
    attacker = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT + 2):
        attempt(attacker, "wrong", address="203.0.113.9")

    assert logged_in(attempt(Client(), PASSWORD, address="10.0.0.1"))


def test_a_forged_forwarded_for_header_does_not_dodge_the_lockout(reporter, settings):
    settings.BEHIND_PROXY = True
    client = Client()
    for n in range(settings.AXES_FAILURE_LIMIT):
        # The proxy appends the real address last; the left part is the client's lie.
        attempt(client, "wrong", forwarded=f"198.51.100.{n}, 10.0.0.1")

    locked = attempt(client, PASSWORD, forwarded="198.51.100.77, 10.0.0.1")

    assert locked.status_code == 429


def test_behind_nginx_and_varnish_the_visitor_is_the_second_entry_from_the_end(
    reporter, settings
):
    settings.BEHIND_PROXY = True
    settings.TRUSTED_PROXIES = 2
    client = Client()
    for n in range(settings.AXES_FAILURE_LIMIT):
        # nginx appended the visitor (10.0.0.1), Varnish appended nginx (127.0.0.1).
        attempt(client, "wrong", forwarded=f"198.51.100.{n}, 10.0.0.1, 127.0.0.1")

    locked = attempt(client, PASSWORD, forwarded="198.51.100.77, 10.0.0.1, 127.0.0.1")
    elsewhere = attempt(Client(), PASSWORD, forwarded="10.0.0.2, 127.0.0.1")

    assert locked.status_code == 429
    assert logged_in(elsewhere)


def test_success_resets_the_count(reporter, settings):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, "wrong")
    assert logged_in(attempt(client, PASSWORD))

    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, "wrong")
    assert logged_in(attempt(client, PASSWORD))


def test_the_lockout_ends_after_the_cool_off(reporter, settings, time_machine):
    time_machine.move_to(
        datetime.datetime(2024, 3, 1, 9, tzinfo=datetime.UTC), tick=False
    )
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "wrong")
    assert attempt(client, PASSWORD).status_code == 429

    time_machine.shift(settings.AXES_COOLOFF_TIME.total_seconds() + 60)

    assert logged_in(attempt(client, PASSWORD))


def test_spraying_many_usernames_from_one_address_is_throttled(reporter, settings):
    """Each username fails only once (axes never locks), but the address is
    refused once its failures reach LOGIN_FAILURES_PER_ADDRESS."""
    client = Client()
    for n in range(settings.LOGIN_FAILURES_PER_ADDRESS):
        client.post(
            LOGIN,
            {"username": f"guess{n}", "password": "123456", "next": "/admin/"},
            REMOTE_ADDR="10.0.0.9",
        )

    refused = attempt(client, PASSWORD, address="10.0.0.9")
    elsewhere = attempt(Client(), PASSWORD, address="10.0.0.10")

    assert refused.status_code == 429
    assert "网络地址" in refused.content.decode()
    assert logged_in(elsewhere)
