"""A site admin manages the newsroom's accounts and nothing above them.

Each test is a site admin (or a superuser) using the user admin through the test
client as a browser would: the form is read from the page and posted back with
what an attacker would add to it.
"""

import json
import logging

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.urls import reverse

from newsroom import roles
from tests.helpers import form_data, login

pytestmark = pytest.mark.django_db


@pytest.fixture
def site_admin(make_user):
    return make_user(roles.SITE_ADMIN, "sysadmin", first_name="管理员")


@pytest.fixture
def accounts(make_user, django_user_model):
    return {
        "reporter": make_user(roles.REPORTER, "reporter1"),
        "other_admin": make_user(roles.SITE_ADMIN, "sysadmin2"),
        "root": django_user_model.objects.create_superuser(
            "root", "root@example.com", "a-long-root-password"
        ),
    }


def change_url(user):
    return reverse("admin:auth_user_change", args=[user.pk])


def group_id(name):
    return str(Group.objects.get(name=name).pk)


def post_change(client, user, **changes):
    page = client.get(change_url(user))
    assert page.status_code == 200
    data = form_data(page, form_id="user_form")
    data.update(changes)
    return client.post(change_url(user), data)


def test_the_user_list_hides_superusers_and_other_site_admins(site_admin, accounts):
    page = login(site_admin).get(reverse("admin:auth_user_changelist"))

    html = page.content.decode()
    assert "reporter1" in html
    assert "root" not in html
    assert "sysadmin2" not in html


@pytest.mark.parametrize("target", ["root", "other_admin"])
def test_a_superuser_or_another_site_admin_cannot_be_changed(
    site_admin, accounts, target
):
    client = login(site_admin)
    user = accounts[target]
    password_url = reverse("admin:auth_user_password_change", args=[user.pk])

    assert client.get(change_url(user)).status_code in (302, 403, 404)
    client.post(change_url(user), {"username": user.username, "is_active": ""})
    client.post(
        password_url,
        {"password1": "taken-over-1234", "password2": "taken-over-1234"},
    )

    user.refresh_from_db()
    assert user.is_active
    assert not user.check_password("taken-over-1234")


def test_superuser_status_and_single_permissions_cannot_be_given(site_admin, accounts):
    reporter = accounts["reporter"]
    publish = Permission.objects.get(codename="publish_article")

    post_change(
        login(site_admin),
        reporter,
        is_superuser="on",
        user_permissions=[str(publish.pk)],
    )

    reporter.refresh_from_db()
    assert not reporter.is_superuser
    assert not reporter.user_permissions.exists()
    assert not reporter.has_perm("articles.publish_article")


def test_only_the_newsroom_roles_can_be_given(site_admin, accounts):
    client = login(site_admin)
    reporter = accounts["reporter"]
    Group.objects.create(name="自建的组")

    refused = post_change(client, reporter, groups=[group_id(roles.SITE_ADMIN)])
    assert refused.status_code == 200  # the form again, with an error
    assert not reporter.groups.filter(name=roles.SITE_ADMIN).exists()
    post_change(client, reporter, groups=[group_id("自建的组")])
    assert not reporter.groups.filter(name="自建的组").exists()

    post_change(client, reporter, groups=[group_id(roles.CHIEF_EDITOR)])
    names = set(reporter.groups.values_list("name", flat=True))
    assert names == {roles.CHIEF_EDITOR}


def test_a_site_admin_cannot_raise_their_own_roles(site_admin):
    client = login(site_admin)
    page = client.get(change_url(site_admin))
    data = form_data(page, form_id="user_form")
    data["groups"] = [group_id(roles.CHIEF_EDITOR), group_id(roles.SITE_ADMIN)]
    data["is_superuser"] = "on"

    client.post(change_url(site_admin), data)

    site_admin.refresh_from_db()
    assert not site_admin.is_superuser
    assert set(site_admin.groups.values_list("name", flat=True)) == {roles.SITE_ADMIN}


def test_groups_are_read_only_to_site_admins(site_admin):
    client = login(site_admin)
    group = Group.objects.get(name=roles.REPORTER)
    url = reverse("admin:auth_group_change", args=[group.pk])
    publish = Permission.objects.get(codename="publish_article")

    client.post(url, {"name": group.name, "permissions": [str(publish.pk)]})

    assert not group.permissions.filter(pk=publish.pk).exists()
    assert client.get(reverse("admin:auth_group_add")).status_code == 403


def test_a_superuser_makes_site_admins(accounts):
    client = login(accounts["root"])
    reporter = accounts["reporter"]

    post_change(client, reporter, groups=[group_id(roles.SITE_ADMIN)])

    assert reporter.groups.filter(name=roles.SITE_ADMIN).exists()


def test_every_role_change_is_audited(site_admin, accounts, caplog, django_user_model):
    reporter = accounts["reporter"]
    with caplog.at_level(logging.INFO, logger="newsroom.audit"):
        post_change(login(site_admin), reporter, groups=[group_id(roles.EDITOR)])
        # Outside the admin too: the shell, a command.
        accounts["reporter"].is_superuser = True
        accounts["reporter"].save()

    events = [
        json.loads(r.getMessage()) for r in caplog.records if r.name == "newsroom.audit"
    ]
    roles_events = [e for e in events if e["event"] == "roles"]
    assert {
        "account": "reporter1",
        "user": "sysadmin",
        "added": roles.EDITOR,
    }.items() <= (next(e for e in roles_events if e.get("added")).items())
    assert any(e.get("removed") == roles.REPORTER for e in roles_events)
    account = next(e for e in events if e["event"] == "account")
    assert account["account"] == "reporter1" and account["is_superuser"] is True


@pytest.mark.django_db(transaction=True)
def test_migrate_brings_missing_roles_back_and_keeps_a_superusers_changes():
    roles.sync_roles(Group, Permission)  # an earlier transactional test flushed them
    editor = Group.objects.get(name=roles.EDITOR)
    editor.permissions.remove(*editor.permissions.all()[:1])
    changed = editor.permissions.count()
    Group.objects.filter(name=roles.REPORTER).delete()

    call_command("migrate", verbosity=0)

    reporter = Group.objects.get(name=roles.REPORTER)
    assert reporter.permissions.filter(codename="add_article").exists()
    assert Group.objects.get(name=roles.EDITOR).permissions.count() == changed
