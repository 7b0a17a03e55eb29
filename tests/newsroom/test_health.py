"""/healthz and /readyz for whatever runs the site (#15, item 5)."""

import pytest
from django.db import DatabaseError

from newsroom import health


def test_healthz_answers_without_the_database(client):
    # No django_db mark: a query would raise "Database access not allowed".
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert (
        "no-store" in response["Cache-Control"]
        or "no-cache" in response["Cache-Control"]
    )


@pytest.mark.django_db
def test_readyz_answers_when_database_cache_and_migrations_are_there(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert "max-age=0" in response["Cache-Control"]


class BrokenCursor:
    def __enter__(self):
        raise DatabaseError("connection refused at 10.0.0.5:5432")

    def __exit__(self, *args):
        return False


@pytest.mark.django_db
def test_readyz_fails_when_the_database_is_down(client, monkeypatch, caplog):
    connection = health.connections[health.DEFAULT_DB_ALIAS]
    monkeypatch.setattr(connection, "cursor", BrokenCursor)

    response = client.get("/readyz")

    assert response.status_code == 503
    assert response.content == b"not ready\n"  # nothing about why, in public
    assert "10.0.0.5" in caplog.text  # the reason is in the log


@pytest.mark.django_db
def test_readyz_fails_while_migrations_are_pending(client, monkeypatch):
    monkeypatch.setattr(
        health.MigrationExecutor, "migration_plan", lambda self, targets: ["pending"]
    )
    assert client.get("/readyz").status_code == 503


@pytest.mark.django_db
def test_readyz_fails_when_the_cache_is_down(client, monkeypatch):
    def down(*args, **kwargs):
        raise ConnectionError("redis down")

    monkeypatch.setattr(health.cache, "set", down)
    assert client.get("/readyz").status_code == 503


@pytest.mark.django_db
def test_probes_are_never_served_from_the_page_cache(client, settings):
    settings.PUBLIC_PAGE_CACHE = True
    client.get("/readyz")
    assert "X-Cache" not in client.get("/readyz")
