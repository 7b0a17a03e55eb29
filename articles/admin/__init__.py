"""The editors' desk: article admin, review queue, the workflow views, and the
e-paper (editions, page upload, the region tool)."""

from . import article, epaper, queue, tags, words  # noqa: F401  (registers the admin classes)
