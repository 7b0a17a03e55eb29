"""E-mail sent after workflow steps commit (Django's e-mail framework).

Called by ``articles.services`` once a step has committed, with what the message
needs; it knows nothing of the workflow's rules itself.
"""

import logging
import smtplib

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.mail import send_mass_mail
from django.db.models import Q
from django.urls import reverse

logger = logging.getLogger(__name__)


def users_with_permission(codename):
    permission = Permission.objects.filter(
        content_type__app_label="articles", codename=codename
    ).first()
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
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
    if not addresses:
        return
    try:
        send_mass_mail(
            [(subject, body, settings.DEFAULT_FROM_EMAIL, [a]) for a in addresses],
            fail_silently=False,
        )
    except (OSError, smtplib.SMTPException):
        logger.exception("通知邮件未能发出：%s（%d 个收件人）", subject, len(addresses))


def _author_and_bylined(article):
    users = [article.author] if article.author else []
    users += [b.reporter.user for b in article.bylines.select_related("reporter__user")]
    return [u for u in users if u is not None and u.is_active]


def article_submitted(article, *, level_name, final):
    """Tell the editors a draft waits for them: for the last of several levels,
    those who may sign it (the chief editors); otherwise every reviewer."""
    codename = "publish_article" if final else "review_article"
    editors = users_with_permission(codename).exclude(pk=article.author_id)
    _send(
        f"【待审】{article.title}",
        f"稿件《{article.title}》等待{level_name}。\n\n{admin_url(article)}\n",
        editors,
    )


def article_returned(article, comment):
    _send(
        f"【退回】{article.title}",
        f"稿件《{article.title}》被退回修改。\n\n退回意见：{comment}\n\n"
        f"{admin_url(article)}\n",
        _author_and_bylined(article),
    )


def article_published(article):
    when = "已发布" if article.is_published() else "已签发，将定时发布"
    _send(
        f"【{when}】{article.title}",
        f"稿件《{article.title}》{when}。\n\n{settings.SITE_URL}"
        f"{article.get_absolute_url()}\n",
        _author_and_bylined(article),
    )
