"""Reading the layout system's PDFs with pypdfium2: refuse what cannot be a page
(too large, not a PDF, encrypted, broken, empty), split an edition into its
pages, render a page to a picture and a thumbnail, and read its text layer."""

import io
import re
from dataclasses import dataclass

import pypdfium2 as pdfium
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from PIL import Image

# A page tree that counts no pages, and a page object (not the tree).
NO_PAGES = re.compile(rb"/Count\s*0(?!\d)")
A_PAGE = re.compile(rb"/Type\s*/Page(?!s)")


class PdfError(ValueError):
    """A PDF the e-paper cannot use; the message says why, in Chinese."""


@dataclass
class Rendered:
    image: bytes
    thumbnail: bytes
    extension: str
    width: float  # the page, in points
    height: float
    image_width: int  # the picture, in pixels
    image_height: int


@dataclass
class Char:
    text: str
    box: tuple  # (left, bottom, right, top) in points


def open_pdf(data, name="PDF"):
    """The document in ``data``, or PdfError saying what is wrong with it."""
    if len(data) > settings.EPAPER_MAX_PDF_BYTES:
        limit = filesizeformat(settings.EPAPER_MAX_PDF_BYTES)
        raise PdfError(f"{name} 超过 {limit} 的上限，未导入。请检查导出设置。")
    if not data.lstrip()[:5] == b"%PDF-":
        raise PdfError(f"{name} 不是 PDF 文件。")
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise PdfError(
                f"{name} 已加密（设有密码），无法读取。请从排版系统导出不加密的 PDF。"
            ) from exc
        if NO_PAGES.search(data) and not A_PAGE.search(data):
            # PDFium refuses a document without pages as it refuses a broken one.
            raise PdfError(f"{name} 没有任何页面。") from exc
        raise PdfError(f"{name} 已损坏，无法读取。请重新导出。") from exc
    if len(document) == 0:
        document.close()
        raise PdfError(f"{name} 没有任何页面。")
    if len(document) > settings.EPAPER_MAX_PAGES:
        count = len(document)
        document.close()
        raise PdfError(
            f"{name} 有 {count} 页，超过一期 {settings.EPAPER_MAX_PAGES} 版的上限。"
        )
    for index in range(len(document)):
        width, height = document[index].get_size()
        if not (72 <= width <= 14400 and 72 <= height <= 14400):
            document.close()
            raise PdfError(f"{name} 第 {index + 1} 页的尺寸不像报纸版面。")
    return document


def split(document):
    """Each page of ``document`` as a PDF of its own (bytes)."""
    pages = []
    for index in range(len(document)):
        single = pdfium.PdfDocument.new()
        single.import_pages(document, [index])
        buffer = io.BytesIO()
        single.save(buffer)
        single.close()
        pages.append(buffer.getvalue())
    return pages


def _encode(image, image_format):
    buffer = io.BytesIO()
    if image_format == "WEBP":
        image.save(buffer, "WEBP", quality=82, method=4)
    else:
        image.save(buffer, "JPEG", quality=85, optimize=True, progressive=True)
    return buffer.getvalue()


def render(data):
    """A one-page PDF as a picture ``EPAPER_IMAGE_WIDTH`` pixels wide (sharp on a
    desktop, and on a phone when zoomed in) and a thumbnail for the page strip."""
    document = open_pdf(data)
    try:
        page = document[0]
        width, height = page.get_size()
        scale = settings.EPAPER_IMAGE_WIDTH / width
        bitmap = page.render(scale=scale, may_draw_forms=True)
        image = bitmap.to_pil().convert("RGB")
    except pdfium.PdfiumError as exc:
        raise PdfError("版面 PDF 无法渲染，请重新导出。") from exc
    finally:
        document.close()
    image_format = settings.EPAPER_IMAGE_FORMAT
    thumb_width = settings.EPAPER_THUMBNAIL_WIDTH
    thumbnail = image.resize(
        (thumb_width, round(image.height * thumb_width / image.width)),
        Image.Resampling.LANCZOS,
    )
    return Rendered(
        image=_encode(image, image_format),
        thumbnail=_encode(thumbnail, image_format),
        extension="webp" if image_format == "WEBP" else "jpg",
        width=width,
        height=height,
        image_width=image.width,
        image_height=image.height,
    )


def text_chars(data):
    """The characters of a one-page PDF's text layer with their boxes; empty for a
    scan (no text layer)."""
    document = open_pdf(data)
    try:
        textpage = document[0].get_textpage()
        count = textpage.count_chars()
        text = textpage.get_text_range() if count else ""
        if len(text) != count:
            # The text view differs from the char list: read char by char.
            text = "".join(
                textpage.get_text_range(i, 1)[:1] or " " for i in range(count)
            )
        return [
            Char(text[i], textpage.get_charbox(i, loose=True))
            for i in range(count)
            if not text[i].isspace()
        ]
    finally:
        document.close()
