"""The self-inspection (迎检自查): what an inspector of government websites would
find, found by the system itself (《政府网站与政务新媒体检查指标》).

- ``columns``: every column's freshness against its rule, and empty columns;
- ``wording``: every published article through today's editorial checks (a word
  listed today finds the old articles that carry it);
- ``links``: external links (checked over HTTP, results kept in ``LinkCheck``)
  and internal links that lead nowhere;
- ``site``: identifiers, the required pages, HTTPS and HSTS, and the large-text
  switch and skip link on every kind of page;
- ``report``: the checks gathered into one report (``run``), kept as an
  ``InspectionReport``; ``excel`` writes it as a workbook.

The admin page (``articles.admin.inspection``) and ``manage.py inspect_site``
show the same report.
"""

import time
from dataclasses import asdict

from django.utils import timezone

from ..models import InspectionReport
from . import columns, links, site, wording
from .report import FAIL, SECTIONS, WARN


def run(*, external_links=True, actor=None, stages=None, progress=None):
    """Every check, in the report's order, kept as an ``InspectionReport``.

    ``stages`` are the functions to run (each returns a list of ``Check``); by
    default every one. ``progress(label, seconds)`` hears of each finished stage.
    """
    started = time.monotonic()
    checks = []
    timings = {}
    for label, stage in stages or default_stages(external_links=external_links):
        begun = time.monotonic()
        checks += stage()
        timings[label] = round(time.monotonic() - begun, 2)
        if progress:
            progress(label, timings[label])
    checks.sort(key=lambda check: SECTIONS.index(check.section))
    seconds = round(time.monotonic() - started, 2)
    data = {
        "checks": [asdict(check) for check in checks],
        "timings": timings,
        "external_links": external_links,
    }
    return InspectionReport.objects.create(
        created_at=timezone.now(),
        created_by=actor,
        seconds=seconds,
        failures=sum(check.status == FAIL for check in checks),
        warnings=sum(check.status == WARN for check in checks),
        data=data,
    )


def default_stages(*, external_links=True):
    return [
        ("栏目更新", columns.checks),
        ("内容审校", wording.checks),
        ("链接", lambda: links.checks(external=external_links)),
        ("网站标识与安全", site.checks),
    ]
