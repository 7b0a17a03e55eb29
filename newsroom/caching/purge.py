"""Telling shared caches (Varnish, a CDN) which pages to drop.

``versions.send_purge`` calls ``purge_backend().purge(tags)`` once a change has
committed. The backend is named by ``CACHE_PURGE_BACKEND``; the default sends one
``PURGE`` request to each of ``CACHE_PURGE_SERVERS`` with the tags in an
``xkey-purge`` header, which the VCL in ``docs/varnish.vcl`` hands to Varnish's xkey
module. A purge that fails is retried (``CACHE_PURGE_RETRIES``) and then logged: it
never fails the publish. The pages then leave the shared cache at their
``s-maxage`` at the latest. Another backend (a CDN's API) needs only ``purge(tags)``.
"""

import logging
import time
import urllib.error
import urllib.request
from functools import cache

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)
# Varnish refuses request headers over 8 KB by default: a long list of tags goes
# in several requests.
TAGS_PER_REQUEST = 200


class NoPurge:
    """No shared cache in front: nothing to tell."""

    def purge(self, tags):
        return None


class VarnishXkeyPurge:
    """``PURGE /`` with ``xkey-purge: tag tag…`` to every configured server."""

    def __init__(self, servers, timeout, retries):
        self.servers, self.timeout, self.retries = servers, timeout, retries

    def purge(self, tags):
        tags = sorted(tags)
        for server in self.servers:
            for start in range(0, len(tags), TAGS_PER_REQUEST):
                self.send(server, " ".join(tags[start : start + TAGS_PER_REQUEST]))

    def send(self, server, header):
        request = urllib.request.Request(
            server.rstrip("/") + "/", method="PURGE", headers={"xkey-purge": header}
        )
        for attempt in range(1 + self.retries):
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as answer:
                    answer.read()
                return True
            except (OSError, urllib.error.URLError) as error:
                failure = error
                time.sleep(min(0.2 * 2**attempt, 1))
        logger.warning(
            "Cache purge failed at %s after %d tries (%s): %s",
            server,
            1 + self.retries,
            failure,
            header[:200],
        )
        return False


@cache
def _backend(path, servers, timeout, retries):
    if path:
        return import_string(path)(list(servers), timeout, retries)
    if servers:
        return VarnishXkeyPurge(list(servers), timeout, retries)
    return NoPurge()


def purge_backend():
    return _backend(
        settings.CACHE_PURGE_BACKEND,
        tuple(settings.CACHE_PURGE_SERVERS),
        settings.CACHE_PURGE_TIMEOUT,
        settings.CACHE_PURGE_RETRIES,
    )
