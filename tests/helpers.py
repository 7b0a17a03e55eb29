"""Helpers shared by tests.

- ``load_roster()``: the invented district of the import fixtures (tests/data/import/
  roster.json) as departments, officials with positions, and reporters;
- ``import_fixtures()``: every fixture page we wrote, with what an editor would
  extract from it;
- ``compare()``: a parsed article against that, field by field.
"""

import datetime
import json
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
IMPORT_DATA = DATA / "import"
FIELDS = [
    "kicker", "title", "subtitle", "source", "first", "last", "paragraphs",
    "bylines", "caption",
]  # fmt: skip


def roster():
    return json.loads((IMPORT_DATA / "roster.json").read_text(encoding="utf-8"))


def edition_date():
    return datetime.date.fromisoformat(roster()["edition_date"])


def load_roster(settings=None):
    """Create the fixtures' district; with pytest's ``settings``, make it ours."""
    from people.models import Department, Official, Position, Reporter

    data = roster()
    if settings is not None:
        settings.DISTRICT_NAMES = [data["district"]]
    departments = {}
    for item in data["departments"]:
        departments[item["name"]] = Department.objects.create(**item)
    start = datetime.date.fromisoformat(data["position_start"])
    for item in data["officials"]:
        official = Official.objects.create(name=item["name"])
        Position.objects.create(
            official=official,
            title=item["title"],
            rank=item["rank"],
            department=departments[item["department"]],
            start_date=start,
        )
    for item in data["reporters"]:
        Reporter.objects.create(**item)
    return data


def import_fixtures(directory=IMPORT_DATA):
    """[(name, page text, expected)] for every NN-class.txt with its .json."""
    fixtures = []
    for page in sorted(Path(directory).glob("*.txt")):
        expected = page.with_suffix(".json")
        if not expected.exists() or page.stem == "planted-errors":
            continue
        fixtures.append(
            (
                page.stem,
                page.read_text(encoding="utf-8"),
                json.loads(expected.read_text(encoding="utf-8")),
            )
        )
    return fixtures


def extracted(article):
    """A ParsedArticle in the shape of the expected values."""
    paragraphs = article.paragraphs
    return {
        "kicker": article.kicker,
        "title": article.title,
        "subtitle": article.subtitle,
        "source": article.source,
        "first": paragraphs[0] if paragraphs else "",
        "last": paragraphs[-1] if paragraphs else "",
        "paragraphs": len(paragraphs),
        "bylines": [list(credit.as_tuple()) for credit in article.credits],
        "caption": article.image_caption,
    }


def compare(expected, article):
    """{field: (expected, found)} for every field that differs."""
    found = extracted(article) if article is not None else {}
    wrong = {}
    for name in FIELDS:
        want = expected.get(name, "" if name != "bylines" else [])
        got = found.get(name)
        if name == "first":
            ok = got is not None and got.startswith(want)
        elif name == "last":
            ok = got is not None and got.endswith(want)
        else:
            ok = got == want
        if not ok:
            wrong[name] = (want, got)
    return wrong


def match_articles(expected_articles, parsed_articles):
    """Pair expected articles with parsed ones: by title, else by the opening of
    the body, so that one article missed or split does not shift all the others."""
    remaining = list(parsed_articles)
    pairs = {}
    for n, expected in enumerate(expected_articles):
        found = next((a for a in remaining if a.title == expected["title"]), None)
        if found is not None:
            remaining.remove(found)
            pairs[n] = found
    for n, expected in enumerate(expected_articles):
        if n in pairs or not expected.get("first"):
            continue
        found = next(
            (
                a
                for a in remaining
                if a.paragraphs and a.paragraphs[0].startswith(expected["first"])
            ),
            None,
        )
        if found is not None:
            remaining.remove(found)
            pairs[n] = found
    return [(e, pairs.get(n)) for n, e in enumerate(expected_articles)], remaining
