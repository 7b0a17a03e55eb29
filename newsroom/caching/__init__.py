"""The public cache: what every app uses to keep anonymous pages and their parts.

``keys`` builds every cache key; ``versions`` keeps the content version (bumped on
commit by ``invalidate``) and stores values under it; ``middleware`` serves whole
anonymous pages; ``redis_backend`` is Django's Redis cache with one client per pool.
The apps connect their models' signals to ``versions.invalidate`` and tell
``versions`` when the next scheduled publication falls (``set_go_live_source``);
this package imports nothing from them.
"""
