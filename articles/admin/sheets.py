"""The pages the desk prints or previews: an article as the public will see it,
and the sign-off sheet (审签单) with a box per review level and the article's text."""

from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control

from articles import services
from articles.models import Article
from people.names import person_name


class SheetsMixin:
    def desk_routes(self):
        return [
            *super().desk_routes(),
            ("<path:object_id>/preview/", self.preview_view, "preview"),
            ("<path:object_id>/signoff/", self.signoff_view, "signoff"),
        ]

    def preview_view(self, request, object_id):
        article = self._article_or_404(request, object_id)
        article = Article.objects.with_detail_data().get(pk=article.pk)
        response = TemplateResponse(
            request,
            "articles/article_detail.html",
            {
                "article": article,
                "detail": article,
                "preview": True,
                "origin": f"{request.scheme}://{request.get_host()}",
            },
        )
        # A preview must never be stored by a browser or a proxy.
        add_never_cache_headers(response)
        patch_cache_control(response, private=True, no_store=True)
        return response

    @staticmethod
    def signature_boxes(logs):
        """Each review level with its signature of the current round, or None: a
        box for a hand-written signature on the printed sheet."""
        signed = {}
        for log in logs:
            if log.action == "submit":
                signed = {}
            elif log.action in ("approve", "publish"):
                signed[log.level] = log
        levels = range(1, services.review_levels() + 1)
        return [(services.level_name(n), signed.get(n)) for n in levels]

    def signoff_view(self, request, object_id):
        article = self._article_or_404(request, object_id)
        logs = article.review_logs.select_related("actor")
        context = self.desk_context(
            request,
            f"审签单：{article.title}",
            article=article,
            logs=logs,
            levels=services.review_levels(),
            boxes=self.signature_boxes(logs),
            author_name=person_name(article.author),
            printed_at=timezone.localtime(),
        )
        return TemplateResponse(request, "admin/articles/article/signoff.html", context)
