"""The benchmark's floor: a constant page through the full middleware stack."""

from django.http import HttpResponse

# A constant 20 KB page: the benchmark's "floor", the fastest a request can be
# answered through the full middleware stack.
FLOOR_BODY = (
    "<!DOCTYPE html><html lang=zh-Hans><title>floor</title><p>" + "基准" * 3400
)[:20480].encode()[:20480]


def floor(request):
    return HttpResponse(FLOOR_BODY, content_type="text/html; charset=utf-8")
