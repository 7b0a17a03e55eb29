"""What both backup formats share: the .tar.gz, its media members, progress.

Media files are read through the storage API (so an S3 bucket is backed up the
same way) and go into the archive one at a time through a spooled temporary file:
memory stays flat however many and however large they are. An archive is written
under a temporary name beside its destination and renamed only when complete, so
a failed backup leaves no half-written file (nor replaces a good one).
"""

import io
import os
import re
import shutil
import tarfile
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from django.core.files import File
from django.core.files.storage import default_storage


class BackupError(Exception):
    pass


# What a media name may not hold: control characters, backslashes, colons.
UNSAFE_NAME = re.compile(r"[\x00-\x1f\x7f\\:]")
CHUNK = 1024 * 1024


def megabytes(size):
    return f"{size / 1e6:,.1f} MB"


class Progress:
    """One line that a person can read while a long step runs: rewritten in place
    on a terminal at most four times a second, a line every ten seconds in a log
    (cron, systemd), nothing at verbosity 0."""

    def __init__(self, stdout, verbosity=1):
        self.out = stdout
        self.quiet = verbosity < 1
        self.tty = bool(getattr(stdout, "isatty", lambda: False)())
        self.interval = 0.25 if self.tty else 10.0
        self.started = time.monotonic()
        self.shown = None
        self.open = False

    def elapsed(self):
        return f"{time.monotonic() - self.started:,.1f} 秒"

    def update(self, text):
        if self.quiet:
            return
        now = time.monotonic()
        if self.shown is not None and now - self.shown < self.interval:
            return
        self.shown = now
        if self.tty:
            self.out.write(f"\r{text}\x1b[K", ending="")
            self.out.flush()
            self.open = True
        else:
            self.out.write(text)

    def line(self, text):
        """A line that stays (a step done, a result)."""
        if self.quiet:
            return
        if self.open:
            self.out.write("\r\x1b[K", ending="")
            self.open = False
        self.out.write(text)
        self.shown = None


def add_member(archive, name, data):
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(time.time())
    archive.addfile(info, io.BytesIO(data))


def add_file(archive, name, path):
    """A file on disk into the archive, streamed."""
    info = tarfile.TarInfo(name)
    info.size = os.path.getsize(path)
    info.mtime = int(time.time())
    with open(path, "rb") as source:
        archive.addfile(info, source)


def media_names(directory=""):
    """Every file in the default storage (none when the media root is missing)."""
    try:
        directories, files = default_storage.listdir(directory)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield f"{directory}/{name}" if directory else name
    for sub in sorted(directories):
        yield from media_names(f"{directory}/{sub}" if directory else sub)


def add_media(archive, progress):
    """Every media file into the archive, one at a time; return (files, bytes)."""
    names = list(media_names())
    total = 0
    for number, name in enumerate(names, 1):
        with (
            default_storage.open(name) as stored,
            tempfile.SpooledTemporaryFile(max_size=8 * CHUNK) as copy,
        ):
            # Copied first so that the header's size is the size of what is read.
            shutil.copyfileobj(stored, copy, CHUNK)
            info = tarfile.TarInfo(f"media/{name}")
            info.size = copy.tell()
            info.mtime = int(time.time())
            copy.seek(0)
            archive.addfile(info, copy)
        total += info.size
        progress.update(f"媒体文件 {number:,}/{len(names):,}（{megabytes(total)}）")
    return len(names), total


@contextmanager
def new_archive(path, compresslevel=6):
    """A .tar.gz written under a temporary name and renamed to ``path`` when the
    block succeeds; removed when it fails. Readable by its owner only: it holds
    password hashes and two-factor secrets."""
    target = Path(path).resolve()
    descriptor, partial = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".partial", dir=target.parent
    )
    try:
        with (
            os.fdopen(descriptor, "wb") as raw,
            tarfile.open(fileobj=raw, mode="w:gz", compresslevel=compresslevel) as tar,
        ):
            yield tar
        os.replace(partial, target)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise


def safe_media_name(name):
    """Relative, no traversal, no hidden or empty parts, no control characters."""
    parts = name.split("/")
    return (
        0 < len(name) <= 500
        and not UNSAFE_NAME.search(name)
        and all(
            part and not part.startswith(".") and len(part) <= 200 for part in parts
        )
    )


def read_archive(path):
    """The open archive and its file members by name (the whole archive is read
    once, so a truncated one is refused here), media names checked."""
    try:
        archive = tarfile.open(path, "r:gz")
        members = {m.name: m for m in archive.getmembers() if m.isfile()}
    except (OSError, tarfile.TarError, EOFError) as error:
        raise BackupError(f"无法读取备份文件 {path}：{error}") from error
    media = {
        name.removeprefix("media/"): member
        for name, member in members.items()
        if name.startswith("media/")
    }
    for name in media:
        if not safe_media_name(name):
            archive.close()
            raise BackupError(f"备份中的文件名不安全：{name[:200]}")
    return archive, members, media


def read_text(archive, member, limit=1024 * 1024):
    if member.size > limit:
        raise BackupError(f"备份中的 {member.name} 过大。")
    try:
        return archive.extractfile(member).read().decode()
    except (OSError, tarfile.TarError, EOFError, UnicodeDecodeError) as error:
        raise BackupError(f"备份中的 {member.name} 无法读出：{error}") from error


class MediaWriter:
    """Writes media files so that they can all be taken back: a file it replaced
    is kept aside until the restore has succeeded."""

    def __init__(self, directory):
        self.aside = Path(directory) / "aside"
        self.written, self.replaced = [], []

    def write(self, name, source):
        if default_storage.exists(name):
            kept = self.aside / name
            kept.parent.mkdir(parents=True, exist_ok=True)
            with default_storage.open(name) as old, open(kept, "wb") as copy:
                shutil.copyfileobj(old, copy)
            self.replaced.append(name)
            default_storage.delete(name)
        self.written.append(default_storage.save(name, File(source, name=name)))

    def write_all(self, archive, media, progress):
        # One file at a time from the archive, never all at once.
        for number, (name, member) in enumerate(media.items(), 1):
            self.write(name, archive.extractfile(member))
            progress.update(f"媒体文件 {number:,}/{len(media):,}")

    def take_back(self):
        for name in self.written:
            default_storage.delete(name)
        for name in self.replaced:
            with open(self.aside / name, "rb") as kept:
                default_storage.save(name, File(kept, name=name))
