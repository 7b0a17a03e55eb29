"""Simplified Chinese date formats (formats.py)."""
