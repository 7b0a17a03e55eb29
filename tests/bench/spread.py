"""The spread benchmark: readers over 2,000 pages while the newsroom works.

Half of the requests go to the front page, the lists and the 50 newest articles,
half to a long tail (older articles, days of the archive, leaders', departments'
and tags' pages, deep list pages). Each target — the app with its page cache in
Redis, and Varnish in front of it — is measured quiet and then "working": a
reporter saves a draft every 10 s and an editor publishes every 60 s
(``bench_writer``). wrk counts the cache hits from the X-Cache / X-Varnish-Cache
headers.
"""

import random
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from django.conf import settings

from articles import pagination
from articles.models import Article
from people.models import Department, Official
from tests.varnish import Varnish, free_port, varnish_installed

LUA = """
local paths = {%(paths)s}
local threads = {}
function setup(thread)
  table.insert(threads, thread)
end
function init(args)
  hits, total = 0, 0
  math.randomseed(os.time() + math.floor(os.clock() * 1e6))
end
function request()
  return wrk.format(nil, paths[math.random(#paths)])
end
function response(status, headers, body)
  total = total + 1
  if headers["%(header)s"] == "hit" then hits = hits + 1 end
end
function done(summary, latency, requests)
  local h, t = 0, 0
  for _, thread in ipairs(threads) do
    h = h + thread:get("hits"); t = t + thread:get("total")
  end
  io.write(string.format("HITS %%d TOTAL %%d\\n", h, t))
end
"""


def spread_paths(seed=2023):
    """2,000 request paths: 1,000 to the hot pages, 1,000 to the long tail."""
    rng = random.Random(seed)
    live = Article.objects.published().order_by("-published_at", "-pk")
    newest = [a.get_absolute_url() for a in live[:50]]
    officials = list(Official.objects.filter(slug__startswith="bench-").order_by("pk"))
    departments = list(
        Department.objects.filter(slug__startswith="bench-").order_by("pk")
    )
    hot_people = [o.get_absolute_url() for o in officials[:10]]
    hot_people += [d.get_absolute_url() for d in departments[:10]]
    hot = ["/"] * 200 + ["/archive/"] * 100 + newest * 10 + hot_people * 10
    ids = list(live.values_list("pk", flat=True)[50:])
    older = Article.objects.in_bulk(rng.sample(ids, min(600, len(ids))))
    tail = [a.get_absolute_url() for a in older.values()]
    days = list(live.dates("published_at", "day"))
    for day in rng.sample(days, min(200, len(days))):
        tail.append(f"/archive/{day.year}/{day.month}/{day.day}/")
    tail += [o.get_absolute_url() for o in officials[10:]]
    tail += [d.get_absolute_url() for d in departments[10:]]
    tail += [f"/tags/bench-{i}/" for i in range(1, 20)]
    total = live.count()
    for _ in range(1000 - len(tail)):
        position = rng.randrange(100, max(101, total - 1))
        cursor = live[position]
        tail.append(f"/archive/?after={pagination.encode(cursor)}")
    return hot[:1000] + tail[:1000]


def wrk(url, paths, header, duration, connections):
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(
            LUA % {"paths": ",".join(f'"{p}"' for p in paths), "header": header}
        )
    output = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency",
         "-s", script.name, url],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    Path(script.name).unlink()
    return output


def writer(env, seconds):
    """The newsroom at work, in a process of its own (as the desk would be)."""
    return subprocess.Popen(
        [sys.executable, "manage.py", "bench_writer", "--seconds", str(seconds)],
        env=env,
        cwd=settings.BASE_DIR,
        stdout=subprocess.DEVNULL,
    )


def hits(output):
    found = re.search(r"HITS (\d+) TOTAL (\d+)", output)
    return int(found[1]) / max(1, int(found[2])) if found else 0.0


def varnish_port():
    """The port Varnish will listen on, or None where it is not installed."""
    return free_port() if varnish_installed() else None


def varnish_in_front(tmp, backend_port, port):
    """Varnish in front of the running app (its probe needs the app up)."""
    return Varnish(Path(tmp), backend_port, storage="malloc,256m", port=port)
