"""RSS and Atom feeds: the newest articles, and per leader and department."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from newsroom import identity
from people.models import Department, Official

from .models import Article, tag_prefetch

FEED_SIZE = 30


class LatestArticlesFeed(Feed):
    """RSS 2.0 of the latest public articles; subclasses narrow and switch to Atom."""

    description_template = None

    def title(self, obj=None):
        return f"{identity.site_name()} · 最新稿件"

    def link(self, obj=None):
        return "/"

    def description(self, obj=None):
        return f"{identity.site_name()}发布的最新新闻"

    def articles(self, obj):
        return Article.objects.published()

    def items(self, obj=None):
        return (
            self.articles(obj)
            .newest_first()
            .with_list_data()
            .prefetch_related(tag_prefetch())[:FEED_SIZE]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.display_summary(200)

    def item_link(self, item):
        return item.get_absolute_url()

    def item_guid(self, item):
        return f"article-{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return timezone.localtime(item.published_at)

    def item_updateddate(self, item):
        return timezone.localtime(item.updated_at)

    def item_author_name(self, item):
        return item.byline_text() or identity.site_name()

    def item_categories(self, item):
        return [link.tag.name for link in item.tagged_items.all()] + [
            d.name for d in item.departments.all()
        ]


class LatestArticlesAtom(LatestArticlesFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj=None):
        return self.description(obj)


class OfficialFeed(LatestArticlesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Official, slug=slug)

    def title(self, obj=None):
        return f"{identity.site_name()} · {obj.name}相关报道"

    def link(self, obj=None):
        return obj.get_absolute_url()

    def description(self, obj=None):
        return f"涉及{obj.name}的最新报道"

    def articles(self, obj):
        return Article.objects.published().for_official(obj)


class OfficialAtom(OfficialFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj=None):
        return self.description(obj)


class DepartmentFeed(LatestArticlesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Department, slug=slug)

    def title(self, obj=None):
        return f"{identity.site_name()} · {obj.name}动态"

    def link(self, obj=None):
        return obj.get_absolute_url()

    def description(self, obj=None):
        return f"{obj.name}的最新动态"

    def articles(self, obj):
        return Article.objects.published().for_department(obj)


class DepartmentAtom(DepartmentFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj=None):
        return self.description(obj)
