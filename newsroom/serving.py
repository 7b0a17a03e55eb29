"""What a serving process requires before it answers a single request."""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def require_serving_config():
    """With DEBUG off, refuse to serve without a real SECRET_KEY and ALLOWED_HOSTS."""
    if settings.DEBUG:
        return
    if not settings.SECRET_KEY_FROM_ENVIRONMENT:
        raise ImproperlyConfigured(
            "生产环境必须设置 SECRET_KEY 环境变量（DEBUG=1 时可省略）。"
        )
    if not settings.ALLOWED_HOSTS:
        raise ImproperlyConfigured(
            "生产环境必须设置 ALLOWED_HOSTS 环境变量（逗号分隔的域名）。"
        )
