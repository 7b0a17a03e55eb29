"""An article's versions: its history, comparing a past version with the article
as it is and restoring it (through the services), and recovering deleted ones."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from reversion.models import Version

from articles import editing, services
from articles.editorial.diff import version_changes
from articles.models import Article
from newsroom import audit


class VersionViewsMixin:
    def history_view(self, request, object_id, extra_context=None):
        self._article_or_404(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        """Compare a past version with the article as it is, and restore it."""
        article = self._article_or_404(request, object_id)
        version = get_object_or_404(
            Version.objects.get_for_object(article).select_related("revision__user"),
            pk=version_id,
        )
        can_restore = services.can_edit(request.user, article)
        if request.method == "POST":
            try:
                editing.article_restore(
                    article=article,
                    version=version,
                    actor=request.user,
                    note=request.POST.get("note", ""),
                )
            except (services.WorkflowError, ValidationError) as error:
                messages.error(request, getattr(error, "message", str(error)))
            else:
                messages.success(request, "已恢复该历史版本的内容。")
                return redirect("admin:articles_article_change", article.pk)
        context = self.desk_context(
            request,
            f"历史版本：{article.title}",
            article=article,
            version=version,
            changes=version_changes(article, version),
            can_restore=can_restore,
            needs_note=article.status == Article.Status.PUBLISHED,
        )
        return TemplateResponse(request, "admin/articles/article/version.html", context)

    def recoverlist_view(self, request, extra_context=None):
        if not request.user.has_perm("articles.delete_article"):
            raise PermissionDenied
        return super().recoverlist_view(request, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        """Recover a deleted article, as a draft, through the services. Versions
        of articles that exist are not offered here (their history restores
        content only)."""
        if not request.user.has_perm("articles.delete_article"):
            raise PermissionDenied
        if not str(version_id).isdigit():
            raise Http404("没有这个版本。")
        version = (
            Version.objects.get_deleted(Article)
            .select_related("revision__user")
            .filter(pk=int(version_id))
            .first()
        )
        if version is None:
            raise Http404("没有这篇已删除的稿件。")
        if request.method == "POST":
            try:
                article = services.article_recover(version=version, actor=request.user)
            except (services.WorkflowError, ValidationError) as error:
                messages.error(request, getattr(error, "message", str(error)))
            else:
                audit.record("recover", request=request, article=article.pk)
                messages.success(request, f"已恢复《{article.title}》，作为草稿。")
                return redirect("admin:articles_article_change", article.pk)
        context = self.desk_context(
            request,
            f"恢复已删除的稿件：{version.object_repr}",
            version=version,
            fields=version.field_dict,
        )
        return TemplateResponse(request, "admin/articles/article/recover.html", context)
