"""newsroom.links.link builds what reverse() builds, for any value; the ``iso``
filter writes a time HTML's datetime attribute takes."""

import datetime

import pytest
from django.template import Context, Template
from django.test import override_settings
from django.urls import NoReverseMatch, reverse, set_script_prefix
from hypothesis import given, settings
from hypothesis import strategies as st

from newsroom.links import link

ROUTES = [
    ("article_detail", {"pk": st.integers(0, 10**12), "slug": st.text(max_size=40)}),
    ("official_detail", {"slug": st.text(max_size=40)}),
    ("department_detail", {"slug": st.text(max_size=40)}),
    ("archive_month", {"year": st.integers(1, 9999), "month": st.integers(1, 12)}),
    (
        "archive_day",
        {
            "year": st.integers(1, 9999),
            "month": st.integers(1, 12),
            "day": st.integers(1, 31),
        },
    ),
]


def answer(build, name, kwargs):
    try:
        return build(name, kwargs)
    except NoReverseMatch:
        return NoReverseMatch


@pytest.mark.parametrize(("name", "fields"), ROUTES, ids=[r[0] for r in ROUTES])
@settings(deadline=None)  # a busy machine is not a slow function
@given(data=st.data())
def test_link_is_reverse(name, fields, data):
    kwargs = {
        field: data.draw(strategy, label=field) for field, strategy in fields.items()
    }
    expected = answer(lambda n, kw: reverse(n, kwargs=kw), name, kwargs)

    assert answer(lambda n, kw: link(n, **kw), name, kwargs) == expected


@pytest.mark.parametrize(
    "slug", ["bench-1", "会议纪要", "a b", "a%2Fb", "?#&", "7300519864", "", "a/b"]
)
def test_link_quotes_and_refuses_as_reverse_does(slug):
    try:
        expected = reverse("tag_detail", kwargs={"slug": slug})
    except NoReverseMatch:
        with pytest.raises(NoReverseMatch):
            link("tag_detail", slug=slug)
    else:
        assert link("tag_detail", slug=slug) == expected


def test_link_follows_the_script_prefix_and_the_urlconf():
    first = link("official_detail", slug="li")
    set_script_prefix("/news/")
    try:
        assert link("official_detail", slug="li") == "/news" + first
    finally:
        set_script_prefix("/")
    with override_settings(ROOT_URLCONF="tests.bench.urls"):
        assert link("official_detail", slug="li") == reverse(
            "official_detail", kwargs={"slug": "li"}
        )


@pytest.mark.parametrize(
    ("value", "written"),
    [
        (datetime.datetime(2023, 11, 29, 0, 30, tzinfo=datetime.UTC),
         "2023-11-29T08:30:00+08:00"),
        # HTML's datetime takes at most three digits of a second: none are written.
        (datetime.datetime(2024, 2, 29, 23, 59, 59, 123456, tzinfo=datetime.UTC),
         "2024-03-01T07:59:59+08:00"),
        (None, ""),
    ],
)  # fmt: skip
def test_iso_writes_the_time_in_shanghai_to_the_second(value, written):
    rendered = Template("{% load site %}{{ v|iso }}").render(Context({"v": value}))
    assert rendered == written
