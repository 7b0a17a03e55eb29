"""Sessions: rotated on login, gone on logout and when an account is deactivated,
limited in lifetime, and error pages that show no internals."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import path, reverse

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-test-password"


@pytest.fixture
def editor(make_user):
    return make_user("编辑", "session-editor")


def login(client):
    response = client.post(
        reverse("admin:login"),
        {"username": "session-editor", "password": PASSWORD, "next": "/admin/"},
        REMOTE_ADDR="10.0.0.2",
    )
    assert response.status_code == 302
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def test_the_session_key_changes_at_login(editor):
    client = Client()
    client.get(reverse("admin:login"))
    client.cookies[settings.SESSION_COOKIE_NAME] = "planted-by-an-attacker"

    key = login(client)

    assert key != "planted-by-an-attacker"
    assert client.get("/admin/").status_code == 200


def test_logout_ends_the_session(editor):
    client = Client()
    key = login(client)
    client.post(reverse("admin:logout"))

    stolen = Client()
    stolen.cookies[settings.SESSION_COOKIE_NAME] = key
    assert stolen.get("/admin/").status_code == 302  # back to the login page


def test_deactivating_an_account_ends_its_sessions(editor):
    client = Client()
    login(client)
    editor.is_active = False
    editor.save()

    assert client.get("/admin/").status_code == 302


def test_session_cookie_is_limited_and_flagged(editor):
    client = Client()
    login(client)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]

    assert 0 < int(cookie["max-age"]) <= 12 * 3600
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"


def broken_view(request):
    raise RuntimeError("secret internals: /srv/newsroom/settings.py")


urlpatterns = [path("broken/", broken_view)]


@pytest.mark.urls("tests.newsroom.test_sessions")
def test_server_errors_show_a_generic_chinese_page():
    client = Client(raise_request_exception=False)
    response = client.get("/broken/")

    assert response.status_code == 500
    html = response.content.decode()
    assert "服务暂时不可用" in html
    assert "secret internals" not in html and "Traceback" not in html
