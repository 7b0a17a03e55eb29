"""The article form's workflow panel and the views it posts to: one view for every
transition of ``services.WORKFLOW`` (and the form's own step buttons, which save
the form first), accepting suggested leaders and departments."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from reversion.models import Version

from articles import editing, services
from articles.editorial import checks
from articles.editorial.diff import version_changes
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
            # Django's own titles read "修改 稿件", "查看 稿件".
            editable = self.has_change_permission(request, article)
            extra_context.setdefault("title", "修改稿件" if editable else "查看稿件")
        return super().change_view(request, object_id, form_url, extra_context)

    def add_view(self, request, form_url="", extra_context=None):
        extra_context = extra_context or {}
        extra_context.setdefault("title", "新建稿件")
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
            "since_submission": self.since_last_submission(article),
            "review_logs": article.review_logs.select_related("actor"),
            "review_levels": levels,
            "next_level_name": (
                services.level_name(services.next_level(article), levels)
                if article.status == Article.Status.IN_REVIEW
                else ""
            ),
            **self.autosave_context(request, article),
        }

    @staticmethod
    def since_last_submission(article):
        """For an article sent back to review: the version it was submitted in the
        time before, and what has changed since (the reviewer's question after a
        return: what did the author change?). None on a first submission."""
        if article.status != Article.Status.IN_REVIEW:
            return None
        submitted = (
            Version.objects.get_for_object(article)
            .filter(revision__comment="送审")
            .select_related("revision")
            .order_by("-pk")[1:2]
        )
        version = next(iter(submitted), None)
        if version is None:
            return None
        return {"version": version, "changes": version_changes(article, version)}

    def response_change(self, request, obj):
        """A step whose button sits in the article form (送审): the form has just
        been saved, so the step takes what the person typed, not an older copy."""
        step = services.WORKFLOW.get(request.POST.get("_workflow", ""))
        if step is None or not step.saves_form:
            return super().response_change(request, obj)
        try:
            article = step.take(article=obj, actor=request.user)
        except services.WorkflowError as error:
            messages.warning(
                request, f"修改已保存，但未能{step.label}：{error.message}"
            )
        else:
            messages.success(
                request, f"《{article.title}》已保存，{step.done(article)}"
            )
        if self.get_queryset(request).filter(pk=obj.pk).exists():
            return redirect("admin:articles_article_change", obj.pk)
        return redirect("admin:articles_article_changelist")

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
