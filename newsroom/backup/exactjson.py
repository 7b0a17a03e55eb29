"""``dumpdata``'s JSON, with times kept to the microsecond.

Django's JSON encoder cuts times to milliseconds, so a backup written with it
would not restore exactly what was stored. Registered as the ``exactjson``
serialization format (settings.SERIALIZATION_MODULES).
"""

import datetime

from django.core.serializers.json import (
    Deserializer,  # noqa: F401  (the format's reader: the plain JSON one)
    DjangoJSONEncoder,
)
from django.core.serializers.json import Serializer as JSONSerializer


class ExactEncoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, (datetime.datetime, datetime.time)):
            return o.isoformat()
        return super().default(o)


class Serializer(JSONSerializer):
    def _init_options(self):
        super()._init_options()
        self.json_kwargs["cls"] = ExactEncoder
