"""Hostile input answered before it reaches the database.

- ``RejectNulMiddleware``: a NUL character in the path, the query string or a
  urlencoded form field is refused with 400 (PostgreSQL cannot store or compare
  one, so it would otherwise surface as a server error in whichever query met it
  first);
- regular-expression lookups in admin query strings (``?title__regex=…``) are
  refused with 400: a crafted pattern can hold a worker for minutes (SQLite runs
  Python's ``re``), and no admin page needs one;
- ``object_id()``: an id from a URL or a form as an int the database can hold,
  or 404 — ``abc``, ``-1``, ``0`` and a 30-digit number are ids that do not exist;
- ``safe_date_range()``: a date range whose ends can be turned into times in the
  site's zone and back (9999-12-31 has no next day, 0001-01-01 no UTC).
"""

import datetime

from django.http import Http404, HttpResponseBadRequest
from django.utils import timezone

MAX_ID = 2**63 - 1  # a PostgreSQL bigint; SQLite's INTEGER is the same
EARLIEST = datetime.date(1900, 1, 1)
LATEST = datetime.date(9000, 12, 31)


def object_id(value):
    text = str(value)
    if not (text.isascii() and text.isdigit() and len(text) <= 19):
        raise Http404("没有这个对象。")
    if not 0 < int(text) <= MAX_ID:
        raise Http404("没有这个对象。")
    return int(text)


def safe_date(value):
    """``value`` if a page may ask for it, else None."""
    return value if value is not None and EARLIEST <= value <= LATEST else None


def local_midnight(day):
    """The start of ``day`` in the site's time zone, as an aware datetime."""
    return datetime.datetime.combine(
        day, datetime.time.min, tzinfo=timezone.get_current_timezone()
    )


def _has_nul(request):
    if "\x00" in request.path or "%00" in request.META.get("QUERY_STRING", ""):
        return True
    # A urlencoded body is read whole (and stays readable as ``request.body``);
    # multipart fields are left to the forms, whose fields refuse NUL themselves.
    if request.method == "POST" and (
        request.content_type == "application/x-www-form-urlencoded"
    ):
        return any(
            "\x00" in key or any("\x00" in v for v in values)
            for key, values in request.POST.lists()
        )
    return False


def _has_regex_lookup(request):
    return request.path.startswith("/admin/") and any(
        "__regex" in key or "__iregex" in key for key in request.GET
    )


def _refuse(message):
    return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")


class RejectHostileInputMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _has_nul(request):
            return _refuse("请求中含有空字符（NUL），无法处理。")
        if _has_regex_lookup(request):
            return _refuse("不支持按正则表达式筛选。")
        return self.get_response(request)
