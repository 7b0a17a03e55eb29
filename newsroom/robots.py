"""Group-chat robots (企业微信 and 钉钉 群机器人): one line of text posted to each
webhook address in ``settings.NOTIFY_WEBHOOK_URLS``.

Both accept the same JSON body, ``{"msgtype": "text", "text": {"content": …}}``
(a 钉钉 robot secured by a keyword needs that keyword in the text; one secured by
signature is not supported). A robot that cannot be reached, answers slowly or
refuses is logged and skipped: what it tells of has already happened.
"""

import json
import logging
import urllib.error
import urllib.request

from django.conf import settings

logger = logging.getLogger(__name__)


def post_text(text):
    """Post ``text`` to every robot; return how many accepted it."""
    body = json.dumps(
        {"msgtype": "text", "text": {"content": text}}, ensure_ascii=False
    ).encode()
    accepted = 0
    for url in settings.NOTIFY_WEBHOOK_URLS:
        if not url.startswith(("https://", "http://")):
            logger.error("机器人地址无效，已跳过：%s", url[:80])
            continue
        request = urllib.request.Request(  # noqa: S310 (only http(s) above)
            url,
            data=body,
            headers={"Content-Type": "application/json; charset=utf-8"},
            method="POST",
        )
        try:
            with urllib.request.urlopen(  # noqa: S310
                request, timeout=settings.NOTIFY_WEBHOOK_TIMEOUT
            ) as response:
                response.read(4096)
        except (OSError, ValueError, urllib.error.URLError):
            # HTTPError, timeouts and refused connections are all OSErrors.
            logger.exception("群机器人通知未能发出：%s", url.split("?")[0][:80])
        else:
            accepted += 1
    return accepted
