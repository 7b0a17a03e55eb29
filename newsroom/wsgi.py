"""WSGI entry point (gunicorn newsroom.wsgi; also runserver)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

from newsroom.serving import require_serving_config  # noqa: E402

require_serving_config()
application = get_wsgi_application()
