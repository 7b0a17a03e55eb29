"""Four newspaper pages for timing the e-paper's import (render + regions): the
fixture copy of tests/data/epaper (pages 1–2, then again as 3–4 with titles of
their own) as PDFs, and their copy as text files, written to a folder.

    DEBUG=1 .venv/bin/python -m tests.bench.epaper_pages /tmp/epaper-bench
    cd /tmp/epaper-bench && python manage.py import_pages 2024-03-06 第?版.pdf \\
        --text 第1版.txt --text 第2版.txt --text 第3版.txt --text 第4版.txt --pages 4

The command's last line gives the time it took to render the pages and find the
articles on them (docs/epaper.md).
"""

import datetime
import os
import sys
from dataclasses import replace
from pathlib import Path

import django


def main(folder):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    django.setup()
    from articles.epaper.sample import make_page  # noqa: PLC0415 — after setup
    from tests.helpers import epaper_stories  # noqa: PLC0415

    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    day = datetime.date(2024, 3, 6)
    pages = epaper_stories()
    for number in range(1, 5):
        _, name, stories = pages[(number - 1) % 2]
        if number > 2:
            stories = [replace(s, title=s.title + "（续）") for s in stories]
        data, _ = make_page(
            stories, paper="青禾日报", day=day, page_number=number, page_name=name
        )
        (out / f"第{number}版.pdf").write_bytes(data)
        copy = "\n\n".join(
            "\n\n".join([s.title, *s.paragraphs, s.byline]) for s in stories
        )
        (out / f"第{number}版.txt").write_text(copy + "\n", encoding="utf-8")
    sys.stdout.write(f"4 个版面的 PDF 和文字已写入 {out}\n")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "epaper-bench")
