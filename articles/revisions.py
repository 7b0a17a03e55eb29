"""What a stored version brings back besides the article's own row: its bylines
and tag assignments, as they were in the version's revision."""

from .models import Byline, TaggedArticle


def restore_related(article, version):
    """Bylines and tags as they were in the version's revision."""
    related = version.revision.version_set.all()
    bylines = [v.field_dict for v in related if v._model is Byline]
    tags = [v.field_dict for v in related if v._model is TaggedArticle]
    article.bylines.all().delete()
    Byline.objects.bulk_create(
        Byline(
            article=article,
            reporter_id=b["reporter_id"],
            role=b["role"],
            label=b.get("label", ""),
            order=b["order"],
        )
        for b in bylines
        if b["article_id"] == article.pk
    )
    article.tagged_items.all().delete()
    TaggedArticle.objects.bulk_create(
        TaggedArticle(content_object=article, tag_id=t["tag_id"])
        for t in tags
        if t["content_object_id"] == article.pk
    )
