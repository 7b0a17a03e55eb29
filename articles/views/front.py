"""The front page and the article page."""

from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import DetailView, TemplateView

from articles.cache_tags import page_tags
from articles.models import Article, article_page
from newsroom.caching import keys
from newsroom.caching.versions import tagged


class HomeView(TemplateView):
    template_name = "articles/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        tagged(keys.NEWEST)
        public = Article.objects.published().newest_first().lean()
        lead = public.filter(featured=True).first() or public.first()
        others = public.exclude(pk=lead.pk) if lead else public
        headline = ("pk", "slug", "title", "published_at")

        def block(id_, title, more, articles):
            return {
                "id": id_,
                "title": title,
                "more": reverse(more),
                "articles": articles.only(*headline)[:8],
            }

        blocks = [
            block(
                "leader-news-heading", "领导活动", "official_list",
                others.with_officials(),
            ),
            block(
                "department-news-heading", "部门动态", "department_list",
                others.with_departments(),
            ),
        ]  # fmt: skip

        context.update(
            lead=lead,
            # The items fetch their bylines and departments (article_items tag).
            latest=others[:12],
            blocks=blocks,
        )
        return context


class ArticleDetailView(DetailView):
    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def get_object(self, queryset=None):
        # With its bylines, leaders, departments, tags, corrections and e-paper
        # page (articles/models/detail.py): on PostgreSQL one statement.
        article = article_page(self.kwargs["pk"])
        if article is None:
            raise Http404("没有这篇稿件。")
        return article

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        # The id is the identity; the slug only decorates. Any other spelling of the
        # URL redirects permanently to the canonical one.
        if kwargs.get("slug") != self.object.slug:
            return redirect(self.object, permanent=True)
        return self.render_to_response(self.get_context_data(object=self.object))

    def get_context_data(self, **kwargs):
        # The page depends on each relation it shows (their tags purge it).
        tagged(*page_tags(self.object))
        return super().get_context_data(
            detail=self.object,
            # The e-paper page it appeared on (its date), for the 见报 line.
            print_day=self.object.print_day,
            **kwargs,
        )
