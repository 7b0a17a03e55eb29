"""What every desk view shares: its routes, the article it acts on (or a 404), and
the admin page context."""

from django.contrib.admin.utils import unquote
from django.http import Http404
from django.urls import path

from newsroom.inputs import object_id as object_id_or_404


class DeskBase:
    """Mixed into ``ArticleAdmin`` after the desk mixins. Each mixin adds its views
    to ``desk_routes()``; they come before the admin's own (whose
    ``<path:object_id>/`` would swallow them)."""

    def desk_routes(self):
        return []

    def get_urls(self):
        view = self.admin_site.admin_view
        urls = [
            path(route, view(method), name=f"articles_article_{name}")
            for route, method, name in self.desk_routes()
        ]
        return urls + super().get_urls()

    def _visible_article(self, request, object_id):
        """The article of a desk URL among those the user's list shows, or None."""
        # get_queryset() already limits reporters to their own articles.
        pk = object_id_or_404(unquote(object_id))
        return self.get_queryset(request).filter(pk=pk).first()

    def _article_or_404(self, request, object_id):
        """An article the user may at least view; others do not exist for them."""
        article = self._visible_article(request, object_id)
        if article is None or not self.has_view_permission(request):
            raise Http404("稿件不存在或无权查看。")
        return article

    def desk_context(self, request, title, **extra):
        """The admin's page context for a desk page titled ``title``."""
        return {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": title,
            **extra,
        }
