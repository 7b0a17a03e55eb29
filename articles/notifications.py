"""What the desk is told after workflow steps commit: a notification in each
person's to-do list (待办, the bell in the admin), optionally an e-mail (Django's
e-mail framework, ``NOTIFY_BY_EMAIL``), and a line to the group-chat robots
(``newsroom.robots``).

Called by ``articles.services`` once a step has committed, with what the message
needs; it knows nothing of the workflow's rules itself. A mail server or a robot
that is down is logged, never turned into an error: the step has happened.
"""

import logging
import smtplib

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.mail import send_mass_mail
from django.db.models import Q
from django.urls import reverse

from newsroom import robots
from people.names import person_name

from .models import Notification

logger = logging.getLogger(__name__)
Kind = Notification.Kind


def users_with_permission(codename):
    permission = Permission.objects.filter(
        content_type__app_label="articles", codename=codename
    ).first()
    users = get_user_model().objects.filter(is_active=True)
    if permission is None:
        return users.filter(is_superuser=True)
    return users.filter(
        Q(groups__permissions=permission)
        | Q(user_permissions=permission)
        | Q(is_superuser=True)
    ).distinct()


def admin_url(article):
    path = reverse("admin:articles_article_change", args=[article.pk])
    return f"{settings.SITE_URL}{path}"


def _send(subject, body, recipients):
    """Send, or log why not: the step this tells of has committed already, and a
    mail server that is down must not turn it into an error page."""
    addresses = sorted({user.email for user in recipients if user.email})
    if not addresses or not settings.NOTIFY_BY_EMAIL:
        return
    try:
        send_mass_mail(
            [(subject, body, settings.DEFAULT_FROM_EMAIL, [a]) for a in addresses],
            fail_silently=False,
        )
    except (OSError, smtplib.SMTPException):
        logger.exception("通知邮件未能发出：%s（%d 个收件人）", subject, len(addresses))


def _notify(kind, article, recipients, *, text, subject, body, actor=None):
    """The to-do item for each recipient (not the one who acted), the e-mail, and
    one line for the robots."""
    users = {u.pk: u for u in recipients if u.is_active and u != actor}
    Notification.objects.bulk_create(
        [
            Notification(user=user, kind=kind, article=article, text=text)
            for user in users.values()
        ]
    )
    _send(subject, body, users.values())
    if settings.NOTIFY_WEBHOOK_URLS:
        robots.post_text(f"{subject}\n{text}\n{admin_url(article)}")


def _author_and_bylined(article):
    users = [article.author] if article.author else []
    users += [b.reporter.user for b in article.bylines.select_related("reporter__user")]
    return [u for u in users if u is not None and u.is_active]


def article_submitted(article, *, level_name, final):
    """Tell the editors a draft waits for them: for the last of several levels,
    those who may sign it (the chief editors); otherwise every reviewer."""
    codename = "publish_article" if final else "review_article"
    editors = users_with_permission(codename).exclude(pk=article.author_id)
    _notify(
        Kind.SUBMITTED,
        article,
        editors,
        text=f"《{article.title}》等待{level_name}",
        subject=f"【待审】{article.title}",
        body=f"稿件《{article.title}》等待{level_name}。\n\n{admin_url(article)}\n",
    )


def article_returned(article, comment, *, actor=None):
    _notify(
        Kind.RETURNED,
        article,
        _author_and_bylined(article),
        actor=actor,
        text=f"《{article.title}》被退回修改：{comment}"[:500],
        subject=f"【退回】{article.title}",
        body=f"稿件《{article.title}》被退回修改。\n\n退回意见：{comment}\n\n"
        f"{admin_url(article)}\n",
    )


def article_published(article, *, actor=None):
    when = "已发布" if article.is_published() else "已签发，将定时发布"
    _notify(
        Kind.APPROVED,
        article,
        _author_and_bylined(article),
        actor=actor,
        text=f"《{article.title}》{when}",
        subject=f"【{when}】{article.title}",
        body=f"稿件《{article.title}》{when}。\n\n{settings.SITE_URL}"
        f"{article.get_absolute_url()}\n",
    )


def article_passed(article, *, level_name, actor=None):
    """A lower review level signed: the author knows it is on its way."""
    _notify(
        Kind.APPROVED,
        article,
        _author_and_bylined(article),
        actor=actor,
        text=f"《{article.title}》已{level_name}通过，等待下一级审核",
        subject=f"【{level_name}通过】{article.title}",
        body=f"稿件《{article.title}》已{level_name}通过，等待下一级审核。\n\n"
        f"{admin_url(article)}\n",
    )


def article_corrected(article, note, *, actor=None):
    _notify(
        Kind.CORRECTED,
        article,
        _author_and_bylined(article),
        actor=actor,
        text=f"《{article.title}》已更正：{note}"[:500],
        subject=f"【更正】{article.title}",
        body=f"已发布的稿件《{article.title}》有更正。\n\n更正说明：{note}\n\n"
        f"{admin_url(article)}\n",
    )


def mentioned_users(text):
    """Active staff named in ``text`` as @姓名 (as the desk calls them) or
    @login. A newsroom has dozens of accounts, so every name is tried."""
    if "@" not in text and "＠" not in text:
        return []
    text = text.replace("＠", "@")
    staff = get_user_model().objects.filter(is_active=True, is_staff=True)
    found = []
    for user in staff.select_related("reporter"):
        names = {person_name(user), user.get_username()}
        if any(f"@{name}" in text for name in names if name):
            found.append(user)
    return found


def comment_mentions(article, comment, *, actor):
    """Tell those a review comment names (@景静) that they were mentioned."""
    users = mentioned_users(comment)
    if not users:
        return
    who = person_name(actor)
    _notify(
        Kind.MENTIONED,
        article,
        users,
        actor=actor,
        text=f"{who}在《{article.title}》的意见中提到您：{comment}"[:500],
        subject=f"【提到您】{article.title}",
        body=f"{who}在稿件《{article.title}》的审稿意见中提到您：\n\n{comment}\n\n"
        f"{admin_url(article)}\n",
    )
