"""Keyset pagination for article lists: no COUNT, no OFFSET.

A page is "the next N articles older than this one" (``?after=``) or "newer than
this one" (``?before=``), both answered from the index on (published_at, id), so the
five-hundredth page costs what the first does. Cursors are
``<microseconds since the epoch>-<id>``.
"""

import datetime

from django.db import connections
from django.db.models import BooleanField
from django.db.models.expressions import RawSQL
from django.http import Http404

from newsroom.inputs import object_id

EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


def encode(article):
    micros = (article.published_at - EPOCH) // datetime.timedelta(microseconds=1)
    return f"{micros}-{article.pk}"


def decode(cursor):
    try:
        micros, pk = cursor.split("-")
        when = EPOCH + datetime.timedelta(microseconds=int(micros))
        return when, object_id(pk)
    except (ValueError, OverflowError) as exc:
        raise Http404("分页参数无效") from exc


class KeysetPage:
    def __init__(self, object_list, *, has_next, has_previous):
        self.object_list = object_list
        self.has_next = has_next
        self.has_previous = has_previous
        self.next_cursor = encode(object_list[-1]) if has_next and object_list else None
        self.previous_cursor = (
            encode(object_list[0]) if has_previous and object_list else None
        )
        self.is_first = not has_previous

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self):
        return len(self.object_list)


def _beyond(queryset, operator, when, pk):
    """Rows whose (published_at, id) is ``operator`` the cursor's, as one row-value
    comparison: the index on (published_at, id) answers it directly, and it costs
    far less to build than the equivalent OR of two conditions."""
    ops = connections[queryset.db].ops
    table = ops.quote_name(queryset.model._meta.db_table)
    condition = RawSQL(
        f"({table}.published_at, {table}.id) {operator} (%s, %s)",
        (ops.adapt_datetimefield_value(when), pk),
        output_field=BooleanField(),
    )
    return queryset.filter(condition)


def paginate(queryset, params, size):
    """One page of ``queryset`` (newest first) for the request's GET ``params``."""
    if params.get("before"):
        when, pk = decode(params["before"])
        # The plain bound lets PostgreSQL start an index range scan at the cursor.
        rows = list(
            _beyond(queryset.filter(published_at__gte=when), ">", when, pk).order_by(
                "published_at", "pk"
            )[: size + 1]
        )
        has_previous = len(rows) > size
        rows = rows[:size][::-1]
        return KeysetPage(rows, has_next=True, has_previous=has_previous)
    if params.get("after"):
        when, pk = decode(params["after"])
        rows = list(
            _beyond(queryset.filter(published_at__lte=when), "<", when, pk).order_by(
                "-published_at", "-pk"
            )[: size + 1]
        )
        return KeysetPage(rows[:size], has_next=len(rows) > size, has_previous=True)
    rows = list(queryset.order_by("-published_at", "-pk")[: size + 1])
    return KeysetPage(rows[:size], has_next=len(rows) > size, has_previous=False)
