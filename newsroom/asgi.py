"""ASGI entry point."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

from newsroom.serving import require_serving_config  # noqa: E402

require_serving_config()
application = get_asgi_application()
