"""The lines of a page as units, before articles are put together.

``units`` joins the lines of one paragraph (hard wraps, indented paragraphs);
``relabel`` and ``find_captions`` name what only the neighbours of a line tell: a
paper's name over its page header, a column tag over a headline, headlines listed
under 往期推荐, and captions that carry no mark but the photo credit under them.
"""

import re
from dataclasses import dataclass

from .lines import (
    LIST_LABEL,
    MASTHEAD,
    SENTENCE_END,
    Kind,
    classify,
    clean,
    credit_text,
    is_photo_credit,
)


@dataclass
class Unit:
    kind: Kind
    text: str
    line: int
    end: int


def units(text, roster=()):
    """The page's lines as units, the lines of one paragraph joined.

    Lines with no blank line between them are one paragraph when the first stops
    mid-sentence (a hard wrap); where the copy indents paragraphs (　　), a line
    that is not indented continues the one before and an indented one starts a
    new paragraph. A line that ends a sentence ends its paragraph otherwise.
    """
    raw = text.split("\n")
    blocks, block = [], []
    for number, line in enumerate(raw, start=1):
        if clean(line):
            block.append((number, line))
        elif block:
            blocks.append(block)
            block = []
    if block:
        blocks.append(block)
    result = []
    for block in blocks:
        indents = any(_indented(line) for _, line in block)
        previous = None
        for number, line in _split_trailers(block):
            stripped = clean(line)
            kind = classify(stripped, roster)
            if indents and _indented(line) and kind == Kind.HEADLINE:
                kind = Kind.BODY  # where paragraphs are indented, headlines are not
            if (
                previous is not None
                and previous.kind == Kind.BODY
                and kind in (Kind.BODY, Kind.HEADLINE)
                and (
                    previous.text[-1] not in SENTENCE_END
                    or (indents and not _indented(line) and kind == Kind.BODY)
                )
                and not (indents and _indented(line))
            ):
                previous.text += stripped
                previous.end = number
                continue
            previous = Unit(kind, stripped, number, number)
            result.append(previous)
    return result


def _split_trailers(block):
    """An e-paper trailer glued to the last line (……稳定。<!--enpproperty …-->)
    becomes a line of its own, so the sentence before it is kept."""
    for number, line in block:
        found = [at for at in (line.find("<!--"), line.find("-->")) if at >= 0]
        marker = min(found, default=-1)
        if "enpproperty" in line and marker > 0 and line[:marker].strip():
            yield number, line[:marker]
            yield number, line[marker:]
        else:
            yield number, line


def _indented(line):
    return line.startswith(("\u3000", "  ", "\t"))


def relabel(units):
    """Kinds that only the neighbours tell: a paper's name over its page header is
    furniture; a column tag (【民生】) over a headline is that headline's kicker;
    the headlines listed under 往期推荐 are other articles', not this page's."""
    listing = False
    for n, unit in enumerate(units):
        if listing and unit.kind == Kind.HEADLINE:
            unit.kind = Kind.FURNITURE
            continue
        listing = bool(LIST_LABEL.match(unit.text))
        after = units[n + 1] if n + 1 < len(units) else None
        before = units[n - 1] if n else None
        if (
            unit.kind == Kind.HEADLINE
            and MASTHEAD.match(unit.text)
            and any(u is not None and u.kind == Kind.FURNITURE for u in (before, after))
        ):
            unit.kind = Kind.FURNITURE
        elif (
            unit.kind == Kind.SUBHEAD
            and re.fullmatch(r"【[^】]{1,12}】", unit.text)
            and after is not None
            and after.kind == Kind.HEADLINE
        ):
            unit.kind = Kind.HEADLINE
    return units


CAPTION_MAX = 120


def find_captions(units, roster=()):
    """Captions that carry no mark of their own, found from the photo credit after them.

    - between a headline and its body: the lines before a credit line (“记者 A 摄”)
      that is followed by the body — the headline being the first lines, or above
      a meta line;
    - inside a story: one headline-shaped line followed by a credit and more body;
    - any line followed by a numbered credit (“③2 周健 摄”).
    The credit is joined to the last caption, where ``caption_parts`` finds it.
    """
    result = list(units)
    i = 0
    while i < len(result):
        unit = result[i]
        after = result[i + 1] if i + 1 < len(result) else None
        if unit.kind != Kind.BYLINE or not is_photo_credit(unit.text, roster):
            i += 1
            continue
        chain = _caption_chain(result, i, unit, after)
        if chain:
            last = result[chain[-1]]
            last.text = f"{last.text} {credit_text(unit.text)}"
            for index in chain:
                result[index].kind = Kind.CAPTION
            del result[i]
            continue
        i += 1
    return result


def _caption_chain(units, i, credit, after):
    previous = units[i - 1] if i else None
    if previous is None or len(previous.text) > CAPTION_MAX:
        return []
    if credit.text != credit_text(credit.text):  # a numbered photo credit
        return [i - 1] if previous.kind in (Kind.BODY, Kind.HEADLINE) else []
    if after is None or after.kind != Kind.BODY:
        return []
    chain, j, seen_headline = [], i - 1, False
    while j >= 0 and len(chain) < 4:
        unit = units[j]
        if unit.kind not in (Kind.BODY, Kind.HEADLINE) or len(unit.text) > CAPTION_MAX:
            break
        if unit.kind == Kind.BODY and seen_headline:
            break  # the end of the story before
        seen_headline = seen_headline or unit.kind == Kind.HEADLINE
        chain.insert(0, j)
        j -= 1
    before = units[j] if j >= 0 else None
    if before is not None and before.kind in (Kind.FURNITURE, Kind.CODE):
        # Above a meta line sits the headline: everything below it is caption.
        k = j
        while k >= 0 and units[k].kind in (Kind.FURNITURE, Kind.CODE):
            k -= 1
        return chain if k >= 0 and units[k].kind == Kind.HEADLINE else []
    kinds = [units[c].kind for c in chain]
    if Kind.HEADLINE in kinds and kinds[0] == Kind.HEADLINE:
        # The first headline lines are the title; what follows them is caption.
        titles = 0
        while titles < len(kinds) and kinds[titles] == Kind.HEADLINE:
            titles += 1
        if titles < len(kinds):
            # Headline lines, then caption sentences: the photo's captions start
            # after the first headline line (a caption names what the title says).
            return chain[1:] if titles > 1 else chain[titles:]
        if before is not None and before.kind == Kind.BODY and len(chain) == 1:
            return chain  # a headline-shaped line inside a story, with a credit
    return []
