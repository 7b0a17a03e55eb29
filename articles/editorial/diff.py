"""What changed between a stored version of an article and the article now."""

import difflib

from taggit.models import Tag

from articles.models import Article, Byline, TaggedArticle
from people.models import Department, Official, Reporter

from .sanitizer import body_paragraphs

# Shown as a diff; the order within a page is not worth one.
COMPARED_FIELDS = [f for f in Article.CONTENT_FIELDS if f != "page_order"]


def inline_diff(old, new):
    """Character-level diff, suited to Chinese text: [(op, text)…] with op one of
    "equal", "delete", "insert"; the template marks them (<del>, <ins>)."""
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    parts = []
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op == "equal":
            parts.append(("equal", old[a0:a1]))
        if op in ("delete", "replace"):
            parts.append(("delete", old[a0:a1]))
        if op in ("insert", "replace"):
            parts.append(("insert", new[b0:b1]))
    return parts


def _text(name, value):
    if value is None:
        return ""
    if name == "body":
        # Compare what readers read, paragraph by paragraph.
        return "\n".join(body_paragraphs(str(value)))
    return str(value)


def _names(model, pks):
    return "、".join(model.objects.filter(pk__in=pks).values_list("name", flat=True))


def _version_bylines(version):
    rows = [
        v.field_dict
        for v in version.revision.version_set.all()
        if v._model is Byline and v.field_dict["article_id"] == int(version.object_id)
    ]
    rows.sort(key=lambda r: r["order"])
    reporters = Reporter.objects.in_bulk([r["reporter_id"] for r in rows])
    return " ".join(
        f"{Byline.Role(r['role']).label} {reporters[r['reporter_id']].name}"
        for r in rows
        if r["reporter_id"] in reporters
    )


def _version_tags(version):
    ids = [
        v.field_dict["tag_id"]
        for v in version.revision.version_set.all()
        if v._model is TaggedArticle
    ]
    return "、".join(
        sorted(Tag.objects.filter(pk__in=ids).values_list("name", flat=True))
    )


def version_changes(article, version):
    """[(label, inline_diff)] for every field that differs; empty if none."""
    old = version.field_dict
    changes = []
    for name in COMPARED_FIELDS:
        label = Article._meta.get_field(name).verbose_name
        before, after = _text(name, old.get(name)), _text(name, getattr(article, name))
        if before != after:
            changes.append((label, inline_diff(before, after)))
    official_ids = article.officials.values_list("pk", flat=True)
    department_ids = article.departments.values_list("pk", flat=True)
    related = [
        (
            "涉及领导",
            _names(Official, old.get("officials", [])),
            _names(Official, official_ids),
        ),
        (
            "涉及部门",
            _names(Department, old.get("departments", [])),
            _names(Department, department_ids),
        ),
        ("署名", _version_bylines(version), article.byline_text()),
        ("标签", _version_tags(version), "、".join(sorted(article.tags.names()))),
    ]
    for label, before, after in related:
        if before != after:
            changes.append((label, inline_diff(before, after)))
    return changes
