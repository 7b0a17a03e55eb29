"""The editors' desk: article admin, review queue, and the workflow views."""

from . import article, inspection, queue, tags, words  # noqa: F401  (registers them)
