"""Storing an edition's pages from the layout system's PDFs: check every file
first, then in one transaction make the edition, each page's PDF, picture and
thumbnail (rendered once), and the proposed regions of the articles printed on
it. A bad file stops the whole import before anything is written; files written
by an import that fails later are removed again.
"""

import re
import time
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.db import transaction

from articles.editorial.importer import EditionError, import_edition, read
from articles.models import Article, Edition, Page, Region
from articles.models.epaper import valid_points

from . import pdf, regions


@dataclass
class PagesResult:
    edition: Edition
    pages: list = field(default_factory=list)
    proposed: int = 0
    without_text: list = field(default_factory=list)  # page numbers (scans)
    seconds: float = 0.0


def page_number_in(name):
    """The page number a file's name gives (第2版.pdf, A02.pdf, 2.pdf), or None."""
    match = re.search(r"第\s*(\d{1,3})\s*版", name) or re.search(r"(\d{1,3})\D*$", name)
    return int(match.group(1)) if match else None


def page_name_in(name):
    """The page name a file's name gives (第2版综合.pdf, 02要闻.txt), or ""."""
    stem = name.rsplit(".", 1)[0]
    match = re.search(r"\d{1,3}\s*版?[\s_-]*(?!版)([\u4e00-\u9fff]{1,10})$", stem)
    return match.group(1) if match else ""


def read_files(files, *, expected=None, first=1):
    """The pages of ``files`` ([(name, bytes)…]) as {number: one-page PDF bytes}.

    One file of several pages is a whole edition, split in order from ``first``.
    Several files are a page each, numbered by their names (第2版.pdf) where every
    name carries a number, else in the order given. ``expected`` is the number of
    pages the editor said the edition has."""
    if not files:
        raise pdf.PdfError("请选择版面 PDF。")
    pages = []
    for name, data in files:
        document = pdf.open_pdf(data, name)
        try:
            if len(files) > 1 and len(document) != 1:
                raise pdf.PdfError(
                    f"{name} 有 {len(document)} 页：逐版上传时每个文件应是一个版面；"
                    "整期 PDF 请单独上传。"
                )
            pages += pdf.split(document)
        finally:
            document.close()
    numbers = [page_number_in(name) for name, _ in files]
    if len(files) > 1 and all(numbers) and len(set(numbers)) == len(numbers):
        numbered = dict(zip(numbers, pages, strict=True))
    else:
        numbered = {first + i: data for i, data in enumerate(pages)}
    if expected and len(numbered) != expected:
        raise pdf.PdfError(
            f"版数不符：应有 {expected} 个版面，上传的 PDF 共 {len(numbered)} 页。"
        )
    return dict(sorted(numbered.items()))


def page_names(day):
    """The page names the day's articles carry, by page number."""
    names = {}
    rows = Article.objects.filter(edition_date=day, page_number__isnull=False)
    for number, name in rows.values_list("page_number", "page_name"):
        if name:
            names.setdefault(number, name)
    return names


def render_page(page, data):
    """Render ``page``'s picture and thumbnail from its PDF, once: a page that has
    its picture is left as it is. Returns whether it rendered."""
    if page.image:
        return False
    rendered = pdf.render(data)
    stem = f"{page.edition.date:%Y%m%d}-{page.number:02d}"
    page.width, page.height = rendered.width, rendered.height
    page.image_width, page.image_height = rendered.image_width, rendered.image_height
    page.image.save(
        f"{stem}.{rendered.extension}", ContentFile(rendered.image), save=False
    )
    page.thumbnail.save(
        f"{stem}-thumb.{rendered.extension}",
        ContentFile(rendered.thumbnail),
        save=False,
    )
    page.save()
    return True


def propose_regions(page, data):
    """Replace the page's proposed regions with those found in its text layer for
    the articles placed on it (drafts too: the editor links them before they are
    published). Regions an editor drew or adjusted stay. Returns how many."""
    chars = pdf.text_chars(data)
    page.has_text = bool(chars)
    page.save(update_fields=["has_text"])
    page.regions.filter(proposed=True).delete()
    kept = set(page.regions.values_list("article_id", flat=True))
    articles = Article.objects.filter(
        edition_date=page.edition.date, page_number=page.number
    ).exclude(pk__in=kept)
    articles = articles.prefetch_related("bylines__reporter")
    found = regions.propose(chars, articles.order_by("page_order", "pk"))
    Region.objects.bulk_create(
        Region(page=page, article_id=p.article_id, points=p.points, proposed=True)
        for p in found
    )
    return len(found)


def import_pages(
    *, day, files, number=None, total_number=None, names=None, expected=None, first=1
):
    """Make (or update) the edition of ``day`` from ``files``; pages already there
    with the same numbers are replaced. Raises ``pdf.PdfError`` before anything is
    stored when a file is not a usable page."""
    started = time.monotonic()
    numbered = read_files(files, expected=expected, first=first)
    named = {page_number_in(n): page_name_in(n) for n, _ in files if len(files) > 1}
    named = {number: name for number, name in named.items() if number and name}
    names = {**page_names(day), **named, **(names or {})}
    written = []
    try:
        with transaction.atomic():
            result = store(day, numbered, names, number, total_number, written)
    except BaseException:
        for file in written:
            file.storage.delete(file.name)
        raise
    result.seconds = time.monotonic() - started
    return result


def import_day(*, day, pdfs, texts=(), actor=None, **options):
    """The day's text and PDFs in one go: each text file (its page number from its
    name, else its place in the list) is imported as drafts placed on its page
    first, then the pages, so the drafts get their proposed regions. Every PDF is
    checked before any text is stored. Returns (the text imports, PagesResult)."""
    read_files(pdfs, expected=options.get("expected"), first=options.get("first", 1))
    imported = []
    with transaction.atomic():
        for index, (name, data) in enumerate(texts, start=options.get("first", 1)):
            number = page_number_in(name.rsplit(".", 1)[0]) or index
            page_name = (options.get("names") or {}).get(number) or page_name_in(name)
            try:
                text = read(data, name)
                imported.append(
                    import_edition(
                        text,
                        edition_date=day,
                        page_number=number,
                        page_name=page_name,
                        actor=actor,
                    )
                )
            except EditionError as exc:
                raise pdf.PdfError(f"{name}：{exc}") from exc
        result = import_pages(day=day, files=pdfs, **options)
    return imported, result


def store(day, numbered, names, number, total_number, written):
    edition = Edition.objects.filter(date=day).first()
    if edition is None:
        edition = Edition(date=day, number=number or next_number(day))
    elif number:
        edition.number = number
    if total_number:
        edition.total_number = total_number
    edition.full_clean()
    edition.save()
    result = PagesResult(edition)
    for page_number, data in numbered.items():
        old = edition.pages.filter(number=page_number).first()
        if old is not None:
            old.delete()  # its files go once this commits (delete_page_files)
        page = Page(
            edition=edition, number=page_number, name=names.get(page_number, "")
        )
        page.pdf.save(
            f"{day:%Y%m%d}-{page_number:02d}.pdf", ContentFile(data), save=False
        )
        written.append(page.pdf)
        page.save()
        render_page(page, data)
        written += [page.image, page.thumbnail]
        result.proposed += propose_regions(page, data)
        if not page.has_text:
            result.without_text.append(page_number)
        result.pages.append(page)
    return result


def delete_page_files(sender, instance, **kwargs):
    """A deleted page's PDF, picture and thumbnail are removed from storage once
    the deletion commits (a rolled-back deletion keeps them)."""
    for file in (instance.pdf, instance.image, instance.thumbnail):
        if file:
            name, storage = file.name, file.storage
            transaction.on_commit(lambda n=name, s=storage: s.delete(n))


def next_number(day):
    """The next issue number of ``day``'s year (期号 restart each January)."""
    last = (
        Edition.objects.filter(date__year=day.year, date__lt=day)
        .order_by("-date")
        .values_list("number", flat=True)
        .first()
    )
    return (last or 0) + 1


def page_data(page):
    """The stored PDF of a page, as bytes."""
    with page.pdf.open("rb") as file:
        return file.read()


class RegionsError(ValueError):
    """Regions the editor sent that cannot be saved; the message says why."""


@transaction.atomic
def save_regions(*, page, regions, articles):
    """Replace ``page``'s regions with ``regions`` ([{"article": id, "points":
    [[x, y]…]}…], PDF points) as the editor left them. ``articles`` is the
    queryset of articles the editor may link. All are checked before any is
    saved; an editor's region is no longer a proposal."""
    if not isinstance(regions, list) or len(regions) > 200:
        raise RegionsError("热区数据无效。")
    wanted = []
    for number, item in enumerate(regions, 1):
        if not isinstance(item, dict):
            raise RegionsError("热区数据无效。")
        points = item.get("points")
        if not valid_points(points, page.width, page.height):
            raise RegionsError(
                f"第 {number} 个热区的位置无效（须在版面内，至少三个顶点）。"
            )
        article_id = item.get("article")
        if not isinstance(article_id, int) or isinstance(article_id, bool):
            raise RegionsError(f"第 {number} 个热区还没有关联稿件。")
        wanted.append((article_id, [[round(x, 1), round(y, 1)] for x, y in points]))
    found = set(
        articles.filter(pk__in=[a for a, _ in wanted]).values_list("pk", flat=True)
    )
    missing = [a for a, _ in wanted if a not in found]
    if missing:
        raise RegionsError(f"稿件 {missing[0]} 不存在或无权关联。")
    page.regions.all().delete()
    return [
        Region.objects.create(page=page, article_id=a, points=p, proposed=False)
        for a, p in wanted
    ]
