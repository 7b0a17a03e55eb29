"""Save a parsed page as drafts.

Every article is created in a transaction of its own, inside one for the page: an
article that fails validation (a subtitle longer than the field, say) becomes a
draft flagged 需人工处理 holding its raw text, and the rest of the page imports; an
error of the database or the disk rolls the whole page back. Re-importing a page
skips what the first import created (same edition date and title).
"""

from dataclasses import dataclass, field

import reversion
from django.core.exceptions import ValidationError
from django.db import transaction

from articles import services
from articles.models import Article, Byline
from people.models import Department, Reporter
from people.places import district_names

from .. import checks
from ..linking import find_entities
from ..sanitizer import paragraphs_to_html, sanitize_body
from .parser import parse_page

ATTENTION = "需人工处理"


@dataclass
class Row:
    """One article of the page as the preview and the summary show it."""

    item: object  # ParsedArticle
    article: object = None  # the draft created, or the article that already existed
    skipped: bool = False
    officials: list = field(default_factory=list)
    departments: list = field(default_factory=list)
    findings: list = field(default_factory=list)  # checks.Finding

    @property
    def blocking(self):
        return [f for f in self.findings if f.severity == checks.BLOCK]

    @property
    def grouped_findings(self):
        """[(finding, [suggestions])]: one line per kind of message, blocks first."""
        groups = {}
        for finding in sorted(self.findings, key=lambda f: f.severity != checks.BLOCK):
            key = (finding.severity, finding.message)
            groups.setdefault(key, (finding, []))[1].append(finding.suggestion)
        return [(f, [s for s in found if s]) for f, found in groups.values()]


@dataclass
class ImportResult:
    created: list = field(default_factory=list)  # Article (ParsedArticle on dry run)
    new_reporters: list = field(default_factory=list)
    flagged: list = field(default_factory=list)  # drafts made of unplaced text
    page: object = None  # the parser's Page: articles, unplaced blocks, furniture
    rows: list = field(default_factory=list)  # Row per parsed article

    @property
    def skipped(self):
        """(ParsedArticle, the Article an earlier import made of it)."""
        return [(row.item, row.article) for row in self.rows if row.skipped]

    @property
    def drafts(self):
        """Every draft this import made, the flagged ones included."""
        return self.created + [a for a in self.flagged if a not in self.created]

    @property
    def attention(self):
        """How many items the editor must look at: notes, guesses, unplaced text."""
        notes = sum(1 for item in self.page.articles if item.notes)
        return notes + len(self.page.unplaced)


def import_edition(
    text, *, edition_date, page_number=None, page_name="", actor=None, dry_run=False
):
    """Store a page as draft articles; re-importing skips what exists."""
    roster = set(Reporter.objects.values_list("name", flat=True))
    page = parse_page(text, roster)
    result = ImportResult(page=page)
    officials = checks.leaders()
    departments = list(Department.objects.all())
    places = district_names(departments)
    seen = _Stored(edition_date, page_number)
    for item in page.articles:
        text = item.plain_text()
        linked = find_entities(text, officials, departments)
        findings = checks.check_text(text, edition_date, officials, places)
        existing = seen.find(item.title, _fallback_title(item))
        result.rows.append(Row(item, existing, existing is not None, *linked, findings))
    if dry_run:
        result.created = [row.item for row in result.rows if not row.skipped]
        return result
    with transaction.atomic():
        order = 0
        for row in result.rows:
            if row.skipped:
                continue
            item = row.item
            order += 1
            placement = (edition_date, page_number, page_name, order)
            article = _create(item, placement, actor, row, result)
            row.article = article
            if actor is not None:
                services.log_created(article=article, actor=actor)
        for block in page.unplaced:
            title = f"{ATTENTION}：第{page_number or '?'}版第{block.line}行"
            if seen.find_text(sanitize_body(paragraphs_to_html(block.text))):
                continue
            order += 1
            article = _create_raw(
                title,
                block.text,
                f"{block.reason}（原文第 {block.line}–{block.end_line} 行）",
                (edition_date, page_number, page_name, order),
                actor,
            )
            result.flagged.append(article)
            if actor is not None:
                services.log_created(article=article, actor=actor)
    return result


class _Stored:
    """What an earlier import of this page stored, matched in order: the second
    article titled 简讯 on a page is the second one stored, so two briefs with one
    title are both kept and a re-import still finds each of them."""

    def __init__(self, edition_date, page_number):
        # Read once, before this import adds anything.
        self.articles = list(
            Article.objects.filter(
                edition_date=edition_date, page_number=page_number
            ).order_by("page_order", "pk")
        )
        self.used = set()

    def find(self, *titles):
        return self._first(a for a in self.articles if a.title in titles)

    def find_text(self, body):
        return self._first(
            a for a in self.articles if a.title.startswith(ATTENTION) and a.body == body
        )

    def _first(self, articles):
        for article in articles:
            if article.pk not in self.used:
                self.used.add(article.pk)
                return article
        return None


def _fallback_title(item):
    """The title of the flagged draft an article becomes if its fields do not fit."""
    return f"{ATTENTION}：{item.title[:60]}"


def _create(item, placement, actor, row, result):
    def link(article):
        _add_bylines(article, item.credits, result)
        article.officials.set(row.officials)
        article.departments.set(row.departments)

    try:
        article = _save_draft(
            placement,
            actor,
            link,
            kicker=item.kicker,
            title=item.title,
            subtitle=item.subtitle,
            source=item.source,
            body=paragraphs_to_html(item.body_text),
            image_caption=item.image_caption,
            import_notes="\n".join(item.notes),
        )
    except ValidationError as error:
        reasons = "；".join(
            f"{Article._meta.get_field(name).verbose_name}：{'；'.join(messages)}"
            if name in {f.name for f in Article._meta.fields}
            else "；".join(messages)
            for name, messages in error.message_dict.items()
        )
        article = _create_raw(
            _fallback_title(item),
            item.raw_text(),
            f"这篇稿件无法按字段保存（{reasons}），已保留原文"
            f"（原文第 {item.line}–{item.end_line} 行）。",
            placement,
            actor,
        )
        result.flagged.append(article)
    result.created.append(article)
    return article


def _create_raw(title, text, note, placement, actor):
    """A draft holding text as it was, flagged for a person."""
    return _save_draft(
        placement,
        actor,
        None,
        title=title[:200],
        source="",
        body=paragraphs_to_html(text),
        import_notes=note,
    )


def _save_draft(placement, actor, then, **fields):
    """One draft in its own transaction and first version; ``then(article)`` adds
    what belongs in that version (bylines, links)."""
    edition_date, page_number, page_name, order = placement
    with transaction.atomic(), reversion.create_revision():
        _revision(actor, edition_date, page_number)
        article = Article(
            **fields,
            edition_date=edition_date,
            page_number=page_number,
            page_name=page_name,
            page_order=order,
            author=actor,
            updated_by=actor,
        )
        article.full_clean()
        article.save()
        if then is not None:
            then(article)
    return article


def _revision(actor, edition_date, page_number):
    if actor is not None:
        reversion.set_user(actor)
    reversion.set_comment(f"导入 {edition_date} 第{page_number or '?'}版")


def _add_bylines(article, credits, result):
    for order, credit in enumerate(credits):
        reporter = Reporter.objects.filter(name=credit.name).order_by("pk").first()
        if reporter is None:
            reporter = Reporter.objects.create(name=credit.name, kind=credit.kind)
            result.new_reporters.append(reporter)
        Byline.objects.get_or_create(
            article=article,
            reporter=reporter,
            role=credit.kind,
            defaults={"order": order, "label": credit.label},
        )
