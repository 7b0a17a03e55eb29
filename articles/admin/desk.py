"""Admin views around the article form: workflow buttons, preview, sign-off sheet,
version restore, body image upload, autosave and tag autocomplete."""

import json

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control
from reversion.models import Version
from taggit.models import Tag

from articles import checks, images, services
from articles.diff import version_changes
from articles.forms import AUTOSAVED_FIELDS, ImportEditionForm
from articles.importer import EditionError, import_edition, read
from articles.linking import find_entities
from articles.models import Article, ArticleAutosave
from articles.views import article_parts
from newsroom import uploads
from people.models import Department, Official


class DeskViewsMixin:
    def get_urls(self):
        view = self.admin_site.admin_view
        routes = [
            ("tag-autocomplete/", self.tag_autocomplete_view, "tag_autocomplete"),
            ("upload-image/", self.upload_image_view, "upload_image"),
            ("autosave/", self.autosave_view, "autosave"),
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
            ("import/", self.import_view, "import"),
        ]
        urls = [
            path(route, view(method), name=f"articles_article_{name}")
            for route, method, name in routes
        ]
        return urls + super().get_urls()

    def _article_or_404(self, request, object_id):
        """An article the user may at least view; others do not exist for them."""
        # get_queryset() already limits reporters to their own articles.
        article = self.get_queryset(request).filter(pk=unquote(object_id)).first()
        if article is None or not self.has_view_permission(request):
            raise Http404("稿件不存在或无权查看。")
        return article

    # The change form and its workflow panel

    def change_view(self, request, object_id, form_url="", extra_context=None):
        article = self.get_queryset(request).filter(pk=unquote(object_id)).first()
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
        findings = checks.run_checks(article)
        return {
            "findings": findings,
            "has_cautions": any(f.severity == checks.CAUTION for f in findings),
            "suggestions": self.entity_suggestions(article)
            if services.can_edit(request.user, article)
            else None,
            "workflow_actions": actions,
            "workflow_needs_comment": {"return", "withdraw"},
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
        text = checks.article_text(article)
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
            services.article_link_entities(
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

    def import_view(self, request):
        """Upload a plain-text page; preview it (dry run) or store it as drafts."""
        if not request.user.has_perm("articles.review_article"):
            raise PermissionDenied
        result = error = None
        form = ImportEditionForm(
            request.POST or None, request.FILES or None, request=request
        )
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                result = import_edition(
                    read(data["file"].read(), data["file"].name),
                    edition_date=data["edition_date"],
                    page_number=data["page_number"],
                    page_name=data["page_name"],
                    actor=request.user,
                    dry_run=data["dry_run"],
                )
            except EditionError as exc:
                error = str(exc)
            else:
                if not data["dry_run"]:
                    flagged = (
                        f"，其中 {len(result.flagged)} 篇标为“需人工处理”"
                        if result.flagged
                        else ""
                    )
                    messages.success(
                        request,
                        f"已导入 {len(result.drafts)} 篇草稿"
                        f"{flagged}，跳过已存在的 {len(result.skipped)} 篇。",
                    )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "导入版面稿件",
            "form": form,
            "result": result,
            "error": error,
            "dry_run": form.cleaned_data.get("dry_run")
            if form.is_bound and form.is_valid()
            else False,
        }
        return TemplateResponse(request, "admin/articles/article/import.html", context)

    # Workflow transitions: one POST per button, each calling one service function

    def transition_view(self, request, object_id, action):
        if request.method != "POST":
            raise PermissionDenied("只接受 POST。")
        article = self._article_or_404(request, object_id)
        comment = request.POST.get("comment", "")
        try:
            if action == "submit":
                services.article_submit(
                    article=article, actor=request.user, comment=comment
                )
                done = "已送审。"
            elif action == "approve":
                article = services.article_approve(
                    article=article,
                    actor=request.user,
                    comment=comment,
                    acknowledge=request.POST.get("acknowledge") == "1",
                )
                level = services.level_name(article.review_level)
                done = (
                    "已签发。"
                    if article.status == Article.Status.PUBLISHED
                    else f"已{level}通过，转下一级审核。"
                )
            elif action == "return":
                services.article_return(
                    article=article, actor=request.user, comment=comment
                )
                done = "已退回作者修改。"
            elif action == "withdraw":
                services.article_withdraw(
                    article=article, actor=request.user, reason=comment
                )
                done = "已撤稿，稿件已从网站撤下。"
            else:
                raise Http404("未知的操作。")
        except services.WorkflowError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, f"《{article.title}》{done}")
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
                "parts": article_parts(article, request, preview=True),
            },
        )
        # A preview must never be stored by a browser or a proxy.
        add_never_cache_headers(response)
        patch_cache_control(response, private=True, no_store=True)
        return response

    def signoff_view(self, request, object_id):
        article = self._article_or_404(request, object_id)
        logs = article.review_logs.select_related("actor")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": f"审签单：{article.title}",
            "article": article,
            "logs": logs,
            "levels": services.review_levels(),
            "signatures": [
                (services.level_name(log.level), log)
                for log in logs
                if log.action in ("approve", "publish")
            ],
            "printed_at": timezone.localtime(),
        }
        return TemplateResponse(request, "admin/articles/article/signoff.html", context)

    # Versions

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
                services.article_restore(
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
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": f"历史版本：{article.title}",
            "article": article,
            "version": version,
            "changes": version_changes(article, version),
            "can_restore": can_restore,
            "needs_note": article.status == Article.Status.PUBLISHED,
        }
        return TemplateResponse(request, "admin/articles/article/version.html", context)

    def recoverlist_view(self, request, extra_context=None):
        if not request.user.has_perm("articles.delete_article"):
            raise PermissionDenied
        return super().recoverlist_view(request, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        if not request.user.has_perm("articles.delete_article"):
            raise PermissionDenied
        return super().recover_view(request, version_id, extra_context)

    # JSON endpoints used by the article form's script (articles/desk.js)

    def tag_autocomplete_view(self, request):
        """select2's JSON for the tag box: existing tags containing the term."""
        if not self.has_view_or_change_permission(request):
            return JsonResponse({"error": "无权限"}, status=403)
        term = request.GET.get("term", "").strip()
        tags = Tag.objects.order_by("name")
        if term:
            tags = tags.filter(name__icontains=term)
        names = list(tags.values_list("name", flat=True)[:20])
        return JsonResponse(
            {
                "results": [{"id": n, "text": n} for n in names],
                "pagination": {"more": False},
            }
        )

    @staticmethod
    def _may_write(request):
        return request.user.has_perm("articles.add_article") or request.user.has_perm(
            "articles.change_article"
        )

    def upload_image_view(self, request):
        """Store an image for the article body; answer with its URL."""
        if request.method != "POST":
            return JsonResponse({"error": "只接受 POST。"}, status=405)
        if not self._may_write(request):
            return JsonResponse({"error": "无权上传图片。"}, status=403)
        upload = request.FILES.get("image")
        if "image" in uploads.refused_fields(request):
            return JsonResponse({"error": uploads.refused_message()}, status=400)
        if upload is None:
            return JsonResponse({"error": "请选择要上传的图片。"}, status=400)
        try:
            image = images.clean_upload(upload)
        except ValidationError as error:
            return JsonResponse({"error": " ".join(error.messages)}, status=400)
        now = timezone.localtime()
        name = default_storage.save(f"body/{now:%Y/%m}/{image.name}", image)
        return JsonResponse({"url": default_storage.url(name)})

    def autosave_view(self, request):
        """Keep what the user is typing; POST JSON {article, data} or {discard}."""
        if request.method != "POST":
            return JsonResponse({"error": "只接受 POST。"}, status=405)
        try:
            payload = json.loads(request.body or b"{}")
        except ValueError:
            return JsonResponse({"error": "数据格式错误。"}, status=400)
        article = None
        if payload.get("article"):
            article = self.get_queryset(request).filter(pk=payload["article"]).first()
            if article is None or not services.can_edit(request.user, article):
                return JsonResponse({"error": "无权修改该稿件。"}, status=403)
        elif not request.user.has_perm("articles.add_article"):
            return JsonResponse({"error": "无权新建稿件。"}, status=403)
        if payload.get("discard"):
            ArticleAutosave.objects.filter(user=request.user, article=article).delete()
            return JsonResponse({"discarded": True})
        data = payload.get("data") or {}
        data = {name: str(data.get(name, ""))[:200_000] for name in AUTOSAVED_FIELDS}
        autosave, _ = ArticleAutosave.objects.update_or_create(
            user=request.user, article=article, defaults={"data": data}
        )
        saved = timezone.localtime(autosave.saved_at)
        return JsonResponse({"saved_at": f"{saved:%H:%M:%S}"})
