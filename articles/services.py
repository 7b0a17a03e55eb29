"""Every change of an article's workflow state happens here, and only here.

Each transition is one atomic function with keyword-only arguments: it locks the
article, checks the state and the actor's permission, changes and validates the
article, saves it as a new version, writes the review log row, and registers
notifications to be sent once the transaction has committed. Admin buttons, views
and management commands all call these functions; nothing else assigns ``status``
(a test walks the code to hold that).

``WORKFLOW`` is the one table of the transitions: for each action, the states it
starts from, its function, its label, whether it needs a comment, and what the
desk says when it is done. The desk's buttons, its one POST view and the tests
loop over it. A new step is a function here and a row in the table. The
questions the steps ask (review levels, who signed, who may edit) are answered in
``rules``; what a version brings back besides the article, in ``revisions``.
"""

import reversion
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from newsroom import audit
from people.names import person_name

from . import notifications
from .editorial import checks
from .models import Article, Correction, ReviewLog
from .revisions import restore_related, set_existing_links
from .rules import (  # the rules are part of the services' API
    BACKDATE_MARGIN,
    Step,
    WorkflowError,
    can_edit,
    is_backdated,
    last_submitter,
    level_name,
    next_level,
    review_levels,
    round_signers,
)

__all__ = [
    "BACKDATE_MARGIN",
    "WORKFLOW",
    "WorkflowError",
    "allowed_actions",
    "awaiting_signature",
    "can_edit",
    "check_transition",
    "is_backdated",
    "last_submitter",
    "level_name",
    "next_level",
    "review_levels",
    "round_signers",
]

Status = Article.Status
Action = ReviewLog.Action


def check_transition(action, article, user):
    """Raise ``WorkflowError`` unless ``user`` may take ``action`` now."""
    if action not in WORKFLOW:
        raise WorkflowError("未知的操作。")
    label = WORKFLOW[action].label
    if article.status not in WORKFLOW[action].starts_from:
        raise WorkflowError(
            f"稿件当前状态为“{article.get_status_display()}”，不能{label}。"
        )
    if not user.is_active:
        raise WorkflowError("账号已停用。")
    if action == "submit":
        if article.author_id != user.pk and not user.has_perm(
            "articles.review_article"
        ):
            raise WorkflowError("只能送审自己的稿件。")
        if not user.has_perm("articles.change_article"):
            raise WorkflowError("您没有送审稿件的权限。")
    elif action in ("approve", "return"):
        if not user.has_perm("articles.review_article"):
            raise WorkflowError(f"您没有审稿权限，不能{label}。")
        if action == "approve":
            _check_signature(article, user)
    elif action == "recall":
        _check_recall(article, user)
    elif action == "unschedule":
        _check_unschedule(article, user)
    elif action == "withdraw" and not user.has_perm("articles.withdraw_article"):
        raise WorkflowError("您没有撤稿权限。")


def _check_recall(article, user):
    """Only the one who sent it, and only while no reviewer has signed."""
    if not user.has_perm("articles.change_article"):
        raise WorkflowError("您没有修改稿件的权限，不能撤回送审。")
    if user.pk not in (article.author_id, last_submitter(article)):
        raise WorkflowError("只能撤回自己送审的稿件。")
    if article.review_level > 0:
        raise WorkflowError("已有审稿人签字，不能撤回送审；如需修改请联系审稿人退回。")


def _check_unschedule(article, user):
    """Cancelling a schedule takes the right to sign the last level."""
    if not article.is_scheduled():
        raise WorkflowError("稿件不是定时签发（或已到发布时间），不能取消定时。")
    needed = "publish_article" if review_levels() > 1 else "review_article"
    if not user.has_perm(f"articles.{needed}"):
        raise WorkflowError("您没有签发权限，不能取消定时签发。")


def _authorize(action, article, actor):
    """``check_transition`` for a step being taken: a refusal is audited."""
    try:
        check_transition(action, article, actor)
    except WorkflowError as error:
        audit.record(
            "denied",
            user=actor,
            action=action,
            article=article.pk,
            status=article.status,
            reason=error.message,
        )
        raise


def _check_signature(article, user):
    levels = review_levels()
    level = next_level(article)
    if level == levels and levels > 1 and not user.has_perm("articles.publish_article"):
        raise WorkflowError(f"{level_name(level)}须由具有终审签发权限的总编辑签字。")
    if levels > 1:
        if article.author_id == user.pk:
            raise WorkflowError("多级审稿时，作者不能审签自己的稿件。")
        if user.pk in round_signers(article):
            raise WorkflowError("您已签过本轮的较低审级，下一级须由其他人审签。")


def allowed_actions(article, user):
    """The transitions ``user`` may take now, for showing buttons."""
    allowed = []
    for action in WORKFLOW:
        try:
            check_transition(action, article, user)
        except WorkflowError:
            continue
        allowed.append(action)
    return allowed


def awaiting_signature(user, articles=None):
    """The articles in review whose next signature ``user`` may give now (the
    desk's 待我审核), the longest waiting first."""
    if not user.has_perm("articles.review_article"):
        return []
    articles = Article.objects.in_review() if articles is None else articles
    waiting = []
    for article in articles.select_related("author__reporter"):
        try:
            check_transition("approve", article, user)
        except WorkflowError:
            continue
        waiting.append(article)
    return waiting


def lock_article(article):
    """Re-read the article under a row lock, so two clicks cannot both pass checks."""
    return Article.objects.select_for_update().get(pk=article.pk)


def _save(article, *, actor, comment):
    article.updated_by = actor
    article.full_clean()
    with reversion.create_revision():
        reversion.set_user(actor)
        reversion.set_comment(comment)
        article.save()


def log_step(
    article,
    *,
    actor,
    action,
    from_status,
    level=None,
    comment="",
    acknowledged=(),
    backdated=False,
):
    event = {
        "user": actor,
        "article": article.pk,
        "title": article.title,
        "from_status": from_status,
        "to_status": article.status,
    }
    transaction.on_commit(lambda: audit.record(action, **event))
    if comment:
        transaction.on_commit(
            lambda: notifications.comment_mentions(article, comment, actor=actor)
        )
    return ReviewLog.objects.create(
        acknowledged=list(acknowledged),
        article=article,
        actor=actor,
        actor_name=person_name(actor),
        action=action,
        from_status=from_status,
        to_status=article.status,
        level=level,
        comment=comment,
        backdated=backdated,
    )


def require_text(text, what):
    text = (text or "").strip()
    if not text:
        raise WorkflowError(f"请填写{what}。")
    return text


@transaction.atomic
def article_submit(*, article: Article, actor, comment: str = "") -> Article:
    article = lock_article(article)
    _authorize("submit", article, actor)
    from_status = article.status
    article.status = Status.IN_REVIEW
    article.review_level = 0
    article.submitted_at = timezone.now()
    _save(article, actor=actor, comment="送审")
    log_step(
        article,
        actor=actor,
        action=Action.SUBMIT,
        from_status=from_status,
        comment=comment,
    )
    _notify_signers(article)
    return article


@transaction.atomic
def article_recall(*, article: Article, actor, comment: str = "") -> Article:
    """Take back a submission nobody has signed yet: the article is a draft again
    and its author may edit it."""
    article = lock_article(article)
    _authorize("recall", article, actor)
    from_status = article.status
    article.status = Status.DRAFT
    article.review_level = 0
    article.submitted_at = None
    _save(article, actor=actor, comment="撤回送审")
    log_step(
        article,
        actor=actor,
        action=Action.RECALL,
        from_status=from_status,
        comment=comment,
    )
    return article


def _notify_signers(article):
    """Once committed, tell those who may sign the next level that it waits."""
    level = next_level(article)
    final = level == review_levels() and review_levels() > 1
    label = level_name(level)
    transaction.on_commit(
        lambda: notifications.article_submitted(article, level_name=label, final=final)
    )


def _check_findings(article, acknowledge):
    """Editorial checks: blocks stop approval, cautions need an acknowledgement."""
    findings = checks.run_checks(article)
    blocking = [f for f in findings if f.severity == checks.BLOCK]
    if blocking:
        raise WorkflowError(
            "有必须修改的问题，不能审签：" + "；".join(f.message for f in blocking)
        )
    cautions = [f.message for f in findings if f.severity == checks.CAUTION]
    if cautions and not acknowledge:
        raise WorkflowError(
            f"审校发现 {len(cautions)} 条提示，请逐条核对并勾选“已核对”后再审签："
            + "；".join(cautions)
        )
    return cautions


@transaction.atomic
def article_approve(
    *,
    article: Article,
    actor,
    comment: str = "",
    acknowledge: bool = False,
    publish_at=None,
) -> Article:
    """Sign the next review level; the last level publishes (or schedules).

    Runs the editorial checks first: a "block" finding refuses, "caution" findings
    must be acknowledged (``acknowledge=True``) and are recorded in the review log.
    ``publish_at`` (the desk's 定时签发, for several articles at once) signs the
    last level with that future publication time.
    """
    article = lock_article(article)
    _authorize("approve", article, actor)
    level = next_level(article)
    final = level == review_levels()
    if publish_at is not None:
        if not final:
            raise WorkflowError(
                f"稿件等待{level_name(level)}，终审签发时才能定时发布。"
            )
        if publish_at <= timezone.now():
            raise WorkflowError("定时发布的时间须晚于现在。")
    acknowledged = _check_findings(article, acknowledge)
    from_status = article.status
    article.review_level = level
    if publish_at is not None:
        article.published_at = publish_at
    backdated = final and is_backdated(article)
    if backdated and not actor.has_perm("articles.backdate_article"):
        raise WorkflowError(
            "发布时间早于现在（倒签），须由有倒签权限的人签发；"
            "请清空发布时间或改为现在以后。"
        )
    if final:
        article.status = Status.PUBLISHED
        if article.published_at is None:
            article.published_at = timezone.now()
        # The first publication's time stays, whatever later edits do.
        article.first_published_at = article.first_published_at or (
            article.published_at
        )
    _save(article, actor=actor, comment="签发" if final else f"{level_name(level)}通过")
    if backdated:
        local = timezone.localtime(article.published_at)
        comment = f"【倒签】发布时间为 {local:%Y-%m-%d %H:%M}，早于签发时间。{comment}"
    log_step(
        article,
        actor=actor,
        action=Action.PUBLISH if final else Action.APPROVE,
        from_status=from_status,
        level=level,
        comment=comment,
        acknowledged=acknowledged,
        backdated=backdated,
    )
    # The author hears of publication; the next level's signers of a passed level.
    if final:
        transaction.on_commit(
            lambda: notifications.article_published(article, actor=actor)
        )
    else:
        label = level_name(level)
        transaction.on_commit(
            lambda: notifications.article_passed(article, level_name=label, actor=actor)
        )
        _notify_signers(article)
    return article


@transaction.atomic
def article_return(*, article: Article, actor, comment: str) -> Article:
    article = lock_article(article)
    _authorize("return", article, actor)
    comment = require_text(comment, "退回意见")
    from_status = article.status
    article.status = Status.RETURNED
    article.review_level = 0
    _save(article, actor=actor, comment="退回")
    log_step(
        article,
        actor=actor,
        action=Action.RETURN,
        from_status=from_status,
        comment=comment,
    )
    transaction.on_commit(
        lambda: notifications.article_returned(article, comment, actor=actor)
    )
    return article


@transaction.atomic
def article_unschedule(*, article: Article, actor, comment: str = "") -> Article:
    """Cancel a scheduled publication before its time, without withdrawing: the
    article waits for the last signature again, with no publication time, so
    nothing goes public until someone signs it anew (and sets a time if wanted)."""
    article = lock_article(article)
    _authorize("unschedule", article, actor)
    from_status = article.status
    scheduled_for = timezone.localtime(article.published_at)
    article.status = Status.IN_REVIEW
    article.review_level = review_levels() - 1
    article.published_at = None
    article.first_published_at = None  # it never went public
    _save(article, actor=actor, comment="取消定时签发")
    log_step(
        article,
        actor=actor,
        action=Action.UNSCHEDULE,
        from_status=from_status,
        comment=comment or f"原定 {scheduled_for:%Y-%m-%d %H:%M} 发布",
    )
    return article


@transaction.atomic
def article_withdraw(*, article: Article, actor, reason: str) -> Article:
    article = lock_article(article)
    _authorize("withdraw", article, actor)
    reason = require_text(reason, "撤稿理由")
    from_status = article.status
    article.status = Status.WITHDRAWN
    _save(article, actor=actor, comment="撤稿")
    log_step(
        article,
        actor=actor,
        action=Action.WITHDRAW,
        from_status=from_status,
        comment=reason,
    )
    return article


@transaction.atomic
def article_correct(*, article: Article, actor, note: str) -> Correction:
    """Record a correction of a published article (the edit itself is saved first)."""
    if article.status != Status.PUBLISHED:
        raise WorkflowError("只有已发布的稿件需要更正说明。")
    if not actor.has_perm("articles.correct_article"):
        raise WorkflowError("您没有更正已发布稿件的权限。")
    note = require_text(note, "更正说明")
    correction = Correction.objects.create(article=article, note=note, created_by=actor)
    # 更正 shows as 更新时间 on the page; the publication time stays.
    article.revised_at = correction.created_at
    Article.objects.filter(pk=article.pk).update(revised_at=article.revised_at)
    transaction.on_commit(
        lambda: notifications.article_corrected(article, note, actor=actor)
    )
    log_step(
        article,
        actor=actor,
        action=Action.CORRECT,
        from_status=article.status,
        comment=note,
    )
    return correction


def log_created(*, article: Article, actor) -> ReviewLog:
    return log_step(
        article, actor=actor, action=Action.CREATE, from_status=article.status
    )


# Fields a recovered article takes from its last version; the workflow's own
# fields (status, review level, times of submission and publication) start afresh.
RECOVERED_FIELDS = [*Article.CONTENT_FIELDS, "slug", "author_id", "import_notes"]


@transaction.atomic
def article_recover(*, version, actor) -> Article:
    """Bring back a deleted article from its last version, as a draft.

    Only an article that no longer exists can be recovered, and only by someone who
    may delete articles; it goes through the workflow again from the start (a
    withdrawn or published article never comes back public by this door).
    """
    if not actor.is_active or not actor.has_perm("articles.delete_article"):
        raise WorkflowError("您没有恢复已删除稿件的权限。")
    if version.content_type.model_class() is not Article:
        raise WorkflowError("这不是稿件的版本。")
    if Article.objects.filter(pk=version.object_id).exists():
        raise WorkflowError(
            "这篇稿件没有被删除，不能从这里恢复；请用“历史”恢复其内容。"
        )
    fields = version.field_dict
    article = Article(pk=int(version.object_id), status=Status.DRAFT)
    for name in RECOVERED_FIELDS:
        if name in fields:
            setattr(article, name, fields[name])
    if (
        article.author_id
        and not get_user_model().objects.filter(pk=article.author_id).exists()
    ):
        article.author_id = None
    article.updated_by = actor
    article.full_clean(validate_unique=False)
    with reversion.create_revision():
        reversion.set_user(actor)
        reversion.set_comment("恢复已删除的稿件（作为草稿）")
        article.save(force_insert=True)
        set_existing_links(article, fields)
        restore_related(article, version)
    log_step(
        article,
        actor=actor,
        action=Action.RESTORE,
        from_status=fields.get("status", Status.DRAFT),
        comment="恢复已删除的稿件，作为草稿重新走审稿流程",
    )
    return article


def _approved(article):
    if article.is_scheduled():
        local = timezone.localtime(article.published_at)
        return f"已定时签发，将于 {local:%Y-%m-%d %H:%M} 自动发布。"
    if article.status == Status.PUBLISHED:
        return "已签发。"
    return f"已{level_name(article.review_level)}通过，转下一级审核。"


WORKFLOW = {
    "submit": Step(
        label="送审",
        starts_from=frozenset({Status.DRAFT, Status.RETURNED}),
        function=article_submit,
        button="送审",
        primary=True,
        saves_form=True,
        done=lambda article: "已送审。",
    ),
    "recall": Step(
        label="撤回送审",
        starts_from=frozenset({Status.IN_REVIEW}),
        function=article_recall,
        button="撤回送审",
        done=lambda article: "已撤回送审，可继续修改后再送审。",
    ),
    "approve": Step(
        label="审核通过",
        starts_from=frozenset({Status.IN_REVIEW}),
        function=article_approve,
        button="审核通过",
        comment="审签意见（可选）",
        acknowledges=True,
        primary=True,
        done=_approved,
    ),
    "return": Step(
        label="退回",
        starts_from=frozenset({Status.IN_REVIEW}),
        function=article_return,
        button="退回修改",
        comment="退回意见（必填）",
        comment_required=True,
        done=lambda article: "已退回作者修改。",
    ),
    "unschedule": Step(
        label="取消定时签发",
        starts_from=frozenset({Status.PUBLISHED}),
        function=article_unschedule,
        button="取消定时签发",
        confirm="确定取消定时签发吗？稿件将回到待签发，不会按时发布。",
        done=lambda article: (
            "已取消定时签发，稿件回到待签发；重新签发前可修改发布时间。"
        ),
    ),
    "withdraw": Step(
        label="撤稿",
        starts_from=frozenset({Status.PUBLISHED}),
        function=article_withdraw,
        button="撤稿",
        comment="撤稿理由（必填）",
        comment_required=True,
        comment_argument="reason",
        confirm="确定撤稿吗？稿件将立即从网站撤下。",
        done=lambda article: "已撤稿，稿件已从网站撤下。",
    ),
}
