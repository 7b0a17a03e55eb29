"""What the desk calls a person with an account: the name on their reporter
profile, else their name as Chinese writes it (family name first, no space),
else their login. Review logs, 创建人 and messages show this, never a bare login."""

from django.core.exceptions import ObjectDoesNotExist


def person_name(user):
    if user is None:
        return ""
    try:
        profile = user.reporter
    except (ObjectDoesNotExist, AttributeError):
        profile = None
    if profile is not None and profile.name:
        return profile.name
    full = f"{user.last_name}{user.first_name}".strip()
    return full or user.get_username()
