"""The articles app: connects its models to the search dictionary and the cache."""

from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save

from newsroom.caching import versions


class ArticlesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "articles"
    verbose_name = "稿件"

    def ready(self):
        """Signals for infrastructure only: the search dictionary, the public
        cache (``newsroom.caching``), which know no models of their own, and the
        e-paper's files."""
        # Models can be imported only once the apps are loaded, hence here.
        from taggit.models import Tag

        from people.models import Department, Official

        from . import cache_tags
        from .epaper.pages import delete_page_files
        from .models import Article, Page
        from .search import forget_user_words

        for model in (Official, Department):
            uid = f"search-{model.__name__}"
            post_save.connect(forget_user_words, sender=model, dispatch_uid=uid)
            post_delete.connect(forget_user_words, sender=model, dispatch_uid=uid)

        # A change the public sees purges the pages that show it (cache_tags).
        cache_tags.connect(Tag)
        # Pages are kept no longer than the next scheduled publication; when it
        # comes, the lists it joins are purged.
        versions.set_go_live_source(Article.objects.next_go_live, cache_tags.went_live)
        # A page deleted (or replaced, or its edition deleted) takes its PDF and
        # pictures with it once the deletion is committed.
        post_delete.connect(delete_page_files, sender=Page, dispatch_uid="page-files")
