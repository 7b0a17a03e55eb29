"""``manage.py load_demo``: the demo newsroom (see ``articles.demo.loader``)."""

from articles.demo.loader import Command

__all__ = ["Command"]
