"""Newspaper pages as PDFs, laid out like a district paper's page (masthead or page
header, a lead story across four columns with a photo, then stories two columns
wide), for the demo and the tests. Each article's text block is returned with
the page, so a test knows where the region must be found.

The text is set in the Adobe-GB1 CID font STSong-Light, which reportlab writes
with a text layer that every reader understands. reportlab cannot embed the
Noto CJK fonts (OpenType with PostScript outlines); the renderer (pdfium) draws
STSong-Light with the machine's CJK font, Noto Serif/Sans CJK where
fonts-noto-cjk is installed, and the text layer is the same either way.
"""

import io
from dataclasses import dataclass, field
from pathlib import Path

import pypdfium2 as pdfium
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

FONT = "STSong-Light"
PAGE_SIZE = (842.0, 1191.0)
MARGIN = 40.0
GUTTER = 12.0
RED = (0.66, 0.09, 0.11)
BODY_SIZE = 10.0
BODY_LEADING = 16.0
WEEKDAYS = "一二三四五六日"
PHOTO_COLUMNS = 2  # a story's photo takes its last two columns
PHOTO_HEIGHT = 190.0
NOTICE = 200.0  # the height of a public-service notice where stories leave room

# Where the machine's CJK fonts usually are (Debian's fonts-noto-cjk and others);
# the renderer draws STSong-Light with one of them.
CJK_FONTS = ("/usr/share/fonts", "/usr/local/share/fonts", "/System/Library/Fonts")
CJK_NAMES = ("*CJK*", "*wqy*", "*Hei*", "*Song*", "*PingFang*")

pdfmetrics.registerFont(UnicodeCIDFont(FONT))


def cjk_font_installed():
    """Whether the machine has a CJK font the renderer can draw the pages with."""
    for folder in map(Path, CJK_FONTS):
        if folder.is_dir() and any(
            next(folder.rglob(pattern), None) for pattern in CJK_NAMES
        ):
            return True
    return False


@dataclass
class Story:
    title: str
    paragraphs: list
    kicker: str = ""
    subtitle: str = ""
    byline: str = ""
    photo: bool = False


@dataclass
class Placed:
    """Where a story's text went: (left, bottom, right, top) in PDF points."""

    story: Story
    box: list = field(default_factory=lambda: [None, None, None, None])

    def add(self, left, bottom, right, top):
        values = (left, bottom, right, top)
        for i, pick in enumerate((min, min, max, max)):
            self.box[i] = (
                values[i] if self.box[i] is None else pick(self.box[i], values[i])
            )


class PageMaker:
    def __init__(self, pdf, width, height):
        self.pdf = pdf
        self.width = width
        self.height = height

    def line(self, placed, text, x, baseline, size, *, bold=False, color=None):
        pdf = self.pdf
        pdf.saveState()  # the render mode and line width stay with this line
        pdf.setFillColorRGB(*(color or (0.1, 0.1, 0.1)))
        text_object = pdf.beginText(x, baseline)
        text_object.setFont(FONT, size)
        if bold:  # STSong has one weight: stroke the outline for a headline face
            pdf.setStrokeColorRGB(*(color or (0.1, 0.1, 0.1)))
            pdf.setLineWidth(size / 24)
            text_object.setTextRenderMode(2)
        text_object.textOut(text)
        pdf.drawText(text_object)
        pdf.restoreState()
        if placed is not None:
            placed.add(
                x,
                baseline - 0.12 * size,
                x + pdfmetrics.stringWidth(text, FONT, size),
                baseline + 0.88 * size,
            )

    def centred(self, placed, text, left, right, baseline, size, **kwargs):
        x = left + (right - left - pdfmetrics.stringWidth(text, FONT, size)) / 2
        self.line(placed, text, x, baseline, size, **kwargs)

    def story(self, story, left, top, right, bottom, columns):
        """Set ``story`` in the box; text that does not fit is left out (转版)."""
        placed = Placed(story)
        y = top
        if story.kicker:
            y -= 14
            self.centred(placed, story.kicker, left, right, y, 12)
        size = 26 if columns >= 4 else 20
        y -= size + 4
        self.centred(placed, story.title, left, right, y, size, bold=True)
        if story.subtitle:
            y -= 20
            self.centred(placed, story.subtitle, left, right, y, 13)
        y -= 16
        column_width = (right - left - GUTTER * (columns - 1)) / columns
        per_line = int(column_width // BODY_SIZE)
        tops = [y] * columns
        photo_columns = 0
        if story.photo:
            photo_columns = PHOTO_COLUMNS
            photo_left = left + (column_width + GUTTER) * (columns - photo_columns)
            photo_bottom = y - PHOTO_HEIGHT
            self.photo(photo_left, photo_bottom, right, y)
            for c in range(columns - photo_columns, columns):
                tops[c] = photo_bottom - 10
        lines = []
        for paragraph in (
            [*story.paragraphs, story.byline] if story.byline else story.paragraphs
        ):
            text = "　　" + paragraph
            lines += [text[i : i + per_line] for i in range(0, len(text), per_line)]
        column = 0
        baseline = tops[0] - BODY_SIZE
        # Balanced columns, as a layout system sets a short story.
        text_columns = columns - (photo_columns if story.photo else 0)
        target = -(-len(lines) // max(text_columns, 1))
        in_column = 0
        for text in lines:
            while baseline < bottom + 2 or in_column >= target:
                in_column = 0
                column += 1
                if column == columns:
                    return placed
                baseline = tops[column] - BODY_SIZE
            x = left + column * (column_width + GUTTER)
            self.line(None, text, x, baseline, BODY_SIZE)
            shown = text.lstrip("　")
            indent = (len(text) - len(shown)) * BODY_SIZE
            placed.add(
                x + indent,
                baseline - 0.12 * BODY_SIZE,
                x + pdfmetrics.stringWidth(text, FONT, BODY_SIZE),
                baseline + 0.88 * BODY_SIZE,
            )
            baseline -= BODY_LEADING
            in_column += 1
        return placed

    def photo(self, left, bottom, right, top):
        """A generated picture: sky, hills and a road, no stock photo."""
        pdf = self.pdf
        bands = [
            (0.80, 0.88, 0.95),
            (0.62, 0.75, 0.86),
            (0.45, 0.62, 0.45),
            (0.3, 0.45, 0.3),
        ]
        step = (top - bottom) / len(bands)
        for i, color in enumerate(bands):
            pdf.setFillColorRGB(*color)
            pdf.rect(
                left, top - step * (i + 1), right - left, step + 0.5, stroke=0, fill=1
            )
        pdf.setFillColorRGB(0.55, 0.55, 0.55)
        path = pdf.beginPath()
        middle = (left + right) / 2
        path.moveTo(middle - 8, top - step * 2)
        path.lineTo(middle + 8, top - step * 2)
        path.lineTo(middle + 60, bottom)
        path.lineTo(middle - 60, bottom)
        path.close()
        pdf.drawPath(path, stroke=0, fill=1)

    def rule(self, x1, y1, x2, y2, width=0.6, color=(0.4, 0.4, 0.4)):
        self.pdf.setStrokeColorRGB(*color)
        self.pdf.setLineWidth(width)
        self.pdf.line(x1, y1, x2, y2)


def notice(maker, top, bottom):
    """A public-service notice (公益广告) where the stories leave room, as papers do."""
    pdf, width = maker.pdf, maker.width
    pdf.setStrokeColorRGB(*RED)
    pdf.setLineWidth(1.5)
    pdf.rect(MARGIN, bottom + 4, width - 2 * MARGIN, top - bottom - 8, stroke=1, fill=0)
    middle = (top + bottom) / 2
    maker.centred(
        None,
        "文明城市 共建共享",
        MARGIN,
        width - MARGIN,
        middle + 8,
        30,
        bold=True,
        color=RED,
    )
    maker.centred(
        None,
        "讲文明 树新风 · 公益广告",
        MARGIN,
        width - MARGIN,
        middle - 22,
        13,
        color=RED,
    )


def needed_height(story, width, columns):
    """Roughly how tall ``story`` sets in ``columns`` across ``width`` points."""
    column_width = (width - GUTTER * (columns - 1)) / columns
    per_line = int(column_width // BODY_SIZE)
    paragraphs = [*story.paragraphs, story.byline] if story.byline else story.paragraphs
    lines = sum(-(-(len(p) + 2) // per_line) for p in paragraphs)
    text_columns = columns - (PHOTO_COLUMNS if story.photo else 0)
    body = (-(-lines // text_columns) + 1) * BODY_LEADING
    if story.photo:  # the photo is as tall as it is, however short the text
        body = max(body, PHOTO_HEIGHT + 24)
    headline = 60 + (20 if story.subtitle else 0) + (14 if story.kicker else 0)
    return headline + body


def header(maker, *, paper, day, number, total, page_number, page_name):
    """The masthead on the first page; a running head on the others. Returns the
    top of the story area."""
    width, height = maker.width, maker.height
    date_text = f"{day.year}年{day.month}月{day.day}日 星期{WEEKDAYS[day.weekday()]}"
    issue = f"第{number}期" + (f"（总第{total}期）" if total else "")
    if page_number == 1:
        maker.centred(
            None, paper, MARGIN, width - MARGIN, height - 110, 64, bold=True, color=RED
        )
        maker.rule(MARGIN, height - 128, width - MARGIN, height - 128, 2.5, RED)
        maker.line(None, date_text, MARGIN, height - 146, 11)
        maker.line(None, issue, width / 2 - 50, height - 146, 11)
        label = f"第{page_number}版 {page_name}"
        maker.line(None, label, width - MARGIN - len(label) * 11, height - 146, 11)
        maker.rule(MARGIN, height - 154, width - MARGIN, height - 154, 0.8, RED)
        return height - 164
    label = f"第{page_number}版 {page_name}"
    maker.line(None, label, MARGIN, height - 52, 18, bold=True, color=RED)
    maker.line(None, date_text, width - MARGIN - len(date_text) * 10, height - 50, 10)
    maker.line(None, paper, width / 2 - len(paper) * 5, height - 50, 10)
    maker.rule(MARGIN, height - 62, width - MARGIN, height - 62, 2, RED)
    return height - 72


def make_page(
    stories,
    *,
    paper,
    day,
    number=1,
    total=None,
    page_number=1,
    page_name="",
    briefs=(),
):
    """One page: ``stories[0]`` leads across four columns, the others follow two
    by two, then ``briefs`` ([(title, text)…], 简讯) and a notice fill the rest.
    Returns (PDF bytes, [Placed…]) in the order of ``stories``."""
    width, height = PAGE_SIZE
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=PAGE_SIZE, pageCompression=1)
    pdf.setTitle(f"{paper} {day.isoformat()} 第{page_number}版")
    maker = PageMaker(pdf, width, height)
    top = header(
        maker,
        paper=paper,
        day=day,
        number=number,
        total=total,
        page_number=page_number,
        page_name=page_name,
    )
    bottom = MARGIN + 16
    placed = []
    rest = stories[1:]
    rows = [rest[i : i + 2] for i in range(0, len(rest), 2)]
    inner = width - 2 * MARGIN
    if rows:
        lead_height = min(needed_height(stories[0], inner, 4), (top - bottom) * 0.6)
    else:
        lead_height = top - bottom
    lead_bottom = top - lead_height
    placed.append(
        maker.story(stories[0], MARGIN, top, width - MARGIN, lead_bottom + 8, 4)
    )
    y = lead_bottom
    share = (lead_bottom - bottom) / max(len(rows), 1)
    middle = width / 2
    for row in rows:
        maker.rule(MARGIN, y, width - MARGIN, y)
        if len(row) == 1:
            spans = [(MARGIN, width - MARGIN, 4)]
        else:
            spans = [
                (MARGIN, middle - GUTTER / 2, 2),
                (middle + GUTTER / 2, width - MARGIN, 2),
            ]
        need = max(
            needed_height(story, right - left, columns)
            for story, (left, right, columns) in zip(row, spans, strict=True)
        )
        height = min(need, share)
        if len(row) == 2:
            maker.rule(middle, y - 6, middle, y - height + 4)
        for story, (left, right, columns) in zip(row, spans, strict=True):
            placed.append(
                maker.story(story, left, y - 6, right, y - height + 8, columns)
            )
        y -= height
    if briefs and y - bottom > NOTICE + 120:
        maker.rule(MARGIN, y, width - MARGIN, y)
        room = y - bottom - NOTICE
        brief = Story("简　讯", [f"【{title}】{text}" for title, text in briefs])
        maker.story(brief, MARGIN, y - 6, width - MARGIN, y - room + 8, 4)
        y -= room
    if y - bottom > 110:
        notice(maker, y - 10, bottom)
    maker.rule(MARGIN, MARGIN + 8, width - MARGIN, MARGIN + 8, 0.8, RED)
    footer = f"{paper}　{day.year}年{day.month}月{day.day}日　第{page_number}版"
    maker.centred(None, footer, MARGIN, width - MARGIN, MARGIN - 6, 9)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue(), placed


def join(pdfs):
    """Several one-page PDFs as one edition PDF (as the layout system exports it)."""
    edition = pdfium.PdfDocument.new()
    for data in pdfs:
        page = pdfium.PdfDocument(data)
        edition.import_pages(page)
        page.close()
    buffer = io.BytesIO()
    edition.save(buffer)
    edition.close()
    return buffer.getvalue()
