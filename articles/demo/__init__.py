"""The demo newsroom that ``make run`` shows: ``content`` is the copy (written for
this project), ``loader`` builds it through the real workflow (``manage.py
load_demo``)."""
