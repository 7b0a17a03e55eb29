import pytest

pytestmark = pytest.mark.django_db


def test_large_text_mode_is_switched_on_remembered_and_off(client):
    response = client.get("/display/", {"mode": "large", "next": "/archive/"})
    assert response.status_code == 302 and response["Location"] == "/archive/"
    assert response.cookies["display"].value == "large"

    page = client.get("/archive/").content.decode()
    assert '<html lang="zh-Hans" class="large-text">' in page
    assert "标准版" in page

    client.get("/display/", {"mode": "normal", "next": "/"})
    assert 'class="large-text"' not in client.get("/").content.decode()


def test_display_switch_never_redirects_off_site(client):
    response = client.get(
        "/display/", {"mode": "large", "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"
