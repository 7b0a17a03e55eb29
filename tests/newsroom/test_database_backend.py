"""The PostgreSQL backend's health check (newsroom/postgresql/base.py): skipped for a
connection that has just answered, run after a quiet spell, and a connection the
server dropped is replaced without failing the request."""

import time
from unittest import mock

import pytest
from django.db import connection, connections

from newsroom.postgresql.base import HEALTH_CHECK_BYPASS

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the backend is for PostgreSQL"
    ),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def fresh_connection():
    wrapper = connections["default"]  # the wrapper itself, not the proxy
    wrapper.close()
    yield wrapper
    wrapper.close()


def new_request(conn):
    """What Django does between two requests (close_old_connections)."""
    conn.close_if_unusable_or_obsolete()


def query(conn):
    with conn.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone()[0]


def test_the_settings_use_the_backend_with_checks_on():
    assert connection.settings_dict["ENGINE"] == "newsroom.postgresql"
    assert connection.settings_dict["CONN_HEALTH_CHECKS"] is True


def test_a_connection_that_just_answered_is_not_checked_again(fresh_connection):
    query(fresh_connection)
    new_request(fresh_connection)

    with mock.patch.object(
        type(fresh_connection), "is_usable", autospec=True, return_value=True
    ) as is_usable:
        assert query(fresh_connection) == 1

    assert is_usable.call_count == 0


def test_after_a_quiet_spell_the_connection_is_checked(fresh_connection):
    query(fresh_connection)
    new_request(fresh_connection)
    fresh_connection.answered_at = time.monotonic() - HEALTH_CHECK_BYPASS - 0.1

    with mock.patch.object(
        type(fresh_connection), "is_usable", autospec=True, return_value=True
    ) as is_usable:
        assert query(fresh_connection) == 1

    assert is_usable.call_count == 1


def test_a_connection_the_server_dropped_is_replaced_after_a_quiet_spell(
    fresh_connection,
):
    query(fresh_connection)
    pid = fresh_connection.connection.info.backend_pid
    new_request(fresh_connection)
    other = connections.create_connection("default")
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    finally:
        other.close()
    fresh_connection.answered_at = time.monotonic() - HEALTH_CHECK_BYPASS - 0.1

    assert query(fresh_connection) == 1
    assert fresh_connection.connection.info.backend_pid != pid
