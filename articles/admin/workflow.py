"""The article form's workflow panel and the views it posts to: one view for every
transition of ``services.WORKFLOW``, accepting suggested leaders and departments,
the preview and the sign-off sheet."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control

from articles import editing, services
from articles.editorial import checks
from articles.editorial.linking import find_entities
from articles.models import Article, ArticleAutosave
from people.models import Department, Official


class WorkflowViewsMixin:
    def desk_routes(self):
        return [
            *super().desk_routes(),
            (
                "<path:object_id>/workflow/<str:action>/",
                self.transition_view,
                "workflow",
            ),
            ("<path:object_id>/preview/", self.preview_view, "preview"),
            ("<path:object_id>/signoff/", self.signoff_view, "signoff"),
            (
                "<path:object_id>/link-entities/",
                self.link_entities_view,
                "link_entities",
            ),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        article = self._visible_article(request, object_id)
        extra_context = extra_context or {}
        if article is not None:
            extra_context.update(self.workflow_context(request, article))
        return super().change_view(request, object_id, form_url, extra_context)

    def add_view(self, request, form_url="", extra_context=None):
        extra_context = extra_context or {}
        extra_context.update(self.autosave_context(request, None))
        return super().add_view(request, form_url, extra_context)

    def workflow_context(self, request, article):
        actions = services.allowed_actions(article, request.user)
        levels = services.review_levels()
        steps = [(action, services.WORKFLOW[action]) for action in actions]
        findings = checks.run_checks(article)
        return {
            "findings": findings,
            "has_cautions": any(f.severity == checks.CAUTION for f in findings),
            "suggestions": self.entity_suggestions(article)
            if services.can_edit(request.user, article)
            else None,
            "workflow_steps": [
                (action, step, step.button_label(article)) for action, step in steps
            ],
            "can_submit": "submit" in actions,
            "review_logs": article.review_logs.select_related("actor"),
            "review_levels": levels,
            "next_level_name": (
                services.level_name(services.next_level(article), levels)
                if article.status == Article.Status.IN_REVIEW
                else ""
            ),
            **self.autosave_context(request, article),
        }

    def autosave_context(self, request, article):
        autosave = ArticleAutosave.objects.filter(
            user=request.user, article=article
        ).first()
        if autosave and article is not None and autosave.saved_at <= article.updated_at:
            autosave = None  # older than what is saved; nothing to offer
        return {
            "autosave": autosave,
            "autosave_data": autosave.data if autosave else None,
            "desk_article_id": article.pk if article else "",
        }

    @staticmethod
    def entity_suggestions(article):
        """Officials and departments the text names but the article does not link."""
        text = article.plain_text()
        officials, departments = find_entities(text)
        linked_officials = set(article.officials.values_list("pk", flat=True))
        linked_departments = set(article.departments.values_list("pk", flat=True))
        officials = [o for o in officials if o.pk not in linked_officials]
        departments = [d for d in departments if d.pk not in linked_departments]
        if not officials and not departments:
            return None
        return {"officials": officials, "departments": departments}

    def link_entities_view(self, request, object_id):
        if request.method != "POST":
            raise PermissionDenied("只接受 POST。")
        article = self._article_or_404(request, object_id)
        officials = Official.objects.filter(pk__in=request.POST.getlist("official"))
        departments = Department.objects.filter(
            pk__in=request.POST.getlist("department")
        )
        try:
            editing.article_link_entities(
                article=article,
                actor=request.user,
                officials=officials,
                departments=departments,
            )
        except services.WorkflowError as error:
            messages.error(request, error.message)
        else:
            names = "、".join(
                [o.name for o in officials] + [d.name for d in departments]
            )
            messages.success(request, f"已关联：{names}。")
        return redirect("admin:articles_article_change", article.pk)

    # Workflow transitions: one POST view for every step of services.WORKFLOW

    def transition_view(self, request, object_id, action):
        if request.method != "POST":
            raise PermissionDenied("只接受 POST。")
        step = services.WORKFLOW.get(action)
        if step is None:
            raise Http404("未知的操作。")
        article = self._article_or_404(request, object_id)
        try:
            article = step.take(
                article=article,
                actor=request.user,
                comment=request.POST.get("comment", ""),
                acknowledge=request.POST.get("acknowledge") == "1",
            )
        except services.WorkflowError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, f"《{article.title}》{step.done(article)}")
        if self.get_queryset(request).filter(pk=article.pk).exists():
            return redirect("admin:articles_article_change", article.pk)
        return redirect("admin:articles_article_changelist")

    # Preview and sign-off sheet

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

    def signoff_view(self, request, object_id):
        article = self._article_or_404(request, object_id)
        logs = article.review_logs.select_related("actor")
        context = self.desk_context(
            request,
            f"审签单：{article.title}",
            article=article,
            logs=logs,
            levels=services.review_levels(),
            signatures=[
                (services.level_name(log.level), log)
                for log in logs
                if log.action in ("approve", "publish")
            ],
            printed_at=timezone.localtime(),
        )
        return TemplateResponse(request, "admin/articles/article/signoff.html", context)
