"""The editors' desk: article admin, review queue, the workflow views, and the
e-paper (editions, page upload, the region tool)."""

from . import (  # noqa: F401 (registers)
    article,
    epaper,
    inspection,
    media,
    notices,
    queue,
    tags,
    words,
)
