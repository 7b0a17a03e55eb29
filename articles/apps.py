from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class ArticlesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "articles"
    verbose_name = "稿件"

    def ready(self):
        # Infrastructure only: the search dictionary follows the people's names.
        from people.models import Department, Official

        from .search import forget_user_words

        for model in (Official, Department):
            post_save.connect(
                forget_user_words, sender=model, dispatch_uid=f"search-{model}"
            )
            post_delete.connect(
                forget_user_words, sender=model, dispatch_uid=f"search-d-{model}"
            )
