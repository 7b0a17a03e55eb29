"""What a stored version brings back besides the article's own row: its leaders
and departments, bylines and tag assignments, as they were in the version's
revision — leaving out what has been deleted since (a leader, a reporter, a tag),
so that bringing back an old version never points at nothing."""

from taggit.models import Tag

from people.models import Department, Official, Reporter

from .models import Byline, TaggedArticle


def set_existing_links(article, fields):
    """The version's leaders and departments, those that still exist."""
    article.officials.set(Official.objects.filter(pk__in=fields.get("officials", [])))
    departments = Department.objects.filter(pk__in=fields.get("departments", []))
    article.departments.set(departments)


def restore_related(article, version):
    """Bylines and tags as they were in the version's revision."""
    related = version.revision.version_set.all()
    bylines = [v.field_dict for v in related if v._model is Byline]
    tags = [v.field_dict for v in related if v._model is TaggedArticle]
    reporters = set(
        Reporter.objects.filter(pk__in=[b["reporter_id"] for b in bylines]).values_list(
            "pk", flat=True
        )
    )
    existing_tags = set(
        Tag.objects.filter(pk__in=[t["tag_id"] for t in tags]).values_list(
            "pk", flat=True
        )
    )
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
        if b["article_id"] == article.pk and b["reporter_id"] in reporters
    )
    article.tagged_items.all().delete()
    TaggedArticle.objects.bulk_create(
        TaggedArticle(content_object=article, tag_id=t["tag_id"])
        for t in tags
        if t["content_object_id"] == article.pk and t["tag_id"] in existing_tags
    )
