"""What the parser makes of a page: articles, unplaced blocks, furniture."""

from dataclasses import dataclass, field

from ..sanitizer import article_text
from . import bylines


@dataclass
class ParsedArticle:
    title: str = ""
    subtitle: str = ""
    kicker: str = ""
    source: str = ""
    paragraphs: list = field(default_factory=list)
    credits: list = field(default_factory=list)  # bylines.Credit, printed order
    captions: list = field(default_factory=list)
    notes: list = field(default_factory=list)  # what the editor should look at
    line: int = 0
    end_line: int = 0
    closed: bool = False  # ended by a byline, an end mark or a credit
    picture: bool = False  # picture news (图片新闻): its text is the caption

    @property
    def body_text(self):
        return "\n\n".join(self.paragraphs)

    @property
    def bylines(self):
        """[(kind, name)] in printed order, as the rest of the system reads them."""
        return [(bylines.Kind(c.kind), c.name) for c in self.credits]

    @property
    def image_caption(self):
        return "；".join(self.captions)

    def plain_text(self):
        """Headlines and body: what the checks and the linking read."""
        return article_text(
            kicker=self.kicker,
            title=self.title,
            subtitle=self.subtitle,
            paragraphs=self.paragraphs,
        )

    def raw_text(self):
        """Everything found, paragraph by paragraph: kept when fields cannot be."""
        credits = " ".join(f"{c.printed_role()} {c.name}" for c in self.credits)
        parts = [self.kicker, self.title, self.subtitle, self.source]
        parts += self.paragraphs + [f"（图片说明）{c}" for c in self.captions]
        return "\n\n".join(p for p in [*parts, credits] if p)


@dataclass
class Block:
    """Text the importer could not place in an article."""

    line: int
    end_line: int
    text: str
    reason: str


@dataclass
class Page:
    articles: list = field(default_factory=list)
    unplaced: list = field(default_factory=list)  # Block
    furniture: list = field(default_factory=list)  # (line, kind, text)
