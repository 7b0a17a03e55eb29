"""The people app: departments, leaders and reporters; it knows nothing of articles."""

from django.apps import AppConfig


class PeopleConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "people"
    verbose_name = "领导、部门与作者"
