"""Queries the ORM builds once per process and database, then runs with new values.

Building a query (filters, joins, compiling it to SQL) costs Django about half a
millisecond; running a small one on PostgreSQL costs a tenth of that. For the few
statements every public page runs, ``Prepared`` keeps the SQL the ORM wrote and
runs it again with each request's values: the query is still written with the
ORM, in one place, and the SQL is the ORM's own.

The values that change are passed to ``build`` as stand-ins (``SENTINELS``), which
are then found in the compiled parameters by type and value, and replaced. A
stand-in the ORM would not pass through as a parameter of its own (a value folded
into the SQL, a list expanded into ``IN (…)``) makes ``Prepared`` refuse, at the
first use, rather than run a query with a stale value.
"""

import datetime
import threading

from django.db import connections, router

# Stand-ins by type of value: unlikely to be real values; the n-th value of a
# type gets the n-th stand-in, so that two of a kind are told apart.
SENTINELS = {
    int: lambda n: -7_654_321 - n,
    datetime.datetime: lambda n: (
        datetime.datetime(1901, 2, 3, 4, 5, 6, 789, datetime.UTC)
        + datetime.timedelta(days=n)
    ),
    datetime.date: lambda n: datetime.date(1901, 2, 3) + datetime.timedelta(days=n),
}


class NotPreparable(Exception):
    pass


def _same(value):
    return value


class Prepared:
    def __init__(self, model, build, **kinds):
        """``build(**values)`` returns a query set of ``model``; ``kinds`` names
        each value's type (``pk=int, now=datetime.datetime``)."""
        self.model = model
        self.build = build
        self.kinds = kinds
        self._compiled = {}
        self._lock = threading.Lock()

    def compiled(self, using):
        """(sql, parameters, {parameter index: value name}) for ``using``."""
        key = (using, connections[using].vendor)
        found = self._compiled.get(key)
        if found is None:
            with self._lock:
                found = self._compiled.get(key) or self._compile(using)
                self._compiled[key] = found
        return found

    def _compile(self, using):
        ops = connections[using].ops
        stand_ins = {
            name: SENTINELS[kind](list(self.kinds.values())[:i].count(kind))
            for i, (name, kind) in enumerate(self.kinds.items())
        }
        # How each value may reach the parameters: as it is, or as the backend
        # adapts a date or a time (SQLite passes them as text).
        adapters = {
            int: [_same],
            datetime.date: [_same, ops.adapt_datefield_value],
            datetime.datetime: [_same, ops.adapt_datetimefield_value],
        }
        queryset = self.build(**stand_ins)
        sql, params = queryset.query.get_compiler(using).as_sql()
        slots = {}
        for index, param in enumerate(params):
            for name, kind in self.kinds.items():
                for adapt in adapters[kind]:
                    form = adapt(stand_ins[name])
                    if type(param) is type(form) and param == form:
                        slots[index] = (name, adapt)
        missing = set(stand_ins) - {name for name, _ in slots.values()}
        folded = any(str(value) in sql for value in stand_ins.values())
        if missing or folded:
            raise NotPreparable(
                f"{sorted(missing) or 'a value'} does not reach the SQL as a parameter"
            )
        return sql, tuple(params), slots

    def statement(self, using, values):
        sql, params, slots = self.compiled(using)
        return sql, [
            slots[i][1](values[slots[i][0]]) if i in slots else param
            for i, param in enumerate(params)
        ]

    def raw(self, using=None, **values):
        """The query run with ``values``: a RawQuerySet of the model's instances,
        with the annotations as attributes."""
        using = using or router.db_for_read(self.model)
        sql, params = self.statement(using, values)
        return self.model._default_manager.db_manager(using).raw(sql, params)

    def rows(self, using=None, **values):
        """The query run with ``values``: its rows as tuples (a ``values_list``)."""
        using = using or router.db_for_read(self.model)
        sql, params = self.statement(using, values)
        with connections[using].cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()
