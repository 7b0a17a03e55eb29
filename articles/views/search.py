"""Search results."""

import datetime

from django.views.generic import ListView

from articles import search
from articles.forms import SearchForm
from articles.models import Article
from newsroom.caching import keys
from newsroom.caching.versions import tagged, versioned
from newsroom.inputs import local_midnight
from people.models import Department, Official

from .lists import PAGE_SIZE, ArticleListView


class SearchView(ArticleListView):
    """Search results: at most a few hundred ranked rows, so a numbered paginator."""

    template_name = "articles/search.html"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        self.form = SearchForm(self.request.GET or None)
        self.words = []
        articles = Article.objects.published()
        if not self.form.is_valid() or not self.form.cleaned_data["q"].strip():
            return articles.none()
        data = self.form.cleaned_data
        if data["start"]:
            articles = articles.filter(published_at__gte=local_midnight(data["start"]))
        if data["end"]:
            end = local_midnight(data["end"]) + datetime.timedelta(days=1)
            articles = articles.filter(published_at__lt=end)
        if data["official"]:
            articles = articles.for_official(data["official"])
        if data["department"]:
            articles = articles.for_department(data["department"])
        articles, self.words = search.search(articles, data["q"])
        # At most a few hundred ranked ids in one query; pages are cut from this
        # list, so there is no second query to count the results.
        return list(articles.values_list("pk", flat=True))

    def get_context_data(self, **kwargs):
        context = ListView.get_context_data(
            self,
            form=self.form,
            words=self.words,
            heading="检索",
            ranked_matches=search.RANKED_MATCHES,
            choices={
                "official": self.choices(Official),
                "department": self.choices(Department),
            },
            **kwargs,
        )
        ids = list(context["articles"])
        found = Article.objects.filter(pk__in=ids).with_list_data().in_bulk()
        context["articles"] = [found[pk] for pk in ids if pk in found]
        tagged(keys.NEWEST, *(keys.article_tag(pk) for pk in ids))
        for article in context["articles"]:
            article.hl_title = search.marked(article.title, self.words)
            article.hl_excerpt = search.excerpt(article.body, self.words)
        return context

    @staticmethod
    def choices(model):
        """(slug, name) of every official or department for the filters, kept per
        content version: the hundred-odd options are written out by the template."""
        column = keys.LEADERS if model is Official else keys.DEPARTMENTS
        return versioned(
            f"choices:{model._meta.label_lower}",
            tags=[column],
            compute=lambda: list(
                # Leaders in protocol order, as everywhere leaders are listed.
                Official.objects.in_protocol_order().values_list("slug", "name")
                if model is Official
                else model.objects.values_list("slug", "name")
            ),
        )
