"""Changes to an article's content outside the workflow's transitions: restoring
a past version and accepting suggested leaders and departments.

Like the transitions in ``services`` they check the actor first, save a new
version and write the review log; they never change the workflow state (a
published article whose version is restored gets a correction note).
"""

import reversion
from django.db import transaction
from django.utils import timezone

from .models import Article
from .revisions import restore_related, set_existing_links
from .services import (
    Action,
    Status,
    WorkflowError,
    article_correct,
    can_edit,
    lock_article,
    log_step,
    require_text,
)


@transaction.atomic
def article_restore(*, article: Article, version, actor, note: str = "") -> Article:
    """Bring back an earlier version's content; the workflow state stays as it is."""
    article = lock_article(article)
    if not can_edit(actor, article):
        raise WorkflowError("您不能修改这篇稿件，因此不能恢复它的历史版本。")
    if article.status == Status.PUBLISHED:
        note = require_text(note, "更正说明（恢复已发布稿件的历史版本即为更正）")
    fields = version.field_dict
    for name in Article.CONTENT_FIELDS:
        if name in fields:
            setattr(article, name, fields[name])
    when = timezone.localtime(version.revision.date_created)
    comment = f"恢复至 {when:%Y-%m-%d %H:%M} 的版本"
    with reversion.create_revision():
        reversion.set_user(actor)
        reversion.set_comment(comment)
        article.updated_by = actor
        article.full_clean()
        article.save()
        set_existing_links(article, fields)
        restore_related(article, version)
    log_step(
        article,
        actor=actor,
        action=Action.RESTORE,
        from_status=article.status,
        comment=comment,
    )
    if article.status == Status.PUBLISHED:
        article_correct(article=article, actor=actor, note=note)
    return article


@transaction.atomic
def article_link_entities(
    *, article: Article, actor, officials, departments
) -> Article:
    """Accept suggested officials and departments for an article."""
    if not can_edit(actor, article):
        raise WorkflowError("您不能修改这篇稿件。")
    with reversion.create_revision():
        reversion.set_user(actor)
        reversion.set_comment("关联建议的领导和部门")
        article.officials.add(*officials)
        article.departments.add(*departments)
        article.updated_by = actor
        article.save()
    return article
