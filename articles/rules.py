"""The workflow's rules that need no table: review levels and their names, who has
signed this round, who may edit an article now, what is backdating, the error a
refused step raises, and the shape of a row of the workflow table (``Step``).
``services`` holds the table and takes the steps; these only answer questions."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from newsroom import identity

from .models import Article, ReviewLog

Status = Article.Status
Action = ReviewLog.Action


class WorkflowError(PermissionDenied):
    """A step the actor may not take, or not from the article's current state."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message

    def __str__(self):
        return self.message


# A publication time this much before the signature is not backdating (the form
# shows minutes; the editor typed "now" a little while ago).
BACKDATE_MARGIN = datetime.timedelta(minutes=10)


def is_backdated(article, now=None):
    """Whether the article carries a publication time earlier than now (by more
    than the minutes a form's time is rounded to) that it never had in public:
    signing it then is backdating (倒签), which needs its own permission."""
    if article.published_at is None or article.has_gone_public():
        return False
    now = now or timezone.now()
    return article.published_at < now - BACKDATE_MARGIN


def review_levels():
    """Set by a site admin (网站设置), else REVIEW_LEVELS."""
    return identity.review_levels()


def level_name(level, levels=None):
    levels = levels or review_levels()
    if levels == 1:
        return "审签"
    if level == levels:
        return "终审"
    return "初审" if level == 1 else "复审"


def next_level(article):
    return article.review_level + 1


def last_submitter(article):
    """Who sent the article to review most recently (an id), or None."""
    return (
        article.review_logs.filter(action=Action.SUBMIT)
        .order_by("-pk")
        .values_list("actor_id", flat=True)
        .first()
    )


def round_signers(article):
    """Users who approved a level below the one to sign now, since the article
    was last submitted (a cancelled schedule leaves the last level to sign again,
    by the one who signed it before if need be)."""
    last_submit = (
        article.review_logs.filter(action=Action.SUBMIT).order_by("-pk").first()
    )
    if last_submit is None:
        return set()
    return set(
        article.review_logs.filter(
            pk__gt=last_submit.pk,
            action__in=[Action.APPROVE, Action.PUBLISH],
            level__lt=next_level(article),
        ).values_list("actor_id", flat=True)
    )


def can_edit(user, article):
    """May ``user`` change the article's content through the admin form?"""
    if not user.is_active or not user.has_perm("articles.change_article"):
        return False
    is_author = article.author_id == user.pk
    if article.status in (Status.DRAFT, Status.RETURNED):
        return is_author or user.has_perm("articles.review_article")
    if article.status == Status.IN_REVIEW:
        return user.has_perm("articles.review_article")
    if article.status == Status.PUBLISHED:
        return user.has_perm("articles.correct_article")
    return False


@dataclass(frozen=True)
class Step:
    """One workflow transition, as the services take it and the desk shows it."""

    label: str  # the action's name in messages: 不能{label}
    starts_from: frozenset
    function: Callable
    button: str  # on the desk's button
    comment: str = ""  # the comment box's label; "" for none
    comment_required: bool = False
    comment_argument: str = "comment"  # the function's name for the comment
    acknowledges: bool = False  # takes the editor's acknowledgement of cautions
    primary: bool = False  # the desk's default button
    # The desk's button saves the article form first, so that nothing typed and
    # not yet saved is left behind (the step then takes the saved copy).
    saves_form: bool = False
    confirm: str = ""  # the question the desk asks before taking the step
    done: Callable = None  # article → what the desk says after the step

    def take(self, *, article, actor, comment="", acknowledge=False):
        kwargs = {self.comment_argument: comment}
        if self.acknowledges:
            kwargs["acknowledge"] = acknowledge
        return self.function(article=article, actor=actor, **kwargs)

    def button_label(self, article):
        """The desk's button: the approve step names the level it signs."""
        if not self.acknowledges:
            return self.button
        level = next_level(article)
        if level != review_levels():
            return f"{level_name(level)}通过"
        if article.published_at and article.published_at > timezone.now():
            local = timezone.localtime(article.published_at)
            return f"{level_name(level)}通过并定时签发（{local:%Y-%m-%d %H:%M}）"
        return f"{level_name(level)}通过并签发"
