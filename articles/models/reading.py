"""How an article reads: its bylines as printed, its leaders with the titles they
held that day, its summary, its plain text and the source line that opens it.
Mixed into ``Article``; works on prefetched relations where a list has them."""

from itertools import groupby
from operator import itemgetter

from articles.editorial.sanitizer import article_text, body_paragraphs, plain_text

from .byline import Byline

# What may stand before a source line in pasted copy: spaces of every width and
# the brackets some newsrooms print it in.
SOURCE_PADDING = " \t\n\u3000\xa0【[〔"


def cut(text, length):
    """``text`` in at most ``length`` characters, an ellipsis marking a cut.

    A plain slice: Truncator.chars inspects every character for combining marks,
    which costs an e-paper page of a hundred summaries whole milliseconds.
    """
    return text if len(text) <= length else text[: length - 1] + "…"


def printed_bylines(bylines):
    """(printed role, name) pairs in order as a byline line: consecutive names of
    one role share it, “记者 景静 朱翔宇 通讯员 孙扩龙”."""
    return " ".join(
        f"{label} {' '.join(name for _, name in group)}"
        for label, group in groupby(bylines, key=itemgetter(0))
    )


class ReadingMixin:
    def officials_with_titles(self):
        """(official, title held on the article's date) pairs, in protocol order."""
        date = self.publication_date()
        pairs = []
        for official in self.officials.all():
            positions = official.positions_on(date)
            rank = positions[0].rank if positions else 10**6
            pairs.append((rank, official.name, official, official.title_on(date)))
        return [(official, title) for _, _, official, title in sorted(pairs)]

    def byline_groups(self):
        """Bylines grouped by consecutive role as printed: [("记者", [景静, 朱翔宇]),
        ("首席记者", […])…]; the printed label wins over the kind's own word."""
        bylines = list(self.bylines.all())
        return [
            (label, [b.reporter for b in group])
            for label, group in groupby(bylines, key=Byline.printed_role)
        ]

    def byline_text(self):
        """Bylines as printed: “记者 景静 通讯员 孙扩龙”."""
        return printed_bylines(
            (b.printed_role(), b.reporter.name) for b in self.bylines.all()
        )

    def plain_text(self):
        """The article as plain text: headlines, summary, then the body's
        paragraphs, one a line. What checks, linking, diff and search read."""
        return article_text(
            kicker=self.kicker,
            title=self.title,
            subtitle=self.subtitle,
            summary=self.summary,
            paragraphs=body_paragraphs(self.body),
        )

    def source_in_body(self):
        """Does the body already open with the source line (本报讯…), perhaps after
        the indentation or bold type that pasted copy brings?"""
        if not self.source:
            return False
        opening = plain_text(self.body[:400]).lstrip(SOURCE_PADDING)
        return opening.startswith(self.source)

    def source_opening(self):
        """The body after its first ``<p>``, when the source line (本报讯) is to
        open that paragraph; empty when there is no source or the body already
        starts with it (the template then prints the body as it is)."""
        body = self.body
        if not self.source or not body.startswith("<p>") or self.source_in_body():
            return ""
        return body[3:]

    def display_summary(self, length=90):
        if self.summary:
            return self.summary
        # Only the opening of the body is needed; parsing all of it costs a list page.
        return cut(plain_text(self.body[: length * 8]).strip(), length)
