"""Every URL pattern of every app, with hostile values, never answers 5xx.

Each route of the URLconf (the admin's included) is requested with every path
parameter replaced by a hostile value — huge, negative, zero, NUL, a lone
surrogate, very long, the wrong type, a path traversal — as a visitor, a reporter
and an editor, by GET and by POST; every page without parameters is also asked
with hostile query strings (cursors, page numbers, dates at the ends of the
calendar, regex lookups, open redirects). Runs on SQLite and on PostgreSQL (CI
runs the suite on both). ``FUZZ_REPORT=path`` appends the figures, one JSON line
per visitor and half of the routes.
"""

import json
import os
import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from newsroom import roles
from tests.factories import full_article

pytestmark = pytest.mark.django_db

HOSTILE = {
    "huge": "9" * 30,
    "thousands of digits": "9" * 5000,
    "negative": "-1",
    "zero": "0",
    "nul": "%00",
    "surrogate": "%ED%A0%80",
    "long": "a" * 3000,
    "wrong type": "abc",
    "traversal": "..%2F..%2Fetc%2Fpasswd",
    "date": "9999-12-31",
}
QUERIES = [
    "after=" + "9" * 30 + "-" + "9" * 30,
    "before=-1--1",
    "before=1-" + "9" * 30,
    "after=abc",
    "page=-1",
    "page=" + "9" * 30,
    "p=" + "9" * 30,
    "o=99.-99",
    "q=%00",
    "q=%ED%A0%80",
    "q=" + "长" * 5000,
    "q=x&start=9999-12-31&end=0001-01-01",
    "q=x&start=0001-01-01",
    "q=x&official=%00&department=" + "9" * 30,
    "next=x",
    "next=//evil.example/",
    "mode=large&next=javascript:alert(1)",
    "term=%00",
    "published_at__regex=(a%2B)%2B%24",
    "title__regex=.*",
    "e=1",
    "_to_field=password",
    "status__exact=%00",
    "id__in=abc,-1," + "9" * 30,
]
# POSTing here ends the session the rest of the run uses.
NO_POST = {"logout"}
PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")


def routes(resolver=None, prefix=""):
    """(name, route) of every route; regex routes only where they take no groups."""
    for entry in (resolver or get_resolver()).url_patterns:
        pattern = str(entry.pattern)
        if pattern.startswith("^"):
            if "(?P<" in pattern:
                continue  # the admin's app index: reached through its own links
            pattern = pattern.lstrip("^").rstrip("$")
        route = prefix + pattern
        if isinstance(entry, URLResolver):
            yield from routes(entry, route)
        elif isinstance(entry, URLPattern):
            yield entry.name or "", route


def fill(route, value):
    return "/" + PARAMETER.sub(value, route)


WHO = {"anonymous": None, "reporter": roles.REPORTER, "editor": roles.EDITOR}
SHARDS = 2  # each visitor's routes in two halves, so pytest-xdist can spread them


@pytest.mark.parametrize("shard", range(SHARDS))
@pytest.mark.parametrize("who", WHO)
def test_no_route_answers_a_server_error(make_user, who, shard):
    full_article(title="公开的稿件")
    client = Client(raise_request_exception=False)
    if WHO[who]:
        client.force_login(make_user(WHO[who], f"fuzz-{who}"))
    all_routes = sorted(set(routes()))
    server_errors, sent = [], 0
    for name, route in all_routes[shard::SHARDS]:
        takes_values = bool(PARAMETER.search(route))
        paths = (
            [fill(route, value) for value in HOSTILE.values()]
            if takes_values
            else [fill(route, "") + "?" + q for q in QUERIES] + [fill(route, "")]
        )
        for path in paths:
            methods = ["get"] if name in NO_POST else ["get", "post"]
            for method in methods:
                response = getattr(client, method)(path)
                sent += 1
                if response.status_code >= 500:
                    server_errors.append(f"{who} {method.upper()} {path[:120]}")
    if os.environ.get("FUZZ_REPORT"):
        # One JSON line per visitor and shard; the figures add up across lines.
        with open(os.environ["FUZZ_REPORT"], "a") as report:
            line = {
                "who": who,
                "shard": shard,
                "routes": len(all_routes),
                "requests": sent,
                "server_errors": len(server_errors),
            }
            report.write(json.dumps(line) + "\n")
    assert server_errors == [], "\n".join(server_errors[:40])
