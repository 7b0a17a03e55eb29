"""The editors' desk: article admin, review queue, and the workflow views."""

from . import article, queue, words  # noqa: F401  (registers the admin classes)
