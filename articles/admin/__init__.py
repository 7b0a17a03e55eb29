"""The editors' desk: article admin, review queue, the workflow views, and the
e-paper (editions, page upload, the region tool)."""

from . import article, epaper, media, notices, queue, tags, words  # noqa: F401 (registers)
