import os
from urllib.parse import urlsplit

import pytest
from django.conf import settings as django_settings
from django.db import transaction


def _one_cache_database_per_worker():
    """Under pytest-xdist each worker has its own test database (pytest-django adds
    a suffix); give each its own Redis database too, since tests empty the cache.
    Subprocesses a test starts inherit the worker's CACHE_URL."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    url = os.environ.get("CACHE_URL", "")
    if not worker.startswith("gw") or not url.startswith(("redis://", "rediss://")):
        return
    parts = urlsplit(url)
    base = int(parts.path.strip("/") or 0)
    url = parts._replace(path=f"/{base + int(worker[2:])}").geturl()
    os.environ["CACHE_URL"] = url
    django_settings.CACHES["default"]["LOCATION"] = url


_one_cache_database_per_worker()


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path, monkeypatch):
    """Temporary media, fast password hashing, static files without a manifest."""
    settings.MEDIA_ROOT = tmp_path / "media"
    # A fast hasher: the suite creates many accounts.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Tests never commit, so the cache's content version would never move: start
    # every test from an empty cache.
    from django.core.cache import cache

    from newsroom import identity

    cache.clear()
    identity._local.clear()  # a process's copy of the site settings, likewise
    # ...kept for the whole test: a copy expiring mid-test would add a query at
    # a moment of the clock's choosing to the tests that count them (a test of
    # the expiry ends the second itself).
    monkeypatch.setattr(identity, "LOCAL_SECONDS", 3600.0)
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        },
    }


@pytest.fixture
def commit():
    """Commit what the test did so far and what ``action`` does, as far as on-commit
    callbacks (cache purges, audit lines) see it: tests never really commit. Every
    callback waiting runs once, in order, as a real commit would run them."""

    def run(action=lambda: None):
        connection = transaction.get_connection()
        result = action()
        while connection.run_on_commit:
            _, callback, _ = connection.run_on_commit.pop(0)
            callback()
        return result

    return run


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser(
        username="chief", password="a-long-test-password", email="chief@example.com"
    )


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


@pytest.fixture
def make_user(django_user_model):
    """make_user("编辑", "li") → an active staff user in that role's group."""
    from django.contrib.auth.models import Group, Permission

    from newsroom.roles import sync_roles

    def make(role=None, username=None, **fields):
        if role and not Group.objects.filter(name=role).exists():
            # Transactional tests flush the groups the migration created.
            sync_roles(Group, Permission)
        username = username or f"user{django_user_model.objects.count() + 1}"
        user = django_user_model.objects.create_user(
            username=username,
            password="a-long-test-password",
            is_staff=True,
            email=f"{username}@example.com",
            **fields,
        )
        if role:
            user.groups.add(Group.objects.get(name=role))
        return user

    return make


@pytest.fixture(scope="session")
def django_db_modify_db_settings(
    django_db_modify_db_settings_parallel_suffix, tmp_path_factory
):
    """On SQLite, a file test database: the browser tests' live server runs requests
    in threads, and an in-memory database cannot be shared between them."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3"):
        path = tmp_path_factory.mktemp("db") / "test.sqlite3"
        database.setdefault("TEST", {})["NAME"] = str(path)
