"""What ``make`` installs is the lock: every transitive pin, each with its hashes."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LOCKS = {
    "runtime.in": ROOT / "requirements.txt",
    "dev.in": ROOT / "requirements" / "dev.txt",
    "load.in": ROOT / "requirements" / "load.txt",
    "audit.in": ROOT / "requirements" / "audit.txt",
}
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)")
NAME = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)")


def normal(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(lock):
    """{name: (version, number of hashes)} of a lock file."""
    found, current = {}, None
    for line in lock.read_text(encoding="utf-8").splitlines():
        if match := PIN.match(line):
            current = normal(match[1])
            found[current] = [match[2], 0]
        elif line.strip().startswith("--hash=sha256:") and current:
            found[current][1] += 1
        elif line.strip() and not line.lstrip().startswith("#"):
            assert line.startswith(" "), f"{lock.name}: not a pin: {line}"
    return found


def top_level(source):
    names = set()
    for line in (ROOT / "requirements" / source).read_text().splitlines():
        line = line.split("#")[0].strip()
        if line.startswith("-r "):
            names |= top_level(line[3:])
        elif line and not line.startswith("-"):
            names.add(normal(NAME.match(line)[1]))
    return names


@pytest.mark.parametrize("source", LOCKS)
def test_every_requirement_is_pinned_with_its_hashes(source):
    locked = pins(LOCKS[source])
    assert top_level(source) <= set(locked), top_level(source) - set(locked)
    assert all(hashes for _, hashes in locked.values()), [
        name for name, (_, hashes) in locked.items() if not hashes
    ]


def test_the_dev_and_load_locks_run_what_production_runs():
    runtime = pins(LOCKS["runtime.in"])
    for source in ("dev.in", "load.in"):
        other = pins(LOCKS[source])
        assert {n: other[n][0] for n in runtime} == {
            n: v for n, (v, _) in runtime.items()
        }


def test_make_installs_only_from_the_locks_checking_hashes():
    makefile = (ROOT / "Makefile").read_text()
    installs = [
        line for line in makefile.splitlines() if re.search(r"pip install .*-r ", line)
    ]
    assert installs
    for line in installs:
        assert "$(PIP_INSTALL)" in line or "--require-hashes" in line, line
    assert "PIP_INSTALL := $(BIN)/pip install --quiet --require-hashes" in makefile
    assert "-r requirements-" not in makefile  # the old unlocked files are gone
