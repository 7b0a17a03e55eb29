"""The newsroom's roles, as Django groups with permissions.

Created by migration ``0003_roles``, kept in step by ``manage.py load_demo``, and
recreated by any later ``migrate`` where they are missing.
Role checks in code ask for permissions (``user.has_perm``), never group names, so a
site admin can hand one permission to one person without a new role.
"""

from django.apps import apps as installed_apps

REPORTER = "记者"
EDITOR = "编辑"
CHIEF_EDITOR = "总编辑"
SITE_ADMIN = "系统管理员"
# The roles a site admin may give; only superusers make site admins.
GRANTABLE = [REPORTER, EDITOR, CHIEF_EDITOR]

_PEOPLE_VIEW = [
    "people.view_department",
    "people.view_official",
    "people.view_position",
    "people.view_reporter",
    "people.add_reporter",
]
_ARTICLE_WRITE = [
    "articles.add_article",
    "articles.change_article",
    "articles.view_article",
    "articles.add_byline",
    "articles.change_byline",
    "articles.delete_byline",
    "articles.view_byline",
    "taggit.add_tag",
    "taggit.view_tag",
    "articles.add_mediaimage",
    "articles.change_mediaimage",
    "articles.view_mediaimage",
]
_EDITOR = [
    *_ARTICLE_WRITE,
    *_PEOPLE_VIEW,
    "articles.delete_article",
    "articles.review_article",
    "articles.withdraw_article",
    "articles.correct_article",
    "articles.view_all_articles",
    "articles.view_reviewqueue",
    "articles.view_reviewlog",
    "articles.view_statistics",
    "articles.delete_mediaimage",
    "articles.view_correction",
    "taggit.change_tag",
    "articles.add_sensitiveword",
    "articles.change_sensitiveword",
    "articles.delete_sensitiveword",
    "articles.view_sensitiveword",
    # The e-paper: editions, their pages (uploaded PDFs) and regions.
    *(
        f"articles.{action}_{model}"
        for model in ("edition", "page", "region")
        for action in ("add", "change", "delete", "view")
    ),
    "articles.view_inspection",
    "articles.view_linkcheck",
    "articles.view_departmentcolumn",
]

ROLES = {
    REPORTER: [*_ARTICLE_WRITE, *_PEOPLE_VIEW],
    EDITOR: _EDITOR,
    CHIEF_EDITOR: [*_EDITOR, "articles.publish_article", "articles.backdate_article"],
    SITE_ADMIN: [
        "newsroom.view_sitesettings",
        "newsroom.change_sitesettings",
        "auth.add_user",
        "auth.change_user",
        "auth.view_user",
        "auth.view_group",
        "people.add_department",
        "people.change_department",
        "people.delete_department",
        "people.view_department",
        "people.add_official",
        "people.change_official",
        "people.delete_official",
        "people.view_official",
        "people.add_position",
        "people.change_position",
        "people.delete_position",
        "people.view_position",
        "people.add_reporter",
        "people.change_reporter",
        "people.delete_reporter",
        "people.view_reporter",
        "articles.view_article",
        "articles.view_all_articles",
        "articles.view_inspection",
        "articles.view_linkcheck",
        "articles.add_departmentcolumn",
        "articles.change_departmentcolumn",
        "articles.delete_departmentcolumn",
        "articles.view_departmentcolumn",
        "taggit.add_tag",
        "taggit.change_tag",
        "taggit.delete_tag",
        "taggit.view_tag",
    ],
}


def sync_roles(group_model, permission_model, *, only_missing=False):
    """Create the groups and give each exactly its permissions. Idempotent.

    A permission whose model a migration has not created yet is skipped; the
    migration that creates the model syncs the roles again. ``only_missing``
    creates the groups that are not there and leaves the others as a superuser
    may have changed them.
    """
    for name, codes in ROLES.items():
        group, created = group_model.objects.get_or_create(name=name)
        if only_missing and not created:
            continue
        permissions = []
        for code in codes:
            app_label, codename = code.split(".")
            permission = permission_model.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if permission is not None:
                permissions.append(permission)
        group.permissions.set(permissions)


def sync_roles_migration(apps, schema_editor):
    """For migrations: create missing permissions first, then the groups."""
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after all migrations ran; the groups need
    # them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    sync_roles(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))


def restore_missing_roles(sender, app_config, apps=None, **kwargs):
    """After every ``migrate``: the roles that are missing come back (an operator
    deleted one, or a database was emptied), and the others stay as a superuser may
    have changed them. Runs once, at the last app's signal, when every app's
    permissions exist. Not after ``flush`` (which passes no ``apps``): a restore
    with --replace flushes and then loads the archive's own groups."""
    if apps is None or app_config is not list(installed_apps.get_app_configs())[-1]:
        return
    sync_roles(
        apps.get_model("auth", "Group"),
        apps.get_model("auth", "Permission"),
        only_missing=True,
    )
