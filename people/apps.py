"""The people app: departments, leaders and reporters; it knows nothing of articles."""

from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save

from newsroom.caching import keys
from newsroom.caching.versions import purge


def purge_official(instance, **kwargs):
    """A leader's name, photo or titles: the columns, the leaders' page and every
    page that names them."""
    purge(keys.LEADERS, keys.official_tag(instance.pk))


def purge_position(instance, **kwargs):
    purge(keys.LEADERS, keys.official_tag(instance.official_id))


def purge_department(instance, **kwargs):
    tags = [keys.DEPARTMENTS, keys.department_tag(instance.pk)]
    if instance.parent_id:
        tags.append(keys.department_tag(instance.parent_id))  # it lists its children
    purge(*tags)


def purge_reporter(instance, **kwargs):
    purge(keys.reporter_tag(instance.pk))


class PeopleConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "people"
    verbose_name = "领导、部门与作者"

    def ready(self):
        """Public pages show leaders, departments and reporters: a change purges
        the pages that show the one changed (newsroom.caching)."""
        receivers = {
            "Official": purge_official,
            "Position": purge_position,
            "Department": purge_department,
            "Reporter": purge_reporter,
        }
        for name, receiver in receivers.items():
            model = self.get_model(name)
            uid = f"cache-{name}"
            post_save.connect(receiver, sender=model, dispatch_uid=uid)
            post_delete.connect(receiver, sender=model, dispatch_uid=uid)
