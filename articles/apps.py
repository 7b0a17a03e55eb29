"""The articles app: connects its models to the search dictionary and the cache."""

from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save

from newsroom.caching import versions


class ArticlesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "articles"
    verbose_name = "稿件"

    def ready(self):
        """Signals for infrastructure only: the search dictionary and the public
        cache (``newsroom.caching``), which know no models of their own."""
        # Models can be imported only once the apps are loaded, hence here.
        from taggit.models import Tag

        from people.models import Department, Official, Position, Reporter

        from .models import Article, Byline, Correction, TaggedArticle
        from .search import forget_user_words

        for model in (Official, Department):
            uid = f"search-{model.__name__}"
            post_save.connect(forget_user_words, sender=model, dispatch_uid=uid)
            post_delete.connect(forget_user_words, sender=model, dispatch_uid=uid)

        # Any change to what public pages show empties their cache.
        watched = [Article, Byline, Correction, TaggedArticle, Tag]
        watched += [Official, Position, Department, Reporter]
        for model in watched:
            uid = f"cache-{model.__name__}"
            post_save.connect(versions.invalidate, sender=model, dispatch_uid=uid)
            post_delete.connect(versions.invalidate, sender=model, dispatch_uid=uid)
        for through in (Article.officials.through, Article.departments.through):
            uid = f"cache-{through.__name__}"
            m2m_changed.connect(versions.invalidate, sender=through, dispatch_uid=uid)
        # Pages are kept no longer than the next scheduled publication.
        versions.set_go_live_source(Article.objects.next_go_live)
