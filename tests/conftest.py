import pytest


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    """Media in a temporary folder; static files without the collectstatic manifest."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        },
    }


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser(
        username="chief", password="a-long-test-password", email="chief@example.com"
    )


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client
