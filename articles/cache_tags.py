"""Which public pages an article's change touches (newsroom.caching's tags).

Only what the public sees purges anything. An article that is not public before
the change nor after it (a draft saved, submitted, returned, imported, autosaved,
commented on, its checks acknowledged) purges nothing. A public article's edit
purges its own tag (its page and every list item of it); a change of whether or
where it is listed — publication, withdrawal, deletion, a new publication time or
edition, a leader, department, reporter or tag added or removed — also purges the
lists it leaves or joins: the newest lists, its day, month and year, the lists of
its leaders, departments, reporters and tags, its e-paper day, and the archive's
months when its month gains its first article or loses its last.
"""

import datetime

from django.db.models.signals import (
    m2m_changed,
    post_delete,
    post_save,
    pre_delete,
    pre_save,
)
from django.utils import timezone

from newsroom.caching import keys
from newsroom.caching.versions import purge

from .models import Article, Byline, Correction, Edition, Page, Region, TaggedArticle


def page_tags(article):
    """The tags of an article's own page, from its prefetched relations."""
    return {
        keys.article_tag(article.pk),
        *(keys.official_tag(o.pk) for o in article.officials.all()),
        *(keys.department_tag(d.pk) for d in article.departments.all()),
        *(keys.reporter_tag(b.reporter_id) for b in article.bylines.all()),
        *(keys.label_tag(t.pk) for t in article.tags.all()),
    }


def _listed_in(published_at, edition_date, pk):
    """The lists of newest articles and by date that show a public article."""
    tags = {keys.NEWEST, keys.article_tag(pk)}
    if published_at is not None:
        tags |= keys.date_tags(timezone.localtime(published_at).date())
    if edition_date is not None:
        tags.add(keys.edition_tag(edition_date))
    return tags


def listing_tags(article):
    """The lists of a public article's leaders, departments, reporters and tags, and
    the newest lists (one query per relation)."""
    tags = {keys.NEWEST, keys.article_tag(article.pk)}
    relations = {
        keys.official_tag: article.officials.values_list("pk", flat=True),
        keys.department_tag: article.departments.values_list("pk", flat=True),
        keys.reporter_tag: article.bylines.values_list("reporter_id", flat=True),
        keys.label_tag: article.tagged_items.values_list("tag_id", flat=True),
    }
    for tag, ids in relations.items():
        tags |= {tag(pk, listing=True) for pk in ids}
    return tags


def _months_tag(published_at):
    """MONTHS when ``published_at``'s month has at most one public article: it
    gained its first or lost its last, so the archive's list of months changes."""
    if published_at is None:
        return set()
    local = timezone.localtime(published_at)
    start = local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    end = (start + datetime.timedelta(days=32)).replace(day=1)
    published = Article.objects.published()
    in_month = published.filter(published_at__gte=start, published_at__lt=end)
    return {keys.MONTHS} if in_month[:2].count() <= 1 else set()


LISTING_FIELDS = ("status", "published_at", "edition_date", "featured")


def _row(pk):
    """The listing fields as stored (a save may have been given strings)."""
    row = Article.objects.filter(pk=pk).values(*LISTING_FIELDS).first()
    if row is None:
        return None
    row["public"] = Article(**row).is_published()
    return row


def remember_before_save(sender, instance, raw=False, **kwargs):
    """What the article was, for post_save to compare with."""
    instance._cache_before = None
    if not raw and instance.pk is not None:
        instance._cache_before = _row(instance.pk)


def article_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    before = getattr(instance, "_cache_before", None)
    after = _row(instance.pk)
    was_public = bool(before and before["public"])
    if not was_public and not after["public"]:
        return  # a draft, a submission, a scheduled article: nobody sees it yet
    if was_public and after["public"]:
        if all(before[f] == after[f] for f in LISTING_FIELDS):
            purge(keys.article_tag(instance.pk))  # an edit: its page and items
            return
    # Listed, unlisted or listed elsewhere: the lists it leaves and those it joins.
    tags = listing_tags(instance)
    for row in (before, after):
        if row and row["public"]:
            tags |= _listed_in(row["published_at"], row["edition_date"], instance.pk)
            tags |= _months_tag(row["published_at"])
    purge(*tags)


def article_deleting(sender, instance, **kwargs):
    row = _row(instance.pk)
    if row and row["public"]:
        instance._listing_tags = listing_tags(instance) | _listed_in(
            row["published_at"], row["edition_date"], instance.pk
        )


def article_deleted(sender, instance, **kwargs):
    tags = getattr(instance, "_listing_tags", None)
    if tags:
        purge(*tags, *_months_tag(instance.published_at))


# The link tables of the relations an article's page and lists show: the field's
# name and the tag of the related row.
RELATIONS = {
    Article.officials.through: ("officials", keys.official_tag),
    Article.departments.through: ("departments", keys.department_tag),
}


def relation_changed(sender, instance, action, pk_set=None, reverse=False, **kwargs):
    """A leader or department linked to or unlinked from a public article."""
    if reverse or not isinstance(instance, Article):
        return
    if action == "pre_clear":
        related = getattr(instance, RELATIONS[sender][0])
        instance._cleared = set(related.values_list("pk", flat=True))
        return
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not instance.is_published():
        return
    ids = pk_set if action != "post_clear" else getattr(instance, "_cleared", set())
    tag = RELATIONS[sender][1]
    purge(
        keys.article_tag(instance.pk),
        *(tag(pk) for pk in ids),
        *(tag(pk, listing=True) for pk in ids),
    )


def _purge_if_public(article_id, *tags):
    """A row shown on an article's page changed: purge if the article is public."""
    if Article.objects.published().filter(pk=article_id).exists():
        purge(keys.article_tag(article_id), *tags)


def byline_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        reporter = instance.reporter_id
        _purge_if_public(
            instance.article_id,
            keys.reporter_tag(reporter),
            keys.reporter_tag(reporter, listing=True),
        )


def label_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        label = instance.tag_id
        _purge_if_public(
            instance.content_object_id,
            keys.label_tag(label),
            keys.label_tag(label, listing=True),
        )


def correction_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        _purge_if_public(instance.article_id)


def tag_renamed(sender, instance, **kwargs):
    purge(keys.label_tag(instance.pk))


def went_live(start, end):
    """The tags of the articles whose scheduled time fell in [start, end]."""
    tags = {keys.NEWEST}
    for article in Article.objects.published().filter(
        published_at__gte=start, published_at__lte=end
    ):
        tags |= listing_tags(article) | _months_tag(article.published_at)
        tags |= _listed_in(article.published_at, article.edition_date, article.pk)
    return tags


def edition_tags(day):
    """The e-paper's pages of ``day`` and the pages of its public articles (their
    见报 line links to the page); the newest tag, which every e-paper page carries
    for its calendar and 上一期/下一期."""
    placed = Article.objects.published().filter(edition_date=day)
    return {
        keys.NEWEST,
        keys.edition_tag(day),
        *(keys.article_tag(pk) for pk in placed.values_list("pk", flat=True)),
    }


def edition_saving(sender, instance, raw=False, **kwargs):
    """Whether the edition was public before, for edition_changed."""
    instance._was_published = bool(
        not raw
        and instance.pk
        and Edition.objects.filter(pk=instance.pk, published=True).exists()
    )


def edition_changed(sender, instance, raw=False, **kwargs):
    """An edition published, unpublished, renumbered or deleted; one nobody saw
    (being made, not yet published) purges nothing."""
    if not raw and (instance.published or getattr(instance, "_was_published", False)):
        purge(*edition_tags(instance.date))


def page_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        edition = Edition.objects.filter(pk=instance.edition_id).first()
        if edition is not None and edition.published:
            purge(*edition_tags(edition.date))


def region_changed(sender, instance, raw=False, **kwargs):
    """A region drawn, moved, relinked or removed: its page and its article."""
    if raw:
        return
    page = Page.objects.filter(pk=instance.page_id).select_related("edition").first()
    if page is not None and page.edition.published:
        purge(
            keys.edition_tag(page.edition.date), keys.article_tag(instance.article_id)
        )


def connect(tag_model):
    pre_save.connect(remember_before_save, sender=Article, dispatch_uid="cache-a")
    post_save.connect(article_saved, sender=Article, dispatch_uid="cache-a")
    pre_delete.connect(article_deleting, sender=Article, dispatch_uid="cache-a")
    post_delete.connect(article_deleted, sender=Article, dispatch_uid="cache-a")
    for through in RELATIONS:
        uid = f"cache-{through.__name__}"
        m2m_changed.connect(relation_changed, sender=through, dispatch_uid=uid)
    for model, receiver in [
        (Byline, byline_changed),
        (TaggedArticle, label_changed),
        (Correction, correction_changed),
        (Edition, edition_changed),
        (Page, page_changed),
        (Region, region_changed),
    ]:
        uid = f"cache-{model.__name__}"
        post_save.connect(receiver, sender=model, dispatch_uid=uid)
        post_delete.connect(receiver, sender=model, dispatch_uid=uid)
    pre_save.connect(edition_saving, sender=Edition, dispatch_uid="cache-edition")
    post_save.connect(tag_renamed, sender=tag_model, dispatch_uid="cache-tag")
    post_delete.connect(tag_renamed, sender=tag_model, dispatch_uid="cache-tag")
