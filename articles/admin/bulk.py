"""Steps taken for several articles at once from the article list and the review
queue (批量操作): approve, schedule, return, withdraw. Each article goes through
the same service function as its own button (``services.WORKFLOW``), with the same
checks and one review-log row; what is refused is reported per article, never as
an error page. Deleting in bulk is not offered: deleting is not a step of the
workflow."""

from dataclasses import dataclass

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse

from articles import services
from articles.forms import BulkStepForm
from newsroom.inputs import MAX_ID


@dataclass(frozen=True)
class Bulk:
    """One bulk action: the workflow step it takes, and whether it sets a time."""

    action: str
    title: str
    schedule: bool = False


BULK = {
    "bulk_approve": Bulk("approve", "批量审核通过"),
    "bulk_schedule": Bulk("approve", "批量定时签发", schedule=True),
    "bulk_return": Bulk("return", "批量退回"),
    "bulk_withdraw": Bulk("withdraw", "批量撤稿"),
}


class BulkActionsMixin:
    actions = list(BULK)

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def response_action(self, request, queryset):
        """Django's, for ids a database can hold: anything else selects nothing."""
        selected = request.POST.getlist(helpers.ACTION_CHECKBOX_NAME)
        if not all(s.isascii() and s.isdigit() and int(s) <= MAX_ID for s in selected):
            messages.warning(request, "所选稿件无效，请重新勾选。")
            return None
        return super().response_action(request, queryset)

    def has_review_permission(self, request):
        return request.user.has_perm("articles.review_article")

    def has_withdraw_permission(self, request):
        return request.user.has_perm("articles.withdraw_article")

    @admin.action(description=BULK["bulk_approve"].title, permissions=["review"])
    def bulk_approve(self, request, queryset):
        return self.take_in_bulk(request, queryset, "bulk_approve")

    @admin.action(description=BULK["bulk_schedule"].title, permissions=["review"])
    def bulk_schedule(self, request, queryset):
        return self.take_in_bulk(request, queryset, "bulk_schedule")

    @admin.action(description=BULK["bulk_return"].title, permissions=["review"])
    def bulk_return(self, request, queryset):
        return self.take_in_bulk(request, queryset, "bulk_return")

    @admin.action(description=BULK["bulk_withdraw"].title, permissions=["withdraw"])
    def bulk_withdraw(self, request, queryset):
        return self.take_in_bulk(request, queryset, "bulk_withdraw")

    def take_in_bulk(self, request, queryset, name):
        """First a page that lists the articles and asks for the comment (or the
        time); once it is sent, the step for each article, one by one."""
        bulk = BULK[name]
        step = services.WORKFLOW[bulk.action]
        articles = list(queryset.order_by("pk"))
        form = BulkStepForm(
            request.POST if "apply" in request.POST else None,
            comment_required=step.comment_required,
            schedule=bulk.schedule,
        )
        if form.is_bound and form.is_valid():
            self._take_each(request, bulk, step, articles, form.cleaned_data)
            return None  # back to the list, with a message per article
        rows = [
            (article, self._refusal(bulk, article, request.user))
            for article in articles
        ]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": f"{bulk.title}（{len(articles)} 篇）",
            "form": form,
            "rows": rows,
            "name": name,
            "step": step,
            "bulk": bulk,
            "comment_label": step.comment or "意见（可选）",
        }
        return TemplateResponse(request, "admin/articles/article/bulk.html", context)

    @staticmethod
    def _refusal(bulk, article, user):
        """Why the step would be refused for this article now, or ""."""
        try:
            services.check_transition(bulk.action, article, user)
        except services.WorkflowError as error:
            return error.message
        return ""

    @staticmethod
    def _take_each(request, bulk, step, articles, data):
        done = 0
        for article in articles:
            try:
                if bulk.schedule:
                    article = services.article_approve(
                        article=article,
                        actor=request.user,
                        comment=data["comment"],
                        publish_at=data["publish_at"],
                    )
                else:
                    article = step.take(
                        article=article, actor=request.user, comment=data["comment"]
                    )
            except (services.WorkflowError, ValidationError) as error:
                reason = getattr(error, "message", None) or "；".join(error.messages)
                messages.error(
                    request, f"《{article.title}》未能{step.label}：{reason}"
                )
            else:
                done += 1
                messages.success(request, f"《{article.title}》{step.done(article)}")
        refused = len(articles) - done
        summary = f"{bulk.title}：{done} 篇完成" + (
            f"，{refused} 篇未完成。" if refused else "。"
        )
        messages.info(request, summary)
