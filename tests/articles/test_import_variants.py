"""The importer and the checks on every variant class of real print copy.

Each fixture in tests/data/import/ is a page we wrote in the shape of one variant
class (docs/import.md lists them), with what an editor would extract from it. The
checks must find every error planted in planted-errors.txt and nothing at all in the
other fixtures, whose copy is correct.

    IMPORT_CORPUS=/path/to/pages pytest tests/articles/test_import_variants.py \
        -s -k report

prints the same figures for another folder of pages with .json expectations.
"""

import json
import os
import sys
import time
from pathlib import Path

import pytest

from articles import search
from articles.editorial import checks
from articles.editorial.importer import import_edition, parse_page
from articles.models import Article, SensitiveWord
from tests.helpers import (
    FIELDS,
    IMPORT_DATA,
    compare,
    edition_date,
    import_fixtures,
    load_roster,
    match_articles,
    roster,
)

FIXTURES = import_fixtures()
REPORTERS = {item["name"] for item in roster()["reporters"]}


@pytest.mark.parametrize(
    ("name", "text", "expected"), FIXTURES, ids=[f[0] for f in FIXTURES]
)
def test_each_variant_class_is_read_field_by_field(name, text, expected):
    page = parse_page(text, REPORTERS)

    pairs, extra = match_articles(expected["articles"], page.articles)
    titles = [a.title for a in page.articles]
    assert len(page.articles) == len(expected["articles"]), titles
    for want, found in pairs:
        assert found is not None, want["title"]
        assert compare(want, found) == {}, want["title"]
    assert not extra
    assert len(page.unplaced) == expected.get("unplaced", 0)


def test_there_is_a_fixture_for_every_variant_class_in_the_docs():
    documented = Path(__file__).resolve().parents[2] / "docs" / "import.md"
    text = documented.read_text(encoding="utf-8")
    classes = {expected["class"] for _, _, expected in FIXTURES}
    assert len(classes) >= 16
    for name in classes:
        assert f"`{name}`" in text, name


@pytest.mark.django_db
def test_correct_copy_raises_no_finding_in_any_fixture(settings):
    load_roster(settings)
    SensitiveWord.objects.create(word="违禁示例词", level="block")
    findings = []
    for name, text, _ in FIXTURES:
        for article in parse_page(text, REPORTERS).articles:
            for finding in checks.check_text(article.plain_text(), edition_date()):
                findings.append((name, article.title, finding.message))
    assert findings == []


def planted():
    text = (IMPORT_DATA / "planted-errors.txt").read_text(encoding="utf-8")
    expected = json.loads(
        (IMPORT_DATA / "planted-errors.json").read_text(encoding="utf-8")
    )
    return text, expected


@pytest.mark.django_db
def test_the_checks_find_every_planted_error_and_nothing_else(settings):
    load_roster(settings)
    text, expected = planted()
    for word, level in expected["sensitive_words"]:
        SensitiveWord.objects.create(word=word, level=level)

    articles = parse_page(text, REPORTERS).articles

    assert [a.title for a in articles] == [a["title"] for a in expected["articles"]]
    for article, want in zip(articles, expected["articles"], strict=True):
        findings = checks.check_text(article.plain_text(), edition_date())
        unmatched = list(findings)
        for check, severity, words in want["findings"]:
            hit = next(
                (
                    f
                    for f in unmatched
                    if f.check == check
                    and f.severity == severity
                    and words in f.message + f.suggestion
                ),
                None,
            )
            assert hit is not None, (check, words, [f.message for f in findings])
            unmatched.remove(hit)
        assert unmatched == [], [f.message for f in unmatched]


def corpus_report(directory):
    """Field accuracy, articles entirely right, and import time over a corpus."""
    fixtures = import_fixtures(directory)
    fields = right = total_fields = articles = whole = found = 0
    wrong = []
    for name, text, expected in fixtures:
        page = parse_page(text, REPORTERS)
        pairs, _ = match_articles(expected["articles"], page.articles)
        for want, got in pairs:
            articles += 1
            if got is not None:
                found += 1
            differences = compare(want, got)
            total_fields += len(FIELDS)
            right += len(FIELDS) - len(differences)
            whole += not differences
            for field, (a, b) in differences.items():
                wrong.append(f"{name} «{want['title'][:16]}» {field}: {a!r} ≠ {b!r}")
        fields += 1
    return {
        "pages": fields,
        "articles": articles,
        "articles found": found,
        "field accuracy": right / max(1, total_fields),
        "articles entirely right": whole,
        "wrong": wrong,
    }


@pytest.mark.django_db
def test_report(settings, capsys):
    """Figures for the note (and for a corpus given in IMPORT_CORPUS)."""
    directory = os.environ.get("IMPORT_CORPUS", str(IMPORT_DATA))
    report = corpus_report(directory)
    load_roster(settings)
    # A page of six articles: two fixture pages one after the other.
    page = FIXTURES[0][1] + "\n\n" + FIXTURES[2][1]
    import_edition(page, edition_date=edition_date(), page_number=8, dry_run=True)
    search.tokenizer()  # the search dictionary loads once per process, not per import
    started = time.perf_counter()
    result = import_edition(page, edition_date=edition_date(), page_number=9)
    elapsed = time.perf_counter() - started
    lines = [f"corpus {directory}:"]
    for key, value in report.items():
        if key != "wrong":
            shown = f"{value:.3f}" if isinstance(value, float) else value
            lines.append(f"  {key}: {shown}")
    lines += [f"    {line}" for line in report["wrong"]]
    lines.append(f"  import of a page of {len(result.rows)} articles: {elapsed:.3f} s")
    with capsys.disabled():
        sys.stdout.write("\n" + "\n".join(lines) + "\n")
    assert len(result.rows) == 6
    assert Article.objects.filter(page_number=9).count() == len(result.drafts)
    if directory == str(IMPORT_DATA):
        assert report["wrong"] == []
