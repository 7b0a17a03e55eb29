"""Finding an article on its printed page: its headline and its body in the PDF's
text layer, and the rectangle around them as the proposed region (热区).

The text layer lists characters in the order the layout system wrote them, with
line and column breaks between; we compare without white space, so a body
broken over lines and columns still reads as one run. The headline is found
first (with its kicker and subtitle); the body is then read from where its
opening appears, character by character, skipping what the layout inserted
(a 转版 note, a caption) and resuming where the copy continues, until the copy
ends or the page does; then the byline, where it is printed right after.
"""

import re
from dataclasses import dataclass

from articles.editorial.sanitizer import body_paragraphs
from articles.models.epaper import rectangle

# Characters the page and the copy may print differently, or not at all.
IGNORED = re.compile(r"[\s\u3000·•□■“”‘’\"'「」『』（）()【】《》〈〉]")
PADDING = 2.0  # points around the text, so the outline does not touch it
OPENING = 8  # characters of the body's opening that must match
RESYNC = 6  # characters that must match again after an interruption
LOOKAHEAD = 80  # how far on the page a resumed body may start
NEAR = 40  # how far after the body its byline may be printed


@dataclass
class Proposal:
    article_id: int
    points: list
    found_title: bool


def normalise(text):
    return IGNORED.sub("", text)


class PageText:
    """The page's text without white space, each character with its box."""

    def __init__(self, chars):
        kept = [c for c in chars if not IGNORED.fullmatch(c.text)]
        self.text = "".join(c.text for c in kept)
        self.boxes = [c.box for c in kept]

    def find(self, needle, start=0):
        return self.text.find(needle, start) if needle else -1

    def follow(self, copy, start):
        """Indexes of the page's characters that read ``copy`` from ``start``."""
        found = []
        i, j = start, 0
        while i < len(self.text) and j < len(copy):
            if self.text[i] == copy[j]:
                found.append(i)
                i += 1
                j += 1
                continue
            piece = copy[j : j + RESYNC]
            resumed = self.text.find(piece, i, i + LOOKAHEAD + len(piece))
            if len(piece) < RESYNC or resumed < 0:
                # The copy may have a character the page dropped: skip it once.
                skipped = copy[j + 1 : j + 1 + RESYNC]
                if len(skipped) == RESYNC and self.text.startswith(skipped, i):
                    j += 1
                    continue
                break
            i = resumed
        return found


def propose(chars, articles):
    """A proposed rectangle for each article of ``articles`` (objects with
    ``pk``, ``kicker``, ``title``, ``subtitle``, ``body`` and ``byline_text()``)
    found on the page whose text layer is ``chars``; those not found are left out."""
    page = PageText(chars)
    proposals = []
    if not page.text:
        return proposals
    for article in articles:
        indexes = []
        title = normalise(article.title)
        at = page.find(title)
        if at >= 0:
            indexes += range(at, at + len(title))
            for extra in (article.kicker, article.subtitle):
                extra = normalise(extra)
                near = page.find(extra, max(at - len(extra) - 40, 0)) if extra else -1
                if 0 <= near <= at + len(title) + 40:
                    indexes += range(near, near + len(extra))
        body = normalise(body_text(article))
        opening = page.find(body[:OPENING], max(at, 0)) if len(body) >= OPENING else -1
        if opening < 0 and at >= 0 and body:
            opening = page.find(body[:OPENING])
        if opening >= 0:
            indexes += page.follow(body, opening)
        byline = normalise(getattr(article, "byline_text", str)())
        after = max(indexes, default=-1) + 1
        near = page.find(byline, after) if byline and indexes else -1
        if 0 <= near <= after + NEAR:
            indexes += range(near, near + len(byline))
        if not indexes:
            continue
        boxes = [page.boxes[i] for i in indexes]
        left = min(b[0] for b in boxes) - PADDING
        bottom = min(b[1] for b in boxes) - PADDING
        right = max(b[2] for b in boxes) + PADDING
        top = max(b[3] for b in boxes) + PADDING
        points = [
            [round(x, 1), round(y, 1)] for x, y in rectangle(left, bottom, right, top)
        ]
        proposals.append(Proposal(article.pk, points, found_title=at >= 0))
    return proposals


def body_text(article):
    """The article's body as printed: its paragraphs (no summary, which is not)."""
    return "".join(body_paragraphs(article.body))
